// The program's stdin in a native run, under the console: Enter sends the line with its
// newline, Ctrl+D (or Send EOF) closes the input. An embedded run has no stdin to type into.
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { SessionState } from '../../core/model/index.js';
import { useApp, useSession, useUi } from '../components/app-context.js';
import type { UiState } from '../state/ui-state.js';

const selectNative = (state: SessionState) => state.mode === 'native';
const selectLive = (state: SessionState) => state.status === 'running' || state.status === 'paused';
const selectClosed = (state: UiState) => state.native.inputClosed;

export function ProgramInput() {
  const app = useApp();
  const native = useSession(selectNative);
  const live = useSession(selectLive);
  const closed = useUi(selectClosed);
  const [text, setText] = useState('');
  if (!native) return null;
  const enabled = live && !closed;

  const send = (event: FormEvent) => {
    event.preventDefault();
    if (!enabled) return;
    app.native.sendInput(text);
    setText('');
  };
  const endInput = () => {
    if (enabled) app.native.sendEof();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.ctrlKey && !event.altKey && !event.metaKey && event.key.toLowerCase() === 'd') {
      event.preventDefault();
      endInput();
    }
  };
  const placeholder = closed ? 'Input closed: the program reads end of file'
    : live ? "Type a line for the program's stdin (Enter sends it, Ctrl+D ends the input)" : 'The program has ended';

  return (
    <form className="console-input program-input" onSubmit={send}>
      <span aria-hidden="true" className="prompt">⏎</span>
      <input aria-label="Program input" placeholder={placeholder} disabled={!enabled} value={text} onChange={(event) => setText(event.target.value)} onKeyDown={onKeyDown} />
      <button type="button" className="link-button" title="Close the program's stdin (Ctrl+D)" disabled={!enabled} onClick={endInput}>Send EOF</button>
    </form>
  );
}
