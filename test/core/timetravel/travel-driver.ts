// Drives a RewindableSession as a host does, waiting on what it emits (never on time).
import { RewindableSession, type RewindableOptions } from '../../../core/timetravel/rewindable-session.js';
import type { EngineEvent, Paused, RunOptions, TravelRequest } from '../../../core/protocol/index.js';

export class TravelDriver {
  readonly session: RewindableSession;
  readonly events: EngineEvent[] = [];
  private seen = 0;
  private runStart = 0;
  private wake: (() => void) | undefined;

  /** `checkpointMinSteps: 1`: every trip may go on from a checkpoint (by default only runs
   * of 20,000 steps or more get one). */
  constructor(options: RewindableOptions = {}) {
    this.session = new RewindableSession({ prewarm: true }, options);
    this.session.onEvent((event) => {
      this.events.push(event);
      this.wake?.();
    });
  }

  /** The next event (after those already taken) that `pick` accepts. */
  async next<T extends EngineEvent>(pick: (event: EngineEvent) => event is T, what: string, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.seen < this.events.length) {
        const event = this.events[this.seen++]!;
        if (pick(event)) return event;
      }
      if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 200);
      });
    }
  }

  paused(): Promise<Paused> {
    return this.next((e): e is Paused => e.type === 'paused', 'paused event');
  }

  exit(): Promise<Extract<EngineEvent, { type: 'exit' }>> {
    return this.next((e): e is Extract<EngineEvent, { type: 'exit' }> => e.type === 'exit', 'exit');
  }

  async start(options: RunOptions): Promise<void> {
    // The previous run's end (its exit event) comes before this run's first event.
    await this.session.stop();
    this.seen = this.runStart = this.events.length;
    await this.session.start(options);
  }

  /** Travel, and the paused event it arrived at. */
  async travel(request: TravelRequest): Promise<Paused> {
    await this.session.travel(request);
    const arrived = await this.next((e): e is Extract<EngineEvent, { type: 'travel.arrived' }> => e.type === 'travel.arrived', 'travel.arrived');
    return arrived.paused;
  }

  /** Steps the current run has, from its timeline events so far. */
  steps(): number {
    let steps = 0;
    for (const event of this.events.slice(this.runStart)) if (event.type === 'timeline') steps = Math.max(steps, event.fromStep + event.tasks.length - 1);
    return steps;
  }

  dispose(): Promise<void> {
    return this.session.dispose();
  }
}

const FINISHED = new Set(['done', 'cancelled', 'failed']);

/** What a user sees of a moment, without what differs from run to run of the same program: a
 * snapshot's sequence number, what a re-execution reports of its way there, and the memory
 * addresses in default reprs (`<Lock object at 0x...>`: the debugger's own allocations move them). */
export function moment(paused: Paused): unknown {
  const rest: Partial<Paused> = { ...paused };
  delete rest.replay;
  delete rest.snapshot;
  const records: Partial<Paused['snapshot']> = { ...paused.snapshot };
  delete records.seq;
  // A full snapshot carries the tasks that finished since the last delta, and when the last
  // delta was differs between a run and its re-execution (which publishes none): the live ones.
  const finished = new Set(paused.snapshot.tasks.filter((task) => FINISHED.has(task.state)).map((task) => task.id));
  records.tasks = paused.snapshot.tasks.filter((task) => !finished.has(task.id));
  rest.details = paused.details.filter((detail) => !finished.has(detail.id));
  return JSON.parse(JSON.stringify({ ...rest, snapshot: records }).replace(/ at 0x[0-9a-f]+/g, ' at 0x…'));
}
