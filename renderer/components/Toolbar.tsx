// The debug toolbar: run controls enabled by the session's phase, the open file and where it
// runs, theme.
import { DEBUG_COMMANDS, TRAVEL_COMMANDS, commandEnabled, type DebugCommandName, type TravelCommandName } from '../app/commands.js';
import { basename } from '../app/file-controller.js';
import type { SessionState } from '../../core/model/index.js';
import type { UiState } from '../state/ui-state.js';
import { useApp, usePhase, useSession, useUi } from './app-context.js';
import { Icon } from './icons.js';
import { InterpreterPicker } from './InterpreterPicker.js';

const KEYS: Partial<Record<DebugCommandName | TravelCommandName, string>> = {
  Run: 'F5', Continue: 'F5', Pause: 'F6', 'Step Over': 'F10', 'Step Into': 'F11', 'Step Out': 'Shift+F11', Stop: 'Shift+F5',
  'Step Back': 'Shift+F10', 'Reverse Continue': 'Shift+F8', 'Back to Previous Switch': 'Shift+F6',
};

const selectFile = (state: UiState) => state.file;
const selectTraveling = (state: UiState) => state.traveling;
const selectNative = (state: SessionState) => state.mode === 'native';

export function Toolbar() {
  const app = useApp();
  const phase = usePhase();
  const file = useUi(selectFile);
  const traveling = useUi(selectTraveling);
  const native = useSession(selectNative);
  const dirty = file !== null && file.source !== file.savedSource;
  const button = (command: DebugCommandName | TravelCommandName) => {
    const key = KEYS[command];
    return (
      <button
        key={command}
        type="button"
        className={`tool tool-${command.toLowerCase().replaceAll(' ', '-')}`}
        aria-label={command}
        title={key ? `${command} (${key})` : command}
        disabled={!commandEnabled(command, phase, { file, traveling }, native)}
        onClick={() => app.execute(command)}
      >
        <Icon name={command} />
        {command === 'Run' ? <span className="tool-text">Run</span> : null}
      </button>
    );
  };
  return (
    <div className="toolbar" role="toolbar" aria-label="Debug">
      <div className="toolbar-group">{DEBUG_COMMANDS.map(button)}</div>
      <div className="toolbar-group" role="group" aria-label="Go back">
        {TRAVEL_COMMANDS.map(button)}
        {traveling ? <span className="traveling" role="status">Going back…</span> : null}
      </div>
      <div className="toolbar-file" title={file?.path}>
        {file ? <><span className="file-name">{basename(file.path)}</span>{dirty ? <span className="dirty" aria-label="unsaved changes"> ●</span> : null}</> : 'No file open'}
      </div>
      <InterpreterPicker />
      <div className="toolbar-group">
        <button type="button" className="tool" aria-label="Open example" title="Open an example program" onClick={() => app.execute('Open Example')}>
          <Icon name="Open" />
        </button>
        <button type="button" className="tool" aria-label="Save Run" title="Save this run as a recording (.loopscope)" disabled={!commandEnabled('Save Run', phase, { file, traveling }, native)} onClick={() => app.execute('Save Run')}>
          <Icon name="Save Run" />
        </button>
        <button type="button" className="tool" aria-label="Toggle theme" title="Switch between light and dark" onClick={() => app.execute('Toggle Theme')}>
          <Icon name="Theme" />
        </button>
      </div>
    </div>
  );
}
