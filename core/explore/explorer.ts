// Exploration: run a program in its default order, then under many schedules on a pool of
// engines, and report every distinct failure with the schedules that hit it, shrunk and
// explained. Everything that decides what runs (the schedules of each index, the order of the
// systematic search, which failing schedule is shrunk) depends on the settings alone, never on
// which engine finishes first: the same seed gives the same report.
import {
  EXPLORE_REPORT_FORMAT, EXPLORE_REPORT_VERSION,
  type ExploreFailure, type ExploreProgress, type ExploreReport, type ExploreSettings,
} from '../protocol/explore.js';
import {
  encodeScheduleToken, formatFingerprint, programFingerprint,
  type RunOptions, type ScheduleDecision, type ScheduleLimits, type ScheduleSpec, type TraceEntry,
} from '../protocol/index.js';
import { children, firstLevel, type Candidate } from './bounded.js';
import { explainSchedule } from './explain.js';
import { classify, type Failure } from './failure.js';
import { EnginePool, type RunOutcome } from './pool.js';
import { shrinkSchedule } from './shrink.js';

export interface ExploreProgram {
  file: string;
  source: string;
  /** The program's folder's other files (RunOptions.modules). */
  modules?: Record<string, string>;
  argv?: string[];
}

export interface ExploreOptions extends ExploreSettings {
  jobs: number;
  /** Runs that shrinking one failure may take. */
  shrinkRuns?: number;
}

export interface ExploreHooks {
  onProgress?(progress: ExploreProgress): void;
  /** Aborting ends the exploration early, with a report of what ran (`stopped`). */
  signal?: AbortSignal;
  /** Engines to use (they stay up); default: a pool of `jobs` engines for this exploration. */
  pool?: EnginePool;
}

/** The program cannot be explored (it does not run at all in the default order). */
export class ExploreError extends Error {}

/** The default order may take this long. Explored runs get limits of steps and virtual time
 * from its length (they end a livelock or an endless wait the same way in every replay), and
 * this much real time, for a run stuck where neither moves (a loop that never awaits). */
const BASELINE_SECONDS = 120;
const RUN_SECONDS = 30;
const MIN_STEPS = 100_000;
const MIN_VIRTUAL_SECONDS = 60;
const DEFAULT_SHRINK_RUNS = 120;
/** Runs the search for a schedule with fewer deviations than delta debugging's may take. */
const FEWER_RUNS = 60;

interface Result {
  index: number;
  decisions: ScheduleDecision[];
  failure: Failure | undefined;
  sizes?: number[];
}

export async function explore(program: ExploreProgram, options: ExploreOptions, hooks: ExploreHooks = {}): Promise<ExploreReport> {
  const pool = hooks.pool ?? new EnginePool(options.jobs);
  try {
    return await new Exploration(program, options, hooks, pool).run();
  } finally {
    if (!hooks.pool) await pool.dispose();
  }
}

class Exploration {
  private readonly fingerprint: number;
  private readonly started = performance.now();
  private readonly results: Result[] = [];
  private readonly signatures = new Set<string>();
  private limits: ScheduleLimits & { steps: number; virtualSeconds: number } = { steps: MIN_STEPS, virtualSeconds: MIN_VIRTUAL_SECONDS };
  private readonly realSeconds = RUN_SECONDS;
  private expectedStdout: string | undefined;
  /** Callbacks ready at each point of the default order. */
  private baselineSizes: number[] = [];
  private runs = 0;
  /** Explored runs (not the default order) that failed. */
  private failed = 0;
  private exploringSeconds = 0;
  private stopped = false;

  constructor(
    private readonly program: ExploreProgram,
    private readonly options: ExploreOptions,
    private readonly hooks: ExploreHooks,
    private readonly pool: EnginePool,
  ) {
    this.fingerprint = programFingerprint(program.source);
  }

