// Inspection while paused: variables expanded on demand, expressions evaluated in the selected
// frame, and watches evaluated again at every pause.
import type { Paused, Variable } from '../../core/protocol/index.js';
import type { HostClient } from '../transport/host-client.js';
import type { Disposer } from '../transport/transport.js';
import { errorText, parseEvaluation, parseVariables } from '../state/inspect.js';
import type { SessionStore } from '../state/session-store.js';
import type { Store } from '../state/store.js';
import type { EvaluationResult, UiState } from '../state/ui-state.js';

export class Inspector {
  private nextId = 1;
  private readonly disposers: Disposer[] = [];

  constructor(private readonly client: HostClient, private readonly session: SessionStore, private readonly ui: Store<UiState>) {
    let lastPaused: Paused | null = null;
    let lastFrame: number | null = null;
    this.disposers.push(session.subscribe((state) => {
      if (state.paused === lastPaused) return;
      lastPaused = state.paused;
      if (state.paused) void this.refreshWatches();
    }));
    // Watches follow the selected frame too: the same expression means another thing there.
    this.disposers.push(ui.subscribe((state) => {
      if (state.selectedFrameId === lastFrame) return;
      lastFrame = state.selectedFrameId;
      if (this.session.get().paused) void this.refreshWatches();
    }));
  }

  /** Children of an expandable value, or the variables of a frame (frame ids are refs too). */
  async variables(ref: number): Promise<Variable[]> {
    return parseVariables(await this.client.request({ type: 'debug', command: { type: 'inspect.variables', ref } }));
  }

  async evaluate(expression: string): Promise<EvaluationResult> {
    const frameId = this.ui.peek().selectedFrameId;
    try {
      const result = await this.client.request({
        type: 'debug',
        command: { type: 'inspect.evaluate', expression, ...(frameId != null ? { frameId } : {}) },
      });
      return parseEvaluation(result);
    } catch (error) {
      return { ok: false, error: errorText(error) };
    }
  }

  /** Evaluate from the console: the answer is shown among the program's output. */
  async evaluateInConsole(expression: string): Promise<void> {
    const entries = this.session.peek().console;
    const after = { entries: entries.length, lastLength: entries.at(-1)?.text.length ?? 0 };
    const result = await this.evaluate(expression);
    const evaluation = { id: this.nextId++, expression, result, after };
    this.ui.update((state) => ({ ...state, evaluations: [...state.evaluations, evaluation] }));
  }

  addWatch(expression: string): void {
    const watch = { id: this.nextId++, expression, result: null };
    this.ui.update((state) => ({ ...state, watches: [...state.watches, watch] }));
    if (this.session.get().paused) void this.refreshWatches();
  }

  removeWatch(id: number): void {
    this.ui.update((state) => ({ ...state, watches: state.watches.filter((watch) => watch.id !== id) }));
  }

  async refreshWatches(): Promise<void> {
    const watches = this.ui.peek().watches;
    const results = await Promise.all(watches.map((watch) => this.evaluate(watch.expression)));
    const byId = new Map(watches.map((watch, i) => [watch.id, results[i]!]));
    this.ui.update((state) => ({
      ...state,
      watches: state.watches.map((watch) => (byId.has(watch.id) ? { ...watch, result: byId.get(watch.id)! } : watch)),
    }));
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
  }
}
