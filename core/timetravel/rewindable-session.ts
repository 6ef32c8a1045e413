// A session that can go back in the run, rr's way without checkpoints to keep: the engine is
// deterministic, so a moment of the run is reached again by re-executing the program to it
// (the agent's replay.py mutes every pause on the way). The re-execution runs in a second
// engine session (the scout) while the run stays paused where it is; only when the scout is
// there, and its timeline matched the run's step for step, does it become the run. A run that
// does not repeat itself is told so, and never shown a wrong past.
import { EngineSession, type EngineSessionOptions } from '../session/engine-session.js';
import { engineIdentity } from '../session/recording-file.js';
import type { Disposer, EngineListener, InspectCommand, RunEngine } from '../session/run-engine.js';
import { EMPTY_TIMELINE, appendTimeline, firstDifference, truncateTimeline, type Timeline } from '../model/index.js';
import {
  RunOptions, type DebugCommand, type EngineEvent, type ExitEvent, type OutputEvent, type Paused, type Recording,
  type Replay, type ResolvedRunOptions, type TimelineEvent, type TravelRequest,
} from '../protocol/index.js';
import { TravelError, plan, type Position } from './travel-plan.js';

export { TravelError } from './travel-plan.js';

type Arrival = { paused: Paused; output: OutputEvent[]; timeline: TimelineEvent[] };

const NOT_REPRODUCIBLE = 'it reads a clock or a file Loopscope does not control';

/** Output up to (not including) `step`, merged per step and stream: two runs that printed
 * the same, in chunks of any size, give the same text. */
function printedBefore(outputs: readonly OutputEvent[], step: number): string {
  let text = '';
  let head = '';
  for (const output of outputs) {
    const at = output.step ?? 0;
    if (at >= step) break;
    const next = `\u0000${at}:${output.stream}\u0000`;
    if (next !== head) text += head = next;
    text += output.text;
  }
  return text;
}

/** What decides which pauses a run makes, comparable. */
function armedSet(options: ResolvedRunOptions): string {
  return JSON.stringify([options.breakpoints, options.breakOn, options.breakOnTaskNames]);
}

export class RewindableSession implements RunEngine {
  private live: EngineSession;
  private scout: EngineSession | undefined;
  private readonly listeners = new Set<EngineListener>();
  private exitResolvers: Array<(event: ExitEvent) => void> = [];
  private options: ResolvedRunOptions | undefined;
  private position: Position | { running: true } = { running: true };
  private timeline: Timeline = EMPTY_TIMELINE;
  /** What the run printed, to compare a re-execution's output with. */
  private outputs: OutputEvent[] = [];
  /** After going back, the run prints again what it printed up to this step: not logged twice. */
  private reprintedUpTo = -1;
  /** Everything the run's clients have been sent, for a recording. */
  private runEvents: EngineEvent[] = [];
  private python = '';
  /** Why time travel is off for this run (it did not repeat itself), if it is. */
  private notReproducible: string | undefined;
  private traveling = false;
  /** The run's breakpoints and armed events are those it started with (so its n-th armed
   * pause is a re-execution's n-th too). */
  private armedUnchanged = true;

  constructor(private readonly engineOptions: EngineSessionOptions = {}) {
    this.live = this.session();
  }

