// Native mode in the UI: the interpreters found for the open file (asked of the host when a
// file opens, and again when the picker gets focus), the choice remembered per file, the
// one-time notice before the first native choice, the offer to rerun natively after an
// embedded run died of what the engine lacks, and the program's stdin.
import { z } from 'zod';
import { Interpreter } from '../../core/protocol/client.js';
import type { HostClient } from '../transport/host-client.js';
import type { Disposer } from '../transport/transport.js';
import { errorText } from '../state/inspect.js';
import { nativeModeNews } from '../state/session-events.js';
import type { SessionStore } from '../state/session-store.js';
import type { Store } from '../state/store.js';
import type { NativeState, UiState } from '../state/ui-state.js';
import type { NativePreferences } from './native-preferences.js';
import type { SessionController } from './session-controller.js';

const Interpreters = z.array(Interpreter);

export class NativeController {
  private readonly disposers: Disposer[] = [];
  private path: string | null = null;
  /** Bumped per lookup: only the newest answer is shown. */
  private lookup = 0;
  private nextInputId = 1;
  private disposed = false;

  constructor(
    private readonly client: HostClient,
    private readonly session: SessionStore,
    private readonly ui: Store<UiState>,
    private readonly controller: SessionController,
    private readonly preferences: NativePreferences,
  ) {
    this.disposers.push(ui.subscribe((state) => {
      const path = state.file?.path ?? null;
      if (path === this.path) return;
      this.path = path;
      this.change((native) => ({ ...native, interpreters: null, interpretersError: null, python: null, pendingChoice: null }));
      if (path) void this.refresh();
    }));
    this.disposers.push(client.onMessage((message) => {
      const news = nativeModeNews(message);
      if (!news) return;
      this.change((native) => ({
        ...native,
        suggestion: news.suggestion,
        ...(news.started ? { input: [], inputClosed: false } : {}),
      }));
    }));
  }

  /** Ask the host which interpreters the open file can run in; the remembered choice for the
   * file is taken when it is among them. */
  async refresh(): Promise<void> {
    const path = this.ui.peek().file?.path;
    if (!path) return;
    const lookup = ++this.lookup;
    let found: Interpreter[] = [];
    let error: string | null = null;
    try {
      found = Interpreters.parse(await this.client.request({ type: 'interpreters.list', filename: path }));
    } catch (reason) {
      error = errorText(reason);
    }
    if (this.disposed || lookup !== this.lookup || this.ui.peek().file?.path !== path) return;
    const remembered = this.preferences.interpreterFor(path);
    this.change((native) => {
      const wanted = native.python ?? remembered;
      const python = wanted !== null && found.some((interpreter) => interpreter.executable === wanted) ? wanted : null;
      return { ...native, interpreters: found, interpretersError: error, python };
    });
  }

  /** The user picked an interpreter (null: the embedded engine). The first native choice
   * waits for the notice to be read. */
  choose(python: string | null, thenRun = false): void {
    if (python !== null && !this.preferences.noticeRead) {
      this.change((native) => ({ ...native, pendingChoice: { python, thenRun } }));
      return;
    }
    this.apply(python, thenRun);
  }

  acceptNotice(): void {
    const pending = this.ui.peek().native.pendingChoice;
    if (!pending) return;
    this.preferences.markNoticeRead();
    this.change((native) => ({ ...native, pendingChoice: null }));
    this.apply(pending.python, pending.thenRun);
  }

  declineNotice(): void {
    this.change((native) => ({ ...native, pendingChoice: null }));
  }

  /** The offer after an embedded run failed: the first interpreter found, and run again. */
  runNatively(): void {
    const first = this.ui.peek().native.interpreters?.[0];
    if (!first) return;
    this.change((native) => ({ ...native, suggestion: null }));
    this.choose(first.executable, true);
  }

  dismissSuggestion(): void {
    this.change((native) => ({ ...native, suggestion: null }));
  }

  /** A line typed into the console: to the program's stdin, and echoed among its output. */
  sendInput(text: string): void {
    const entries = this.session.peek().console;
    const input = { id: this.nextInputId++, text, after: { entries: entries.length, lastLength: entries.at(-1)?.text.length ?? 0 } };
    this.change((native) => ({ ...native, input: [...native.input, input] }));
    this.write(`${text}\n`, false);
  }

  /** Close the program's stdin (Ctrl+D): its next read sees end of file. */
  sendEof(): void {
    this.change((native) => ({ ...native, inputClosed: true }));
    this.write('', true);
  }

  dispose(): void {
    this.disposed = true;
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  private apply(python: string | null, thenRun: boolean): void {
    const path = this.ui.peek().file?.path;
    if (!path) return;
    this.preferences.remember(path, python);
    this.change((native) => ({ ...native, python }));
    if (thenRun) this.controller.runAgain();
  }

  private write(text: string, eof: boolean): void {
    this.client.request({ type: 'stdin.write', text, eof }).catch((error: unknown) => {
      if (!this.disposed) this.ui.update((state) => ({ ...state, notice: { kind: 'error', text: `Could not send the input: ${errorText(error)}` } }));
    });
  }

  private change(update: (native: NativeState) => NativeState): void {
    this.ui.update((state) => ({ ...state, native: update(state.native) }));
  }
}

/** How the picker names an interpreter: "CPython 3.11.7 — PATH (/usr/bin/python3)". */
export function interpreterLabel(interpreter: Interpreter): string {
  return `${interpreter.version} — ${interpreter.source} (${interpreter.executable})`;
}
