// Runs the lifecycle machine against the host: user commands become machine events, the
// machine's effects become requests, and the host's messages feed both the session store (data)
// and the machine (transitions). It also follows a new pause: selects the paused task and frame
// and shows its line.
import { createActor, type Actor } from 'xstate';
import type { BreakOnEvent, Paused } from '../../core/protocol/index.js';
import type { DebugCommand, TravelRequest } from '../../core/protocol/commands.js';
import type { HostClient } from '../transport/host-client.js';
import type { Disposer } from '../transport/transport.js';
import { errorText } from '../state/inspect.js';
import { machineEventsFor } from '../state/session-events.js';
import type { SessionStore } from '../state/session-store.js';
import { Store } from '../state/store.js';
import { activeBreakpoints, type UiState } from '../state/ui-state.js';
import {
  sessionMachine, type SessionMachineEvent, type SessionMachineSnapshot, type StepKind,
} from '../session.machine.js';

export class SessionController {
  readonly phase: Store<SessionMachineSnapshot>;
  private readonly actor: Actor<typeof sessionMachine>;
  private readonly disposers: Disposer[] = [];
  private lastPaused: Paused | null = null;
  /** What the next run takes instead of the UI's settings (an exploration's failure). */
  private nextRun: { schedule: string; breakOn: BreakOnEvent[] } | undefined;
  private revealNonce = 0;
  private disposed = false;

  constructor(
    private readonly client: HostClient,
    private readonly session: SessionStore,
    private readonly ui: Store<UiState>,
  ) {
    this.actor = createActor(sessionMachine.provide({
      actions: {
        runProgram: () => this.requestRun(),
        restartProgram: () => this.requestRun(),
        continueProgram: () => this.debug({ type: 'debug.continue' }),
        pauseProgram: () => this.debug({ type: 'debug.pause' }),
        stepProgram: (_, params) => this.debug({ type: 'debug.step', kind: params.kind, ...this.stepTask() }),
        stopProgram: () => this.request({ type: 'session.stop' }),
      },
    }));
    this.phase = new Store(this.actor.getSnapshot());
    const subscription = this.actor.subscribe((snapshot) => this.phase.set(snapshot));
    this.disposers.push(() => subscription.unsubscribe());
    this.disposers.push(client.onMessage((message) => {
      this.session.apply(message);
      // A full state means we (re)connected: the machine jumps to the host's status.
      const status = message.type === 'state.full' ? this.session.peek().status : undefined;
      for (const event of machineEventsFor(message, status)) this.actor.send(event);
    }));
    this.disposers.push(session.subscribe((state) => this.follow(state.paused)));
    this.disposers.push(this.watchBreakpoints());
    this.actor.start();
  }

  send(event: SessionMachineEvent): void {
    this.actor.send(event);
  }

  can(event: SessionMachineEvent): boolean {
    return this.actor.getSnapshot().can(event);
  }

  run(): void {
    this.send({ type: 'RUN' });
  }

  step(kind: StepKind): void {
    this.send({ type: 'STEP', kind });
  }

  /** Save the run as a recording (the host writes it beside the program). */
  saveRun(): void {
    this.client.request({ type: 'recording.save' })
      .then((result) => {
        const path = (result as { path?: string } | undefined)?.path ?? '';
        if (!this.disposed) this.ui.update((state) => ({ ...state, notice: { kind: 'info', text: `Saved this run to ${path}` } }));
      })
      .catch((error: unknown) => {
        if (!this.disposed) this.notify(`Could not save the run: ${errorText(error)}`);
      });
  }

  /** Go to another moment of the run (the host re-executes it there); the pause follows. */
  travel(travel: TravelRequest): void {
    if (this.ui.peek().traveling) return;
    this.ui.update((state) => ({ ...state, traveling: true }));
    this.client.request({ type: 'travel', travel })
      .catch((error: unknown) => {
        if (!this.disposed) this.notify(`Could not go there: ${errorText(error)}`);
      })
      .finally(() => {
        if (!this.disposed) this.ui.update((state) => ({ ...state, traveling: false }));
      });
  }

  /** Run the open program in the order a replay token records, stopping on `breakOn`
   * (Restart, after, replays it again). */
  runWithSchedule(schedule: string, breakOn: BreakOnEvent[]): void {
    this.nextRun = { schedule, breakOn };
    this.runAgain();
    // Neither applied (a run is starting): the next ordinary Run must not take it.
    this.nextRun = undefined;
  }

