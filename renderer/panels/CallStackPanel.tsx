// Call Stack: the selected task's coroutine stack at the pause, innermost first, and the chain
// of tasks awaiting it. Picking a frame points Variables and Evaluate at it.
import { basename } from '../app/file-controller.js';
import type { Frame } from '../../core/protocol/index.js';
import { EmptyState, Panel } from '../components/Panel.js';
import { useApp, useSession, useUi } from '../components/app-context.js';
import { innermostUserFrame } from '../app/session-controller.js';
import { taskDetail, taskName } from '../state/selectors.js';

export function CallStackPanel() {
  const app = useApp();
  const selectedTask = useUi((state) => state.selectedTaskId);
  const selectedFrame = useUi((state) => state.selectedFrameId);
  const paused = useSession((state) => state.paused);
  const detail = useSession((state) => taskDetail(state, selectedTask));
  const session = app.session.get();

  let body;
  if (!paused) {
    body = <EmptyState>The call stack shows while the program is paused: set a breakpoint in the gutter, or press Pause (F6) while it runs.</EmptyState>;
  } else if (!detail) {
    body = <EmptyState>Select a task in Tasks to see its stack.</EmptyState>;
  } else {
    const frames = [...detail.stack].reverse();
    body = (
      <>
        <ul className="frame-list" aria-label={`Call stack of ${taskName(session, detail.id)}`}>
          {frames.map((frame) => (
            <li key={frame.id}>
              <FrameButton frame={frame} selected={frame.id === selectedFrame} onSelect={() => app.actions.selectFrame(frame)} />
            </li>
          ))}
          {frames.length === 0 ? <li className="muted">No frames: the task has not started or has finished.</li> : null}
        </ul>
        {detail.awaitedBy.length > 0 ? (
          <>
            <h3 className="subheading">Awaited by</h3>
            <ul className="frame-list" aria-label="Awaited by">
              {detail.awaitedBy.map((id) => (
                <li key={id}>
                  <button
                    type="button"
                    className="frame awaiter"
                    onClick={() => app.actions.selectTask(id, paused ? innermostUserFrame(paused, id) : undefined)}
                  >
                    <span className="frame-function">{taskName(session, id)}</span>
                    <span className="frame-place">#{id}</span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </>
    );
  }
  return <Panel title="Call Stack" className="panel-stack">{body}</Panel>;
}

function FrameButton({ frame, selected, onSelect }: { frame: Frame; selected: boolean; onSelect: () => void }) {
  return (
    <button
      type="button"
      className={`frame ${frame.user ? 'user' : 'library'} ${selected ? 'selected' : ''}`}
      aria-current={selected ? 'true' : undefined}
      title={`${frame.file}:${frame.line}`}
      onClick={onSelect}
    >
      <span className="frame-function">{frame.function}</span>
      <span className="frame-place">{basename(frame.file)}:{frame.line}</span>
    </button>
  );
}
