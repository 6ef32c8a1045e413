// Futures: pending ones first, with who awaits them and where they were made.
import type { SessionState } from '../../core/model/index.js';
import { EmptyState, Panel } from '../components/Panel.js';
import { useApp, useSession } from '../components/app-context.js';
import { basename } from '../app/file-controller.js';
import { selectFutures, taskName } from '../state/selectors.js';

/** A person reads a few hundred rows, not thousands; the rest is counted. */
const MAX_ROWS = 300;
const futuresOf = (state: SessionState) => selectFutures(state.futures);

export function FuturesPanel() {
  const app = useApp();
  const futures = useSession(futuresOf);
  const session = app.session.get();
  const shown = futures.slice(0, MAX_ROWS);
  return (
    <Panel title="Futures" className="panel-futures" actions={<span className="panel-count">{futures.length}</span>}>
      {futures.length === 0 ? (
        <EmptyState>No futures yet. Futures the program creates (and the tasks awaiting them) show here while it runs.</EmptyState>
      ) : (
        <table className="grid" aria-label="Futures">
          <thead>
            <tr><th scope="col">Future</th><th scope="col">State</th><th scope="col">Awaited by</th><th scope="col">Created at</th></tr>
          </thead>
          <tbody>
            {shown.map((future) => (
              <tr key={future.id}>
                <td title={future.callbacks.join(', ')}>{future.label}</td>
                <td className={`state-${future.state}`}>{future.state}{future.exception ? `: ${future.exception}` : ''}</td>
                <td>
                  {future.awaiters.map((id) => (
                    <button key={id} type="button" className="link-button" onClick={() => app.actions.selectTask(id)}>{taskName(session, id)}</button>
                  ))}
                </td>
                <td>
                  {future.site ? (
                    <button type="button" className="link-button" onClick={() => app.actions.reveal(future.site![0], future.site![1])}>
                      {basename(future.site[0])}:{future.site[1]}
                    </button>
                  ) : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {futures.length > MAX_ROWS ? <p className="muted">{futures.length - MAX_ROWS} more not shown.</p> : null}
    </Panel>
  );
}
