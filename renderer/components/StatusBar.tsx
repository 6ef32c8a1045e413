// The bottom line: where the session is, the loop's clock and counters, the last notice, and
// where the program runs (isolated in the embedded engine, or native).
import { selectStatusFigures } from '../state/selectors.js';
import type { UiState } from '../state/ui-state.js';
import { sessionPhase, type SessionPhase } from '../session.machine.js';
import { useApp, usePhase, useSession, useUi } from './app-context.js';

const PHASE_LABEL: Record<SessionPhase, string> = {
  idle: 'Ready', starting: 'Starting…', running: 'Running', pausing: 'Pausing…',
  paused: 'Paused', exited: 'Exited', crashed: 'Crashed',
};

const LAYER_NAMES: Record<string, string> = {
  'wasm-gate': "the interpreter's imports are gated",
  'node-permissions': "Node's permission model",
  'node-network-permission': 'no network permission',
};

/** "Isolated" when both of the engine's layers hold, a warning when only the gate does. */
function Isolation({ layers }: { layers: string[] }) {
  const both = layers.includes('wasm-gate') && layers.includes('node-permissions');
  const title = `The program cannot reach this machine: ${layers.map((layer) => LAYER_NAMES[layer] ?? layer).join('; ')}`
    + (both ? '' : ". Node's permission model is not available in this runtime: one layer holds, not two.");
  return (
    <span className={`status-item${both ? '' : ' status-warning'}`} aria-label="Isolation" title={title}>
      {both ? 'Isolated' : 'Isolated (one layer)'}
    </span>
  );
}

/** A native run: the program runs in the user's own Python, with the user's rights. */
function NativeMode() {
  const title = 'Native mode: the program runs in your own Python with your rights (files, network, processes). '
    + 'It is not isolated from this machine, as under any debugger.';
  return <span className="status-item status-native" aria-label="Isolation" title={title}>Native</span>;
}

const CLOCK = {
  virtual: { label: 'Virtual time', title: "The loop's virtual time: sleeps take none of yours" },
  wall: { label: 'Wall time', title: "Real time since the run's first step (a native run's loop keeps real time)" },
} as const;

const selectNotice = (state: UiState) => state.notice;
const selectConnection = (state: UiState) => state.connection;

export function StatusBar() {
  const app = useApp();
  const phase = sessionPhase(usePhase());
  const figures = useSession(selectStatusFigures);
  const notice = useUi(selectNotice);
  const connection = useUi(selectConnection);
  return (
    <footer className={`status-bar phase-${phase}`} aria-label="Status">
      <span className="status-item status-phase" aria-label="Session state">{PHASE_LABEL[phase]}</span>
      <span className="status-item" aria-label={CLOCK[figures.clock].label} title={CLOCK[figures.clock].title}>
        {figures.clock === 'wall' ? 'wall ' : ''}t = {figures.time} s
      </span>
      <span className="status-item" aria-label="Step count">{figures.steps.toLocaleString('en')} steps</span>
      <span className="status-item" aria-label="Task count">{figures.liveTasks.toLocaleString('en')} live / {figures.tasks.toLocaleString('en')} tasks</span>
      {connection !== 'open' ? <span className="status-item status-warning">{connection === 'connecting' ? 'Connecting…' : 'Disconnected: reconnecting…'}</span> : null}
      <span className="status-spacer" />
      {notice ? (
        <span className={`status-item notice-${notice.kind}`} role="status">
          {notice.text}
          <button type="button" className="link-button" aria-label="Dismiss notice" onClick={() => app.actions.dismissNotice()}>×</button>
        </span>
      ) : null}
      {figures.mode === 'native' ? <NativeMode /> : figures.isolation ? <Isolation layers={figures.isolation} /> : null}
      {figures.python ? <span className="status-item">Python {figures.python}</span> : null}
    </footer>
  );
}
