// The scout: the second engine of a RewindableSession. It re-executes the run to a moment while
// the run stays paused, and checks the re-execution against the run, step for step and print
// for print. Between trips it waits at a checkpoint a little before the run's moment (rr's
// checkpoints, made by re-execution: a snapshot of the engine's memory would also have to
// carry its JavaScript side and the interpreter's native stack). Going back a short way is
// then going on from the checkpoint, a few steps, instead of re-running the whole program.
// A checkpoint serves one trip: after it the scout makes the next one, in the background.
import type { EngineSession } from '../session/engine-session.js';
import { firstDifference, type Timeline } from '../model/index.js';
import type { OutputEvent, Paused, Replay, ResolvedRunOptions, TimelineEvent } from '../protocol/index.js';
import { TravelError } from './travel-plan.js';

/** What the scout checks a re-execution against: the run as it went. */
export interface Reference {
  timeline(): Timeline;
  outputs(): readonly OutputEvent[];
  options(): ResolvedRunOptions;
  /** The run does not repeat itself: time travel is off; the error says why. */
  diverged(what: string): TravelError;
}

export interface Arrival {
  paused: Paused;
  /** What the run printed from the moment's step on, as the re-execution printed it. */
  output: OutputEvent[];
  timeline: TimelineEvent[];
  /** The step of the checkpoint the trip went on from (0: from the start). */
  from: number;
}

/** No checkpoint for runs shorter than this: re-running them from the start takes ~0.1 s. */
export const CHECKPOINT_MIN_STEPS = 20_000;

/** How far before the moment a checkpoint waits: 2% of the run (a few hundred milliseconds
 * of going on at most; near enough that the task's previous line is likely after it). */
export function checkpointStep(step: number): number {
  return Math.max(1, step - Math.max(1, Math.ceil(step / 50)));
}

/** Output up to (not including) `step`, merged per step and stream: two runs that printed
 * the same, in chunks of any size, give the same text. */
export function printedBefore(outputs: readonly OutputEvent[], step: number): string {
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
export function armedSet(options: ResolvedRunOptions): string {
  return JSON.stringify([options.breakpoints, options.breakOn, options.breakOnTaskNames]);
}

/** One re-execution from the start, in legs: each leg ends paused at a moment (or fails). */
class Reexecution {
  readonly output: OutputEvent[] = [];
  readonly timeline: TimelineEvent[] = [];
  /** The moment it waits at, between legs. */
  at: Paused | undefined;
  private leg: { resolve: (paused: Paused) => void; reject: (error: Error) => void } | undefined;
  private failure: Error | undefined;
  private readonly dispose: () => void;

  constructor(
    private readonly session: EngineSession,
    private readonly reference: Reference,
    readonly armed: string,
  ) {
    // Events of the session's previous run (its stop) may still come: this run's start with
    // its engine.ready.
    let started = false;
    this.dispose = session.onEvent((event) => {
      if (event.type === 'engine.ready') started = true;
      if (!started || this.failure) return;
      if (event.type === 'timeline') {
        const difference = firstDifference(reference.timeline(), event);
        if (difference) this.fail(reference.diverged(`at step ${difference.step} a re-execution ran task #${difference.actual} where the run had task #${difference.expected}`));
        else this.timeline.push(event);
      } else if (event.type === 'output') {
        this.output.push(event);
      } else if (event.type === 'paused' && event.replay) {
        if (event.replay.missed) this.fail(new TravelError(event.replay.missed));
        else this.arrive(event);
      } else if (event.type === 'exit') {
        this.fail(new TravelError(`the run ends (status ${event.code}) before that moment`));
      } else if (event.type === 'error' && (event.kind === 'crash' || event.kind === 'refused')) {
        this.fail(new TravelError(`the re-execution failed: ${event.message}`));
      }
    });
  }

  /** The moment's step, and the armed pauses passed before it. */
  get step(): number {
    return this.at?.step ?? 0;
  }

  get pauses(): number {
    return this.at?.replay?.pauses ?? 0;
  }

  start(replay: Replay): Promise<Paused> {
    const options: ResolvedRunOptions = { ...this.reference.options(), replay, realtime: false, autoContinue: false };
    const paused = this.nextLeg();
    this.session.start(options).catch((error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))));
    return paused;
  }

  /** Go on from the moment it waits at to a later one. */
  goOn(replay: Replay): Promise<Paused> {
    const paused = this.nextLeg();
    this.at = undefined;
    try {
      this.session.replayOn(replay);
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
    return paused;
  }

  /** Can a trip to `replay`'s moment go on from here? */
  leadsTo(replay: Replay, armed: string): boolean {
    const at = this.at;
    if (!at || this.failure) return false;
    const to = replay.to;
    // The n-th armed pause is the n-th of one armed set.
    if ('pause' in to) return armed === this.armed && to.pause > this.pauses;
    if (replay.trace === 'pauses' && armed !== this.armed) return false;
    const inStep = to.line !== undefined || to.lineIndex !== undefined;
    return inStep ? to.step >= this.step : to.step > this.step;
  }

  close(): void {
    this.dispose();
    this.fail(new TravelError('the re-execution was stopped'));
  }

  private nextLeg(): Promise<Paused> {
    return new Promise<Paused>((resolve, reject) => {
      if (this.failure) reject(this.failure);
      else this.leg = { resolve, reject };
    });
  }

  private arrive(paused: Paused): void {
    // A re-execution that printed other things than the run before the moment took another
    // path, even where the same tasks ran.
    const step = paused.step ?? 0;
    if (printedBefore(this.output, step) !== printedBefore(this.reference.outputs(), step)) {
      this.fail(this.reference.diverged(`a re-execution printed other things than the run before step ${step}`));
      return;
    }
    this.at = paused;
    const leg = this.leg;
    this.leg = undefined;
    leg?.resolve(paused);
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.at = undefined;
    const leg = this.leg;
    this.leg = undefined;
    leg?.reject(error);
  }
}

