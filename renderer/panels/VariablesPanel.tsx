// Variables: the selected frame's locals; a value with children expands on demand (each
// expansion is one `inspect.variables` request, answered while the program stays paused).
import { useEffect, useState } from 'react';
import type { Paused, Variable } from '../../core/protocol/index.js';
import { EmptyState, Panel } from '../components/Panel.js';
import { useApp, useSession, useUi } from '../components/app-context.js';
import { errorText } from '../state/inspect.js';

type Loaded = { state: 'loading' } | { state: 'done'; variables: Variable[] } | { state: 'failed'; error: string };

/** Which variables a frame has: the pause carries the innermost user frame's locals. */
function initialLocals(paused: Paused, frameId: number | null): Variable[] | null {
  for (const detail of paused.details) {
    const user = [...detail.stack].reverse().find((frame) => frame.user) ?? detail.stack.at(-1);
    if (user && user.id === frameId) return detail.locals;
  }
  return null;
}

export function VariablesPanel() {
  const paused = useSession((state) => state.paused);
  const frameId = useUi((state) => state.selectedFrameId);
  let body;
  if (!paused) body = <EmptyState>Variables show while the program is paused.</EmptyState>;
  else if (frameId == null) body = <EmptyState>Select a task or a frame to see its variables.</EmptyState>;
  else body = <FrameVariables key={`${paused.snapshot.seq}:${frameId}`} paused={paused} frameId={frameId} />;
  return <Panel title="Variables" className="panel-variables">{body}</Panel>;
}

function FrameVariables({ paused, frameId }: { paused: Paused; frameId: number }) {
  const app = useApp();
  const known = initialLocals(paused, frameId);
  const [loaded, setLoaded] = useState<Loaded>(known ? { state: 'done', variables: known } : { state: 'loading' });
  useEffect(() => {
    if (known) return;
    let live = true;
    app.inspector.variables(frameId).then(
      (variables) => live && setLoaded({ state: 'done', variables }),
      (error: unknown) => live && setLoaded({ state: 'failed', error: errorText(error) }),
    );
    return () => {
      live = false;
    };
    // A pause makes new frame ids: refetch when it changes.
  }, [app, frameId, paused, known]);
  return <VariableTree loaded={loaded} label="Variables" level={1} />;
}

function VariableTree({ loaded, label, level }: { loaded: Loaded; label: string; level: number }) {
  if (loaded.state === 'loading') return <p className="muted">Loading…</p>;
  if (loaded.state === 'failed') return <p className="error-text">{loaded.error}</p>;
  if (loaded.variables.length === 0) return <p className="muted">{level === 1 ? 'No local variables.' : 'Empty.'}</p>;
  return (
    <ul role={level === 1 ? 'tree' : 'group'} aria-label={level === 1 ? label : undefined} className="variable-tree">
      {loaded.variables.map((variable, index) => <VariableItem key={`${variable.name}:${index}`} variable={variable} level={level} />)}
    </ul>
  );
}

function VariableItem({ variable, level }: { variable: Variable; level: number }) {
  const app = useApp();
  const [open, setOpen] = useState(false);
  const [children, setChildren] = useState<Loaded | null>(null);
  const expandable = variable.ref > 0;
  const toggle = () => {
    if (!expandable) return;
    setOpen(!open);
    if (!children) {
      setChildren({ state: 'loading' });
      app.inspector.variables(variable.ref).then(
        (variables) => setChildren({ state: 'done', variables }),
        (error: unknown) => setChildren({ state: 'failed', error: errorText(error) }),
      );
    }
  };
  return (
    <li role="treeitem" aria-level={level} aria-expanded={expandable ? open : undefined} aria-selected={false} aria-label={`${variable.name} = ${variable.value}`}>
      <div className="variable-row" style={{ paddingLeft: 4 + (level - 1) * 14 }} onClick={toggle} title={variable.type}>
        <span className={`twisty ${expandable ? (open ? 'open' : 'closed') : 'none'}`} aria-hidden="true" />
        <span className="variable-name">{variable.name}</span>
        <span className="variable-sep">: </span>
        <span className={`variable-value type-${variable.type}`}>{variable.value}</span>
      </div>
      {open && children ? <VariableTree loaded={children} label={variable.name} level={level + 1} /> : null}
    </li>
  );
}