  async run(): Promise<ExploreReport> {
    this.progress('starting');
    const baseline = await this.execute({ strategy: 'fifo', recordSizes: true }, BASELINE_SECONDS, false);
    const report = baseline.report;
    if (baseline.timedOut) throw new ExploreError(`the program did not finish in the default order within ${BASELINE_SECONDS} s`);
    const syntax = baseline.errors.find((error) => error.kind === 'syntax' || error.kind === 'input');
    if (syntax) throw new ExploreError(`the program cannot run: ${syntax.file ? `${syntax.file}:${syntax.line ?? '?'}: ` : ''}${syntax.message}`);
    if (!report) {
      const why = baseline.errors.at(-1)?.message ?? (baseline.stderr.trim().split('\n').at(-1) || `exit status ${baseline.exit.code}`);
      throw new ExploreError(`the program did not run in the default order: ${why}`);
    }
    this.limits = {
      steps: Math.max(MIN_STEPS, 20 * report.steps),
      virtualSeconds: Math.max(MIN_VIRTUAL_SECONDS, 10 * report.virtualTime),
    };
    this.expectedStdout = this.options.oracle === 'output' ? baseline.stdout : undefined;
    this.baselineSizes = report.sizes ?? [];
    const baseFailure = classify(baseline);
    if (baseFailure) this.record({ index: -1, decisions: [], failure: baseFailure });

    const exploring = performance.now();
    const indices = this.options.strategy === 'bounded'
      ? await this.bounded(this.baselineSizes)
      : await this.sampled(this.options.strategy === 'pct' ? Math.max(1, report.fifoSteps) : 0);
    this.exploringSeconds = (performance.now() - exploring) / 1000;

    const failures = this.failures();
    if (this.options.shrink && !this.hooks.signal?.aborted) await this.shrinkAll(failures);
    this.progress('done');
    return {
      format: EXPLORE_REPORT_FORMAT,
      version: EXPLORE_REPORT_VERSION,
      program: { file: this.program.file, fingerprint: formatFingerprint(this.fingerprint) },
      settings: settingsOf(this.options),
      baseline: { exit: baseline.exit.code, points: report.points, steps: report.steps, virtualTime: report.virtualTime },
      limits: { ...this.limits, realSeconds: this.realSeconds },
      runs: this.runs,
      indices: indices.progressions,
      exhaustedBound: indices.exhaustedBound,
      mergedShards: null,
      stopped: this.stopped,
      jobs: this.pool.size,
      elapsedSeconds: (performance.now() - this.started) / 1000,
      runsPerSecond: this.exploringSeconds > 0 ? this.runs / this.exploringSeconds : 0,
      failures,
    };
  }

  // ----- running -----
  private runOptions(schedule: ScheduleSpec): RunOptions {
    const { file, source, modules, argv } = this.program;
    // No pause: a deadlock is reported and ends the run (status 113) without a snapshot.
    return { filename: file, source, modules: modules ?? {}, argv: argv ?? [], breakOn: [], schedule };
  }

  private execute(schedule: ScheduleSpec, realSeconds: number, limited = true): Promise<RunOutcome> {
    const spec = limited ? { ...schedule, limits: this.limits } : schedule;
    return this.pool.run(this.runOptions(spec), realSeconds * 1000);
  }

  private async runOne(index: number, schedule: ScheduleSpec): Promise<Result> {
    const outcome = await this.execute(schedule, this.realSeconds);
    const failure = classify(outcome, this.expectedStdout);
    // A passing run's choices are not kept: ten thousand runs of a long program would hold
    // hundreds of millions of them.
    return { index, decisions: failure ? outcome.report?.decisions ?? [] : [], failure, ...(outcome.report?.sizes ? { sizes: outcome.report.sizes } : {}) };
  }

  private record(result: Result): void {
    if (result.index >= 0) this.runs++;
    if (result.index >= 0 && result.failure) this.failed++;
    this.results.push({ index: result.index, decisions: result.decisions, failure: result.failure });
    if (result.failure) this.signatures.add(result.failure.signature);
  }

  /** Whether another run may start: the budget, the time, an abort. */
  private mayStart(started: number): boolean {
    if (this.hooks.signal?.aborted) {
      this.stopped = true;
      return false;
    }
    if (this.options.runs !== null && started >= this.options.runs) return false;
    if (this.options.stopAtFirst && this.failed > 0) return false;
    if (this.options.timeSeconds !== null && (performance.now() - this.started) / 1000 >= this.options.timeSeconds) return false;
    return true;
  }

