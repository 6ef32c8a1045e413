// Schedule exploration (core/explore): what a client asks for, the progress it is shown, and
// the report, which is also the JSON that `loopscope explore --json` prints and `--merge`
// reads back (so it carries a format name and a version).
import { z } from 'zod';

export const EXPLORE_REPORT_FORMAT = 'loopscope-explore';
export const EXPLORE_REPORT_VERSION = 1;

export const ExploreStrategy = z.enum(['random', 'pct', 'bounded']);
export type ExploreStrategy = z.infer<typeof ExploreStrategy>;

/** exception: an uncaught exception (in the program or a task whose exception nobody
 * retrieved); assertion: the same, an AssertionError; deadlock: exit 113; timeout: a schedule's
 * limit of steps or virtual time, or the real time allowed to a run; exit: a non-zero exit
 * status otherwise; output: stdout differs from the default order's (with the output oracle). */
export const FailureKind = z.enum(['exception', 'assertion', 'deadlock', 'timeout', 'exit', 'output']);
export type FailureKind = z.infer<typeof FailureKind>;

const Count = z.number().int().nonnegative();

export const Shard = z.object({ index: z.number().int().positive(), count: z.number().int().positive() })
  .refine((shard) => shard.index <= shard.count, 'a shard is i/N with 1 <= i <= N');
export type Shard = z.infer<typeof Shard>;

export const ExploreSettings = z.object({
  strategy: ExploreStrategy,
  seed: z.number().int(),
  /** Schedules to run (all shards together for random and pct; per shard for bounded). */
  runs: Count.nullable(),
  /** Or: explore for this many seconds of real time. */
  timeSeconds: z.number().positive().nullable(),
  /** PCT's depth. */
  depth: z.number().int().min(1).max(20),
  /** bounded: explore schedules with at most this many deviations from FIFO (null: no bound). */
  bound: Count.nullable(),
  oracle: z.enum(['output']).nullable(),
  shard: Shard.nullable(),
  shrink: z.boolean(),
  /** Stop starting runs once one has failed (with several jobs, which ran then depends on timing). */
  stopAtFirst: z.boolean(),
});
export type ExploreSettings = z.infer<typeof ExploreSettings>;

/** A schedule that hit a failure: its run's index (-1: the default order), its replay token
 * and its number of deviations from FIFO. */
export const FoundSchedule = z.object({ index: z.number().int().min(-1), token: z.string(), deviations: Count });
export type FoundSchedule = z.infer<typeof FoundSchedule>;

export const ExploreFailure = z.object({
  /** What makes two failures the same: kind, exception type and place, deadlock sites... */
  signature: z.string(),
  kind: FailureKind,
  message: z.string(),
  file: z.string().nullable(),
  line: z.number().int().nullable(),
  /** Schedules that hit it. */
  count: z.number().int().positive(),
  /** The default order hits it too. */
  inDefaultOrder: z.boolean(),
  first: FoundSchedule,
  shortest: FoundSchedule,
  /** The shortest one, reduced to the deviations that matter (delta debugging), explained. */
  shrunk: z.object({
    token: z.string(),
    deviations: Count,
    /** Runs the shrinking took. */
    runs: Count,
    /** Its replay failed the same way again (false: the program's order depends on more
     * than the schedule, such as the addresses of its objects). */
    reproduces: z.boolean(),
    explanation: z.array(z.string()),
  }).nullable(),
});
export type ExploreFailure = z.infer<typeof ExploreFailure>;

export const ExploreReport = z.object({
  format: z.literal(EXPLORE_REPORT_FORMAT),
  version: z.literal(EXPLORE_REPORT_VERSION),
  program: z.object({ file: z.string(), fingerprint: z.string() }),
  settings: ExploreSettings,
  /** The run in the default order (FIFO). */
  baseline: z.object({ exit: z.number().int(), points: Count, steps: Count, virtualTime: z.number() }),
  /** The limits each explored run had (from the baseline's length). */
  limits: z.object({ steps: Count, virtualSeconds: z.number(), realSeconds: z.number() }),
  /** Schedules run (the default order and shrinking not counted). */
  runs: Count,
  /** Which run indices were run, as arithmetic progressions [start, step, count]. */
  indices: z.array(z.tuple([z.number().int(), z.number().int().positive(), Count])),
  /** bounded: every schedule with at most this many deviations was run. */
  exhaustedBound: Count.nullable(),
  /** A merge of shard reports (`--merge`): the shards it holds; null for one exploration. */
  mergedShards: z.array(z.number().int().positive()).nullable(),
  /** The exploration was stopped before its budget was spent. */
  stopped: z.boolean(),
  jobs: z.number().int().positive(),
  elapsedSeconds: z.number(),
  runsPerSecond: z.number(),
  failures: z.array(ExploreFailure),
});
export type ExploreReport = z.infer<typeof ExploreReport>;

export const ExploreProgress = z.object({
  phase: z.enum(['starting', 'exploring', 'shrinking', 'done']),
  runs: Count,
  /** The budget in runs, if it is one. */
  total: Count.nullable(),
  elapsedSeconds: z.number(),
  runsPerSecond: z.number(),
  failures: Count,
});
export type ExploreProgress = z.infer<typeof ExploreProgress>;