  onEvent(listener: EngineListener): Disposer {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get running(): boolean {
    return this.live.running;
  }

  async start(input: RunOptions): Promise<void> {
    const options = RunOptions.parse(input);
    // The run before ends first: its last events are not this run's.
    await this.scout?.stop();
    await this.live.stop();
    this.options = options;
    this.timeline = EMPTY_TIMELINE;
    this.outputs = [];
    this.reprintedUpTo = -1;
    this.runEvents = [];
    this.notReproducible = undefined;
    this.armedUnchanged = true;
    this.position = { running: true };
    await this.live.start(this.options);
  }

  async run(input: RunOptions): Promise<ExitEvent> {
    await this.stop();
    const exited = this.nextExit();
    await this.start(input);
    return exited;
  }

  nextExit(): Promise<ExitEvent> {
    return new Promise((resolve) => this.exitResolvers.push(resolve));
  }

  send(input: DebugCommand): void {
    this.live.send(input);
    // What the run is re-executed with: its breakpoints as they are now.
    if (!this.options) return;
    const before = armedSet(this.options);
    if (input.type === 'debug.setBreakpoints') this.options = { ...this.options, breakpoints: input.breakpoints };
    if (input.type === 'debug.setBreakOn') {
      this.options = { ...this.options, breakOn: input.events, breakOnTaskNames: input.taskNames ?? this.options.breakOnTaskNames };
    }
    if (armedSet(this.options) !== before) this.armedUnchanged = false;
    if (input.type === 'debug.continue' || input.type === 'debug.step' || input.type === 'debug.runToLine') this.position = { running: true };
  }

  request(input: InspectCommand): Promise<unknown> {
    return this.live.request(input);
  }

  async stop(): Promise<void> {
    await this.scout?.stop();
    await this.live.stop();
  }

  async dispose(): Promise<void> {
    await this.scout?.dispose();
    await this.live.dispose();
    this.listeners.clear();
  }

  async travel(request: TravelRequest): Promise<void> {
    if (!this.options) throw new TravelError('run a program first');
    if (this.traveling) throw new TravelError('already on the way to another moment');
    if ('running' in this.position) throw new TravelError('the program is running: pause it first');
    if (this.notReproducible) throw new TravelError(this.notReproducible);
    const route = plan(request, this.position, this.timeline, this.armedUnchanged);
    this.traveling = true;
    try {
      const report = route.scan ? (await this.reexecute(route.scan)).paused.replay ?? undefined : undefined;
      const arrival = await this.reexecute(route.target(report), true);
      await this.arrive(arrival);
    } finally {
      this.traveling = false;
    }
  }

  record(): Recording | undefined {
    if (!this.options) return undefined;
    return { created: new Date().toISOString(), engine: engineIdentity(this.python, this.engineOptions.assets?.agentDir), program: this.options, events: [...this.runEvents] };
  }

  async adopt(recording: Recording, refusal: string | undefined): Promise<void> {
    await this.stop();
    this.options = recording.program;
    this.timeline = EMPTY_TIMELINE;
    this.outputs = [];
    this.reprintedUpTo = -1;
    this.armedUnchanged = true;
    this.notReproducible = refusal;
    this.python = recording.engine.python;
    this.runEvents = [...recording.events];
    this.position = { ended: true };
    for (const event of recording.events) {
      if (event.type === 'timeline') this.timeline = appendTimeline(this.timeline, event);
      else if (event.type === 'output' && (event.step ?? 0) > this.reprintedUpTo) this.outputs.push(event);
      else if (event.type === 'paused') this.position = { paused: event };
      else if (event.type === 'travel.arrived') {
        this.position = { paused: event.paused };
        this.reprintedUpTo = Math.max(this.reprintedUpTo, this.outputs.at(-1)?.step ?? -1);
      } else if (event.type === 'resumed') this.position = { running: true };
      else if (event.type === 'exit') this.position = { ended: true };
    }
    // A recording saved while running is at rest now: its run ended there.
    if ('running' in this.position) this.position = { ended: true };
  }

  private session(): EngineSession {
    const session = new EngineSession(this.engineOptions);
    session.onEvent((event) => {
      if (session === this.live) this.fromLive(event);
    });
    return session;
  }

  private fromLive(event: EngineEvent): void {
    if (event.type === 'timeline') {
      const difference = firstDifference(this.timeline, event);
      if (difference) {
        const message = `This run did not repeat itself: at step ${difference.step} task #${difference.actual} ran, where the run had task #${difference.expected}. What was recorded from there on is dropped.`;
        this.timeline = truncateTimeline(this.timeline, difference.step - 1);
        this.emit({ type: 'travel.diverged', step: difference.step, message });
      }
      this.timeline = appendTimeline(this.timeline, event);
    } else if (event.type === 'output') {
      // After going back, the run prints again what it printed before: the log keeps the
      // first time, and grows past where it ended.
      if ((event.step ?? 0) > this.reprintedUpTo) this.outputs.push(event);
    } else if (event.type === 'paused') {
      this.position = { paused: event };
      // A paused run is one the user may take back: have the scout loaded meanwhile.
      this.scout ??= this.session();
    } else if (event.type === 'resumed') {
      this.position = { running: true };
    } else if (event.type === 'exit') {
      this.position = { ended: true };
    }
    this.emit(event);
  }

  /** Re-execute the run in the scout to `replay`'s moment; resolves paused there. The scout is
   * left paused when `keep`, stopped otherwise. */
  private reexecute(replay: Replay, keep = false): Promise<Arrival> {
    const scout = (this.scout ??= this.session());
    const output: OutputEvent[] = [];
    const timeline: TimelineEvent[] = [];
    return new Promise<Arrival>((resolve, reject) => {
      let settled = false;
      // Events of the scout's previous run (its stop) may still come: this run's start with
      // its engine.ready.
      let started = false;
      const finish = (error: Error | undefined, paused?: Paused) => {
        if (settled) return;
        settled = true;
        dispose();
        if (!error && paused) error = this.printedDifferently(output, paused);
        const step = paused?.step ?? 0;
        const arrival = { paused: paused!, output: output.filter((event) => (event.step ?? 0) >= step), timeline };
        const done = () => (error ? reject(error) : resolve(arrival));
        if (error || !keep) void scout.stop().then(done, done);
        else done();
      };
      const dispose = scout.onEvent((event) => {
        if (event.type === 'engine.ready') started = true;
        if (!started) return;
        if (event.type === 'timeline') {
          const difference = firstDifference(this.timeline, event);
          if (difference) {
            finish(this.diverged(`at step ${difference.step} a re-execution ran task #${difference.actual} where the run had task #${difference.expected}`));
            return;
          }
          timeline.push(event);
        } else if (event.type === 'output') {
          output.push(event);
        } else if (event.type === 'paused' && event.replay) {
          if (event.replay.missed) finish(new TravelError(event.replay.missed));
          else finish(undefined, event);
        } else if (event.type === 'exit') {
          finish(new TravelError(`the run ends (status ${event.code}) before that moment`));
        } else if (event.type === 'error' && (event.kind === 'crash' || event.kind === 'refused')) {
          finish(new TravelError(`the re-execution failed: ${event.message}`));
        }
      });
      const options: ResolvedRunOptions = { ...this.options!, replay, realtime: false, autoContinue: false };
      scout.start(options).catch((error: unknown) => finish(error instanceof Error ? error : new Error(String(error))));
    });
  }

  private diverged(what: string): TravelError {
    this.notReproducible = `this run does not repeat itself (${what}: ${NOT_REPRODUCIBLE}), so it cannot be gone back in`;
    return new TravelError(this.notReproducible);
  }

  /** A re-execution that printed other things than the run before the moment took another
   * path, even where the same tasks ran. */
  private printedDifferently(output: readonly OutputEvent[], paused: Paused): TravelError | undefined {
    const step = paused.step ?? 0;
    if (printedBefore(output, step) === printedBefore(this.outputs, step)) return undefined;
    return this.diverged(`a re-execution printed other things than the run before step ${step}`);
  }

  /** The scout, paused at the moment, becomes the run; the old run is stopped and its engine
   * becomes the next scout. */
  private async arrive(arrival: Arrival): Promise<void> {
    const old = this.live;
    this.live = this.scout!;
    this.scout = old;
    await old.stop();
    for (const event of arrival.timeline) this.timeline = appendTimeline(this.timeline, event);
    this.position = { paused: arrival.paused };
    this.reprintedUpTo = Math.max(this.reprintedUpTo, this.outputs.at(-1)?.step ?? -1);
    // The new run started with the armed set as it is now.
    this.armedUnchanged = true;
    for (const event of arrival.timeline) this.emit(event);
    this.emit({ type: 'travel.arrived', paused: arrival.paused, output: arrival.output });
  }

  private emit(event: EngineEvent): void {
    this.runEvents.push(event);
    if (event.type === 'engine.ready') this.python = event.python;
    for (const listener of [...this.listeners]) listener(event);
    if (event.type === 'exit') {
      const resolvers = this.exitResolvers;
      this.exitResolvers = [];
      for (const resolve of resolvers) resolve(event);
    }
  }
}
