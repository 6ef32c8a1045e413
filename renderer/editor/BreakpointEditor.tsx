// The breakpoint's context menu: a condition, a hit count, or a log message instead of a stop.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { breakpointAt } from '../state/ui-state.js';
import { useApp } from '../components/app-context.js';

export interface BreakpointEditorProps {
  line: number;
  x: number;
  y: number;
  onClose: () => void;
}

export function BreakpointEditor({ line, x, y, onClose }: BreakpointEditorProps) {
  const app = useApp();
  const path = app.ui.peek().file?.path;
  const existing = path ? breakpointAt(app.ui.peek(), path, line) : undefined;
  const [condition, setCondition] = useState(existing?.condition ?? '');
  const [hitCount, setHitCount] = useState(existing?.hitCount ? String(existing.hitCount) : '');
  const [logMessage, setLogMessage] = useState(existing?.logMessage ?? '');
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => first.current?.focus(), []);

  if (!path) return null;
  const hits = Number.parseInt(hitCount, 10);
  const hitsValid = hitCount.trim() === '' || (Number.isInteger(hits) && hits > 0);

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!hitsValid) return;
    app.actions.putBreakpoint(path, line, {
      enabled: existing?.enabled ?? true,
      ...(condition.trim() ? { condition: condition.trim() } : {}),
      ...(hitCount.trim() ? { hitCount: hits } : {}),
      ...(logMessage.trim() ? { logMessage: logMessage.trim() } : {}),
    });
    onClose();
  };
  const remove = () => {
    app.actions.putBreakpoint(path, line, null);
    onClose();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') onClose();
  };

  return (
    <div className="popover-backdrop" onMouseDown={onClose}>
      <form
        className="popover breakpoint-editor"
        role="dialog"
        aria-label={`Breakpoint at line ${line}`}
        style={{ left: Math.min(x, window.innerWidth - 340), top: Math.min(y, window.innerHeight - 260) }}
        onMouseDown={(event) => event.stopPropagation()}
        onKeyDown={onKeyDown}
        onSubmit={save}
      >
        <h3>Breakpoint at line {line}</h3>
        <label>
          Condition
          <input ref={first} value={condition} onChange={(e) => setCondition(e.target.value)} placeholder="Stop when this Python expression is true" />
        </label>
        <label>
          Hit count
          <input value={hitCount} onChange={(e) => setHitCount(e.target.value)} inputMode="numeric" placeholder="Stop from this hit on" aria-invalid={!hitsValid} />
        </label>
        <label>
          Log message
          <input value={logMessage} onChange={(e) => setLogMessage(e.target.value)} placeholder="Print this instead of stopping; {x} shows x" />
        </label>
        <div className="popover-buttons">
          {existing ? <button type="button" onClick={remove}>Remove breakpoint</button> : null}
          <span className="spacer" />
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={!hitsValid}>Save</button>
        </div>
      </form>
    </div>
  );
}