export class Scout {
  private run: Reexecution | undefined;
  /** The checkpoint being made: its step, and the work's end. */
  private making: { step: number; done: Promise<void> } | undefined;
  /** The step the latest ask for a checkpoint wants (later asks overtake earlier ones). */
  private wanted = 0;
  /** Trips and checkpoints take turns on the one engine. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private session: EngineSession,
    private readonly reference: Reference,
    private readonly minSteps = CHECKPOINT_MIN_STEPS,
  ) {}

  /** The step of the moment the scout waits at, as a checkpoint (0: none). */
  get checkpoint(): number {
    return this.making === undefined && this.run?.at ? this.run.step : 0;
  }

  /** Resolves when the checkpoint asked for last is made (or could not be). */
  async settled(): Promise<void> {
    while (this.making) await this.making.done;
  }

  /** The run is at rest before `step` (paused there, or ended after step - 1): have a
   * checkpoint made a little before it, in the background. */
  prepare(step: number): void {
    if (step < this.minSteps) return;
    const target = checkpointStep(step);
    this.wanted = target;
    const done = this.serial(async () => {
      // Overtaken by a later ask, or by a trip.
      if (this.wanted !== target) return;
      const run = this.run;
      const replay: Replay = { to: { step: target }, checkpoint: true };
      if (run?.leadsTo(replay, armedSet(this.reference.options()))) await run.goOn(replay);
      else if (run?.at?.step !== target) await this.fresh().start(replay);
    }).catch(() => undefined).finally(() => {
      if (this.making?.done === done) this.making = undefined;
    });
    this.making = { step: target, done };
  }

  /** Re-execute the run to `replay`'s moment: on from the checkpoint if it lies before the
   * moment, else from the start. Resolves paused there; the scout stays there when `keep`
   * (hand it over with `exchange`), and is stopped otherwise. */
  reach(replay: Replay, keep: boolean, options: { fromStart?: boolean } = {}): Promise<Arrival> {
    this.wanted = 0;
    // A checkpoint on its way past the moment is of no use: the trip does not wait for it.
    const to = replay.to;
    if (this.making && 'step' in to && to.step < this.making.step) this.run?.close();
    return this.serial(async () => {
      const checkpoint = this.run;
      const goOn = !options.fromStart && checkpoint !== undefined && checkpoint.leadsTo(replay, armedSet(this.reference.options()));
      const run = goOn ? checkpoint : this.fresh();
      const from = goOn ? run.step : 0;
      try {
        const paused = await (goOn ? run.goOn(replay) : run.start(replay));
        const step = paused.step ?? 0;
        const arrival: Arrival = { paused, output: run.output.filter((event) => (event.step ?? 0) >= step), timeline: run.timeline, from };
        if (!keep) await this.forget();
        return arrival;
      } catch (error) {
        await this.forget();
        throw error;
      }
    });
  }

  /** Take `session` as the scout's engine and give back the one that arrived (after a `reach`
   * that kept it): it becomes the run. */
  exchange(session: EngineSession): EngineSession {
    const arrived = this.session;
    this.run?.close();
    this.run = undefined;
    this.session = session;
    return arrived;
  }

  /** Stop whatever the scout does, and drop its checkpoint. */
  async forget(): Promise<void> {
    this.wanted = 0;
    this.run?.close();
    this.run = undefined;
    await this.session.stop();
  }

  async dispose(): Promise<void> {
    await this.forget();
    await this.session.dispose();
  }

  /** A new re-execution from the start on the scout's engine (the one before it ends). */
  private fresh(): Reexecution {
    this.run?.close();
    this.run = new Reexecution(this.session, this.reference, armedSet(this.reference.options()));
    return this.run;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
