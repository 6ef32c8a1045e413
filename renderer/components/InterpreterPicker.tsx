// Where the open file runs: the embedded engine (isolated), or one of the Pythons found for it
// (native mode). The choice is the file's, and is remembered; focusing the picker looks again.
import { interpreterLabel } from '../app/native-controller.js';
import type { NativeState, UiState } from '../state/ui-state.js';
import { useApp, useUi } from './app-context.js';

const selectNative = (state: UiState) => state.native;
const selectHasFile = (state: UiState) => state.file !== null;

function pickerTitle(native: NativeState): string {
  if (native.interpretersError) return `Could not look for Python interpreters: ${native.interpretersError}`;
  if (native.interpreters === null) return 'Looking for Python interpreters…';
  if (native.interpreters.length === 0) {
    return "No Python 3.11 or later found for this file (its project's .venv or venv, $VIRTUAL_ENV, python3 on PATH): it runs in the embedded engine";
  }
  const chosen = native.interpreters.find((interpreter) => interpreter.executable === native.python);
  return chosen ? `Native mode: runs in ${interpreterLabel(chosen)}, with your rights`
    : 'Where the program runs: the embedded engine, isolated from this machine, or your own Python (native mode)';
}

export function InterpreterPicker() {
  const app = useApp();
  const native = useUi(selectNative);
  const hasFile = useUi(selectHasFile);
  return (
    <select
      className="interpreter-picker"
      aria-label="Python interpreter"
      title={pickerTitle(native)}
      disabled={!hasFile}
      value={native.python ?? ''}
      onFocus={() => void app.native.refresh()}
      onChange={(event) => app.native.choose(event.target.value || null)}
    >
      <option value="">Embedded (Pyodide)</option>
      {(native.interpreters ?? []).map((interpreter) => (
        <option key={interpreter.executable} value={interpreter.executable}>{interpreterLabel(interpreter)}</option>
      ))}
    </select>
  );
}
