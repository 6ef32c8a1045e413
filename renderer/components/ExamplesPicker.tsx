// The first thing a new user sees: example programs to open, each titled by its docstring.
import type { UiState } from '../state/ui-state.js';
import { useApp, useUi } from './app-context.js';

const selectExamples = (state: UiState) => state.examples;
const selectHasFile = (state: UiState) => state.file !== null;

export function ExamplesPicker() {
  const app = useApp();
  const examples = useUi(selectExamples);
  const hasFile = useUi(selectHasFile);
  return (
    <div className="examples" role="region" aria-labelledby="examples-heading">
      <h2 id="examples-heading">Open an example</h2>
      <p className="muted">
        Pick a program to debug. Then click the gutter beside a line to set a breakpoint and press Run (F5).
        {hasFile ? null : ' In the desktop app you can also open your own file from the File menu, or drop it on the window.'}
      </p>
      {examples === null ? <p className="muted">Loading examples…</p> : null}
      {examples?.length === 0 ? <p className="muted">No examples were found.</p> : null}
      <ul className="example-list">
        {(examples ?? []).map((example) => (
          <li key={example.path}>
            <button type="button" className="example" onClick={() => void app.files.open(example.path)}>
              <span className="example-title">{example.title}</span>
              <span className="example-name">{example.name}.py</span>
            </button>
          </li>
        ))}
      </ul>
      {hasFile ? <button type="button" onClick={() => app.files.closePicker()}>Back to the editor</button> : null}
    </div>
  );
}