  /** Run jobs `parallel` at a time, taking them in order from `next` until it has none. */
  private async drive(next: () => (() => Promise<Result>) | undefined, onResult: (result: Result) => void): Promise<void> {
    const worker = async () => {
      for (let job = next(); job; job = next()) onResult(await job());
    };
    await Promise.all(Array.from({ length: this.pool.size }, worker));
  }

  /** random and pct: run i gets a seed of its own, from the settings' seed. */
  private async sampled(pctSteps: number): Promise<Indices> {
    const { shard, strategy, seed, depth } = this.options;
    const start = shard ? shard.index - 1 : 0;
    const step = shard ? shard.count : 1;
    let issued = 0;
    const total = this.options.runs;
    await this.drive(() => {
      const index = start + issued * step;
      if ((total !== null && index >= total) || !this.mayStart(issued)) return undefined;
      issued++;
      const runSeed = seedOf(seed, index);
      const schedule: ScheduleSpec = strategy === 'pct'
        ? { strategy: 'pct', seed: runSeed, depth, steps: pctSteps }
        : { strategy: 'random', seed: runSeed };
      return () => this.runOne(index, schedule);
    }, (result) => this.done(result));
    return { progressions: [[start, step, issued]], exhaustedBound: null };
  }

  /** bounded: level after level of the tree of deviations. */
  private async bounded(baselineSizes: number[]): Promise<Indices> {
    let level: Candidate[] = firstLevel(baselineSizes, this.options.shard);
    let depth = 1;
    let exhaustedBound: number | null = 0;
    let issued = 0;
    while (level.length && (this.options.bound === null || depth <= this.options.bound)) {
      const ran: Result[] = [];
      let taken = 0;
      const current = level;
      await this.drive(() => {
        if (taken >= current.length || !this.mayStart(issued)) return undefined;
        const candidate = current[taken]!;
        const index = issued++;
        taken++;
        return () => this.runOne(index, { strategy: 'replay', decisions: candidate.decisions, strict: false, recordSizes: true });
      }, (result) => {
        ran.push(result);
        this.done(result);
      });
      if (taken < current.length) break;
      exhaustedBound = depth;
      ran.sort((a, b) => a.index - b.index);
      level = ran.flatMap((result, i) => children(current[i]!.decisions, result.sizes ?? []));
      depth++;
    }
    return { progressions: [[0, 1, issued]], exhaustedBound };
  }

  private done(result: Result): void {
    this.record(result);
    this.progress('exploring');
  }

  // ----- the report -----
  private token(decisions: ScheduleDecision[]): string {
    return encodeScheduleToken({ fingerprint: this.fingerprint, decisions, limits: this.limits });
  }

  private failures(): ExploreFailure[] {
    const groups = new Map<string, { failure: Failure; count: number; inDefaultOrder: boolean; first: Result; shortest: Result }>();
    for (const result of [...this.results].sort((a, b) => a.index - b.index)) {
      const failure = result.failure;
      if (!failure) continue;
      const group = groups.get(failure.signature);
      if (!group) {
        groups.set(failure.signature, { failure, count: 1, inDefaultOrder: result.index < 0, first: result, shortest: result });
        continue;
      }
      group.count++;
      if (result.decisions.length < group.shortest.decisions.length) group.shortest = result;
    }
    return [...groups.values()].map(({ failure, count, inDefaultOrder, first, shortest }) => ({
      signature: failure.signature,
      kind: failure.kind,
      message: failure.message,
      file: failure.file,
      line: failure.line,
      count,
      inDefaultOrder,
      first: this.found(first),
      shortest: this.found(shortest),
      shrunk: null,
    }));
  }

  private found(result: Result) {
    return { index: result.index, token: this.token(result.decisions), deviations: result.decisions.length };
  }

