// Why the program stopped, said where the eye goes first: the pause reason (a deadlock names
// its cycle), the end of a run, or why a run could not start.
import { exitHeadline, pauseHeadline } from '../state/selectors.js';
import { usePhase, useSession } from './app-context.js';

export function PauseBanner() {
  const pause = useSession(pauseHeadline);
  const exit = useSession((state) => exitHeadline(state.exit));
  const failure = usePhase().context.failure;
  const error = useSession((state) => state.error?.message ?? null);
  if (pause) {
    return (
      <div className={`banner banner-paused ${pause.title.includes('deadlock') ? 'banner-danger' : ''}`} role="status" aria-label="Pause reason">
        <strong>{pause.title}</strong>
        {pause.detail ? <span> — {pause.detail}</span> : null}
      </div>
    );
  }
  if (failure) return <div className="banner banner-danger" role="alert">Could not run: {failure}</div>;
  if (exit) {
    return (
      <div className={`banner banner-${exit.tone}`} role="status" aria-label="Run result">
        <strong>{exit.text}</strong>
        {error ? <span> — {error}</span> : null}
      </div>
    );
  }
  return null;
}
