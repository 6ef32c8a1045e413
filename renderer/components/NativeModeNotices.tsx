// What native mode says to the user: once, before the first native choice, that the program
// then runs with the user's rights and is not isolated; and, after an embedded run died of
// what the engine lacks, the offer to run it again natively.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { UiState } from '../state/ui-state.js';
import { useApp, useUi } from './app-context.js';

const selectPending = (state: UiState) => state.native.pendingChoice;
const selectSuggestion = (state: UiState) => state.native.suggestion;
const selectInterpreters = (state: UiState) => state.native.interpreters;

export function NativeModeNotice() {
  const app = useApp();
  const pending = useUi(selectPending);
  const accept = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (pending) accept.current?.focus();
  }, [pending]);
  if (!pending) return null;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') app.native.declineNotice();
  };
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-label="About native mode" onKeyDown={onKeyDown}>
        <h2>Native mode runs the program as you</h2>
        <p>
          The program will run in your own Python (<code>{pending.python}</code>) with your rights: it can read and
          change your files, use the network and start other programs, as when you run it yourself. It is not isolated
          from this machine, as under any debugger; the embedded engine (Pyodide) is.
        </p>
        <p>Debug in native mode the programs you would run yourself.</p>
        <div className="modal-actions">
          <button type="button" onClick={() => app.native.declineNotice()}>Cancel</button>
          <button type="button" className="primary" ref={accept} onClick={() => app.native.acceptNotice()}>
            {pending.thenRun ? 'Run in native mode' : 'Use native mode'}
          </button>
        </div>
      </div>
    </div>
  );
}

export function NativeModeOffer() {
  const app = useApp();
  const suggestion = useUi(selectSuggestion);
  const interpreters = useUi(selectInterpreters);
  if (!suggestion) return null;
  const none = interpreters !== null && interpreters.length === 0;
  return (
    <div className="banner banner-offer" role="region" aria-label="Native mode suggested">
      <span className="offer-text">
        {suggestion}
        {none ? ' No Python 3.11 or later was found for this program, though.' : ''}
      </span>
      <button type="button" className="primary" disabled={!interpreters?.length} onClick={() => app.native.runNatively()}>Run in native mode</button>
      <button type="button" className="link-button" aria-label="Dismiss suggestion" onClick={() => app.native.dismissSuggestion()}>×</button>
    </div>
  );
}