  // ----- shrinking and explaining -----
  private async shrinkAll(failures: ExploreFailure[]): Promise<void> {
    let normalTrace: TraceEntry[] | undefined;
    for (const failure of failures) {
      if (this.hooks.signal?.aborted) return;
      this.progress('shrinking');
      const shortest = this.results.find((result) => result.failure?.signature === failure.signature && result.decisions.length === failure.shortest.deviations)!;
      let shrunk = shortest.decisions.length === 0 ? { decisions: [], runs: 0 } : await shrinkSchedule(shortest.decisions, async (decisions) => {
        const outcome = await this.execute({ strategy: 'replay', decisions, strict: false }, this.realSeconds);
        return classify(outcome, this.expectedStdout)?.signature === failure.signature ? outcome.report?.decisions ?? [] : undefined;
      }, { budget: this.options.shrinkRuns ?? DEFAULT_SHRINK_RUNS, parallel: this.pool.size });
      if (shrunk.decisions.length > 1) {
        const fewer = await this.fewer(failure.signature, shrunk.decisions.length, FEWER_RUNS);
        shrunk = { decisions: fewer.decisions ?? shrunk.decisions, runs: shrunk.runs + fewer.runs };
      }
      // The token as a user replays it: strict, with nothing else in the run.
      const replayed = await this.execute({ strategy: 'replay', decisions: shrunk.decisions, strict: true }, this.realSeconds);
      const reproduces = classify(replayed, this.expectedStdout)?.signature === failure.signature;
      let explanation: string[] = [];
      if (shrunk.decisions.length && reproduces) {
        normalTrace ??= (await this.trace([])).trace;
        const traced = await this.trace(shrunk.decisions);
        explanation = traced.failure?.signature === failure.signature ? explainSchedule(traced.trace, normalTrace)
          : ['(The run traced for an explanation went another way: its order depends on more than the schedule.)'];
      }
      failure.shrunk = { token: this.token(shrunk.decisions), deviations: shrunk.decisions.length, runs: shrunk.runs + 1, reproduces, explanation };
    }
  }

  /** A schedule with fewer than `below` deviations that fails the same way, from a search of
   * every schedule with 1, 2, ... deviations (as the bounded strategy runs them) within
   * `budget` runs. Delta debugging stops at a schedule from which no deviation can be
   * dropped, and that need not be the smallest: in a small program, this finds the smallest. */
  private async fewer(signature: string, below: number, budget: number): Promise<{ decisions?: ScheduleDecision[]; runs: number }> {
    let level = children([], this.baselineSizes);
    let runs = 0;
    for (let depth = 1; depth < below && level.length; depth++) {
      const next: Candidate[] = [];
      for (let i = 0; i < level.length; i += this.pool.size) {
        if (runs >= budget || this.hooks.signal?.aborted) return { runs };
        const batch = level.slice(i, i + Math.min(this.pool.size, budget - runs));
        runs += batch.length;
        const outcomes = await Promise.all(batch.map((candidate) => this.execute({ strategy: 'replay', decisions: candidate.decisions, strict: false, recordSizes: true }, this.realSeconds)));
        const found = outcomes.findIndex((outcome) => classify(outcome, this.expectedStdout)?.signature === signature);
        if (found >= 0) return { decisions: outcomes[found]!.report?.decisions ?? batch[found]!.decisions, runs };
        outcomes.forEach((outcome, j) => next.push(...children(batch[j]!.decisions, outcome.report?.sizes ?? [])));
      }
      level = next;
    }
    return { runs };
  }

  private async trace(decisions: ScheduleDecision[]): Promise<{ trace: TraceEntry[]; failure: Failure | undefined }> {
    const outcome = await this.execute({ strategy: 'replay', decisions, strict: true, trace: true }, 4 * this.realSeconds);
    return { trace: outcome.report?.trace ?? [], failure: classify(outcome, this.expectedStdout) };
  }

  private progress(phase: ExploreProgress['phase']): void {
    const elapsed = (performance.now() - this.started) / 1000;
    this.hooks.onProgress?.({
      phase,
      runs: this.runs,
      total: this.options.runs,
      elapsedSeconds: elapsed,
      runsPerSecond: elapsed > 0 ? this.runs / elapsed : 0,
      failures: this.signatures.size,
    });
  }
}

interface Indices {
  progressions: Array<[number, number, number]>;
  exhaustedBound: number | null;
}

function settingsOf(options: ExploreOptions): ExploreSettings {
  const { strategy, seed, runs, timeSeconds, depth, bound, oracle, shard, shrink, stopAtFirst } = options;
  return { strategy, seed, runs, timeSeconds, depth, bound, oracle, shard, shrink, stopAtFirst };
}

/** The seed of run `index` (a 32-bit mix of the two, so that neighbouring runs are unrelated). */
export function seedOf(seed: number, index: number): number {
  let x = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}
