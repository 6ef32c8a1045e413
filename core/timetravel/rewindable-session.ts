// A session that can go back in the run, rr's way: the engine is deterministic, so a moment of
// the run is reached again by re-executing the program to it (the agent's replay.py mutes
// every pause on the way). The re-execution runs in a second engine session (the scout,
// scout.ts: from the start, or on from the checkpoint it waits at) while the run stays paused
// where it is; only when the scout is there, and its timeline matched the run's step for step,
// does it become the run. A run that does not repeat itself is told so, and never shown a
// wrong past.
import { EngineSession, type EngineSessionOptions } from '../session/engine-session.js';
import { engineIdentity } from '../session/recording-file.js';
import type { Disposer, EngineListener, InspectCommand, RunEngine } from '../session/run-engine.js';
import { EMPTY_TIMELINE, appendTimeline, firstDifference, truncateTimeline, type Timeline } from '../model/index.js';
import {
  RunOptions, type DebugCommand, type EngineEvent, type ExitEvent, type OutputEvent, type Recording,
  type ResolvedRunOptions, type TravelRequest,
} from '../protocol/index.js';
import { TravelError, plan, type Position } from './travel-plan.js';
import { CHECKPOINT_MIN_STEPS, Scout, armedSet, type Arrival } from './scout.js';

export { TravelError } from './travel-plan.js';

const NOT_REPRODUCIBLE = 'it reads a clock or a file Loopscope does not control';

export interface RewindableOptions {
  /** Runs shorter than this many steps get no checkpoint (they re-run from the start fast). */
  checkpointMinSteps?: number;
}

export class RewindableSession implements RunEngine {
  private live: EngineSession;
  private scout: Scout | undefined;
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

  constructor(
    private readonly engineOptions: EngineSessionOptions = {},
    private readonly rewindable: RewindableOptions = {},
  ) {
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
    await this.scout?.forget();
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
    await this.scout?.forget();
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
    const scout = this.theScout();
    try {
      let report;
      if (route.scan) {
        const scan = await scout.reach(route.scan, false);
        report = scan.paused.replay ?? undefined;
        // A scan from a checkpoint saw only what came after it: what it looked for may lie
        // before.
        if (scan.from > 0 && !report?.previousLine && !report?.previousPause) report = (await scout.reach(route.scan, false, { fromStart: true })).paused.replay ?? undefined;
      }
      await this.arrive(await scout.reach(route.target(report), true));
    } finally {
      this.traveling = false;
    }
  }

  /** The step of the checkpoint the scout waits at (0: none), and when the one being made is
   * there: for benchmarks and tests. */
  get checkpoint(): number {
    return this.scout?.checkpoint ?? 0;
  }

  async checkpointSettled(): Promise<void> {
    await this.scout?.settled();
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
    if (!refusal) this.theScout().prepare(this.timeline.steps);
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
        // A checkpoint made of the dropped steps is not of this run.
        void this.scout?.forget();
      }
      this.timeline = appendTimeline(this.timeline, event);
    } else if (event.type === 'output') {
      // After going back, the run prints again what it printed before: the log keeps the
      // first time, and grows past where it ended.
      if ((event.step ?? 0) > this.reprintedUpTo) this.outputs.push(event);
    } else if (event.type === 'paused') {
      this.position = { paused: event };
      // A paused run is one the user may take back: have the scout loaded meanwhile, and
      // waiting a little before this moment.
      if (!this.notReproducible) this.theScout().prepare(event.step ?? 0);
    } else if (event.type === 'resumed') {
      this.position = { running: true };
    } else if (event.type === 'exit') {
      this.position = { ended: true };
      if (!this.notReproducible && event.reason !== 'stopped') this.scout?.prepare(this.timeline.steps);
    }
    this.emit(event);
  }

  private theScout(): Scout {
    this.scout ??= new Scout(this.session(), {
      timeline: () => this.timeline,
      outputs: () => this.outputs,
      options: () => this.options!,
      diverged: (what) => this.diverged(what),
    }, this.rewindable.checkpointMinSteps ?? CHECKPOINT_MIN_STEPS);
    return this.scout;
  }

  private diverged(what: string): TravelError {
    this.notReproducible = `this run does not repeat itself (${what}: ${NOT_REPRODUCIBLE}), so it cannot be gone back in`;
    return new TravelError(this.notReproducible);
  }

  /** The scout, paused at the moment, becomes the run; the old run is stopped and its engine
   * becomes the next scout. */
  private async arrive(arrival: Arrival): Promise<void> {
    const old = this.live;
    this.live = this.scout!.exchange(old);
    await old.stop();
    for (const event of arrival.timeline) this.timeline = appendTimeline(this.timeline, event);
    this.position = { paused: arrival.paused };
    this.reprintedUpTo = Math.max(this.reprintedUpTo, this.outputs.at(-1)?.step ?? -1);
    // The new run started with the armed set as it is now.
    this.armedUnchanged = true;
    for (const event of arrival.timeline) this.emit(event);
    this.emit({ type: 'travel.arrived', paused: arrival.paused, output: arrival.output });
    this.scout!.prepare(arrival.paused.step ?? 0);
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