  /** Run the open program now: Run when nothing runs, else Restart. */
  runAgain(): void {
    this.send({ type: this.can({ type: 'RUN' }) ? 'RUN' : 'RESTART' });
  }

  dispose(): void {
    this.disposed = true;
    for (const dispose of this.disposers.splice(0)) dispose();
    this.actor.stop();
    this.phase.dispose();
  }

  private requestRun(): void {
    const state = this.ui.peek();
    const file = state.file;
    const scheduled = this.nextRun;
    this.nextRun = undefined;
    if (!file) {
      this.actor.send({ type: 'RUN.FAILED', error: 'Open a file to run' });
      return;
    }
    this.client.request({
      type: 'session.run',
      filename: file.path,
      source: file.source,
      breakpoints: activeBreakpoints(state),
      breakOn: scheduled?.breakOn ?? state.breakOn,
      breakOnTaskNames: state.breakOnTaskNames,
      // A replay is the embedded engine's (the host refuses a schedule for a native run).
      ...(scheduled ? { schedule: scheduled.schedule } : state.native.python ? { python: state.native.python } : {}),
    }).catch((error: unknown) => {
      if (this.disposed) return;
      this.actor.send({ type: 'RUN.FAILED', error: errorText(error) });
      this.notify(`Could not run: ${errorText(error)}`);
    });
  }

  /** Step Over and friends act on the task the user selected (else the paused one). */
  private stepTask(): { taskId?: number } {
    const id = this.ui.peek().selectedTaskId;
    return id != null && id > 0 ? { taskId: id } : {};
  }

  private debug(command: DebugCommand): void {
    this.request({ type: 'debug', command });
  }

  private request(body: Parameters<HostClient['request']>[0]): void {
    this.client.request(body).catch((error: unknown) => {
      if (!this.disposed) this.notify(errorText(error));
    });
  }

  private notify(text: string): void {
    this.ui.update((state) => ({ ...state, notice: { kind: 'error', text } }));
  }

  private follow(paused: Paused | null): void {
    if (paused === this.lastPaused) return;
    this.lastPaused = paused;
    if (!paused) return;
    const taskId = pausedTaskOf(paused);
    const frame = innermostUserFrame(paused, taskId);
    const location = frame ? { file: frame.file, line: frame.line } : paused.location ? { file: paused.location[0], line: paused.location[1] } : null;
    this.ui.update((state) => ({
      ...state,
      selectedTaskId: taskId,
      selectedFrameId: frame?.id ?? null,
      reveal: location ? { ...location, nonce: ++this.revealNonce } : state.reveal,
    }));
  }

  /** Breakpoints and break-on settings changed during a run reach the engine at once. */
  private watchBreakpoints(): Disposer {
    let last = this.ui.peek();
    return this.ui.subscribe((state) => {
      const previous = last;
      last = state;
      const phase = this.actor.getSnapshot().value;
      if (phase !== 'running' && phase !== 'paused' && phase !== 'pausing') return;
      if (state.breakpoints !== previous.breakpoints) {
        this.debug({ type: 'debug.setBreakpoints', breakpoints: activeBreakpoints(state) });
      }
      if (state.breakOn !== previous.breakOn || state.breakOnTaskNames !== previous.breakOnTaskNames) {
        this.debug({ type: 'debug.setBreakOn', events: state.breakOn, taskNames: state.breakOnTaskNames });
      }
    });
  }
}

/** The task a pause is about: the one that ran, else one in a deadlock cycle, else the first. */
export function pausedTaskOf(paused: Paused): number | null {
  if (paused.taskId != null) return paused.taskId;
  for (const cycle of paused.graph.cycles) {
    const node = cycle.nodes.find((id) => id.startsWith('task:'));
    if (node) return Number(node.slice('task:'.length));
  }
  return paused.details[0]?.id ?? null;
}

export function innermostUserFrame(paused: Paused, taskId: number | null): Paused['details'][number]['stack'][number] | undefined {
  const detail = paused.details.find((d) => d.id === taskId);
  const stack = detail?.stack ?? [];
  return [...stack].reverse().find((frame) => frame.user) ?? stack.at(-1);
}
