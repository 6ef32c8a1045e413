// Watch: expressions evaluated in the selected frame at every pause.
import { useState, type FormEvent } from 'react';
import { EmptyState, Panel } from '../components/Panel.js';
import { useApp, useSession, useUi } from '../components/app-context.js';
import type { Watch } from '../state/ui-state.js';

export function WatchPanel() {
  const app = useApp();
  const watches = useUi((state) => state.watches);
  const paused = useSession((state) => state.paused !== null);
  const [draft, setDraft] = useState('');
  const add = (event: FormEvent) => {
    event.preventDefault();
    const expression = draft.trim();
    if (!expression) return;
    app.inspector.addWatch(expression);
    setDraft('');
  };
  return (
    <Panel title="Watch" className="panel-watch">
      <form onSubmit={add} className="inline-form">
        <input
          className="panel-filter"
          aria-label="Add watch expression"
          placeholder="Add an expression to watch"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
      </form>
      {watches.length === 0 ? (
        <EmptyState>Type an expression above (say <code>len(queue._queue)</code>): it is evaluated at each pause.</EmptyState>
      ) : (
        <ul className="watch-list" aria-label="Watch expressions">
          {watches.map((watch) => <WatchRow key={watch.id} watch={watch} paused={paused} onRemove={() => app.inspector.removeWatch(watch.id)} />)}
        </ul>
      )}
    </Panel>
  );
}

function WatchRow({ watch, paused, onRemove }: { watch: Watch; paused: boolean; onRemove: () => void }) {
  const result = watch.result;
  const value = !paused && !result ? 'not available while running'
    : !result ? '…'
      : result.ok ? result.value : result.error;
  return (
    <li className="watch-row">
      <span className="variable-name">{watch.expression}</span>
      <span className="variable-sep">: </span>
      <span className={result && !result.ok ? 'error-text' : 'variable-value'} title={result?.ok ? result.type : undefined}>{value}</span>
      <button type="button" className="icon-button" aria-label={`Remove watch ${watch.expression}`} onClick={onRemove}>×</button>
    </li>
  );
}
