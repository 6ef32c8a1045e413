// The Explore panel's side of the host: start an exploration of the open file, follow its
// progress, keep its report, and open a failure in the debugger (a run with the failure's
// replay token that stops where the failure shows).
import { ExploreReport, type BreakOnEvent, type ExploreFailure, type ExploreProgress, type ExploreStrategy } from '../../core/protocol/index.js';
import { errorText } from '../state/inspect.js';
import { Store } from '../state/store.js';
import type { UiState } from '../state/ui-state.js';
import type { HostClient } from '../transport/host-client.js';
import type { Disposer } from '../transport/transport.js';
import type { SessionController } from './session-controller.js';

export interface ExploreState {
  running: boolean;
  progress: ExploreProgress | null;
  report: ExploreReport | null;
  error: string | null;
}

export const initialExploreState: ExploreState = { running: false, progress: null, report: null, error: null };

/** Where the debugger should stop to show a failure: at the exception, or the deadlock. */
export function breakOnFor(failure: ExploreFailure): BreakOnEvent[] {
  if (failure.kind === 'exception' || failure.kind === 'assertion') {
    return failure.signature.includes(':never-retrieved') ? ['deadlock', 'never-retrieved'] : ['deadlock', 'exception'];
  }
  return ['deadlock'];
}

/** The token to open: the shrunk one if it replays, else the shortest found. */
export function tokenOf(failure: ExploreFailure): string {
  return failure.shrunk?.reproduces ? failure.shrunk.token : failure.shortest.token;
}

export class ExploreController {
  readonly state = new Store<ExploreState>(initialExploreState);
  private readonly stopListening: Disposer;
  private disposed = false;

  constructor(
    private readonly client: HostClient,
    private readonly ui: Store<UiState>,
    private readonly session: SessionController,
  ) {
    this.stopListening = client.onMessage((message) => {
      if (message.type === 'explore.progress' && this.state.peek().running) {
        this.state.update((state) => ({ ...state, progress: message.progress }));
      }
    });
  }

  start(strategy: ExploreStrategy, runs: number): void {
    const file = this.ui.peek().file;
    if (!file || this.state.peek().running) return;
    this.state.set({ running: true, progress: null, report: null, error: null });
    this.client.request({ type: 'explore.start', filename: file.path, source: file.source, strategy, runs })
      .then((result) => {
        if (this.disposed) return;
        const report = ExploreReport.safeParse(result);
        this.state.update((state) => ({
          ...state,
          running: false,
          ...(report.success ? { report: report.data } : { error: `the host sent an invalid report: ${report.error.issues[0]?.message ?? ''}` }),
        }));
      }, (error: unknown) => {
        if (!this.disposed) this.state.update((state) => ({ ...state, running: false, error: errorText(error) }));
      });
  }

  stop(): void {
    this.client.request({ type: 'explore.stop' }).catch((error: unknown) => {
      if (!this.disposed) this.state.update((state) => ({ ...state, error: errorText(error) }));
    });
  }

  openInDebugger(failure: ExploreFailure): void {
    this.session.runWithSchedule(tokenOf(failure), breakOnFor(failure));
  }

  dispose(): void {
    this.disposed = true;
    this.stopListening();
    this.state.dispose();
  }
}
