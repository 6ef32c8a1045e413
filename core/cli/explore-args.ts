// The command line of `loopscope explore`.
import { availableParallelism } from 'node:os';
import { ExploreStrategy, type Shard } from '../protocol/index.js';
import { UsageError, integer } from './usage.js';

export interface ExploreArgs {
  command: 'explore';
  file: string | undefined;
  /** --merge: the reports to join (then no FILE). */
  merge: string[];
  programArgs: string[];
  runs: number | null;
  timeSeconds: number | null;
  strategy: ExploreStrategy;
  jobs: number;
  shard: Shard | null;
  seed: number;
  depth: number;
  bound: number | null;
  oracle: 'output' | null;
  shrink: boolean;
  stopAtFirst: boolean;
  json: boolean;
}

export const DEFAULT_RUNS = 100;

export const EXPLORE_USAGE = `Options of explore:
  --runs N               schedules to run (default ${DEFAULT_RUNS}; all shards together)
  --time S               or: explore for S seconds
  --strategy NAME        random (a seeded random walk, the default), pct (priority
                         change points), bounded (every schedule with 1, 2, ...
                         deviations from the default order: for small programs)
  --depth D              pct's depth (default 3)
  --bound B              bounded: stop after B deviations (default: the budget)
  --jobs K               engines run in parallel (default: one per core)
  --seed S               seed of the schedules (default 0): same seed, same report
  --shard I/N            run the I-th of N parts of the exploration (1 <= I <= N)
  --oracle output        also a failure: output that differs from the default order's
  --no-shrink            report failing schedules as found, not reduced and explained
  --stop-at-first        start no more schedules once one has failed
  --json                 print the report as JSON (what --merge reads)
  --merge FILE...        join the --json reports of the shards of one exploration

Exit status of explore: 0 if no failure was found, 1 if one was, 2 for a usage error.`;

function positive(name: string, value: string | undefined): number {
  const number = integer(name, value);
  if (number < 1) throw new UsageError(`${name} needs a positive integer, got ${value}`);
  return number;
}

function parseShard(spec: string | undefined): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(spec ?? '');
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || count < 1 || index > count) {
    throw new UsageError(`--shard needs I/N with 1 <= I <= N (the I-th of N parts), got ${spec ?? 'nothing'}`);
  }
  return { index, count };
}

export function parseExplore(argv: string[]): ExploreArgs {
  const args: ExploreArgs = {
    command: 'explore', file: undefined, merge: [], programArgs: [], runs: null, timeSeconds: null, strategy: 'random',
    jobs: availableParallelism(), shard: null, seed: 0, depth: 3, bound: null, oracle: null, shrink: true, stopAtFirst: false, json: false,
  };
  let merging = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      args.programArgs.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--runs') args.runs = positive('--runs', argv[++i]);
    else if (arg === '--time') {
      const value = argv[++i];
      args.timeSeconds = Number(value);
      if (!value || !(args.timeSeconds > 0)) throw new UsageError(`--time needs a number of seconds, got ${value ?? 'nothing'}`);
    } else if (arg === '--strategy') {
      const parsed = ExploreStrategy.safeParse(argv[++i]);
      if (!parsed.success) throw new UsageError(`--strategy is one of ${ExploreStrategy.options.join(', ')}, got ${argv[i] ?? 'nothing'}`);
      args.strategy = parsed.data;
    } else if (arg === '--depth') {
      args.depth = positive('--depth', argv[++i]);
      if (args.depth > 20) throw new UsageError(`--depth is at most 20, got ${args.depth}`);
    } else if (arg === '--bound') args.bound = positive('--bound', argv[++i]);
    else if (arg === '--jobs') args.jobs = positive('--jobs', argv[++i]);
    else if (arg === '--seed') args.seed = integer('--seed', argv[++i]);
    else if (arg === '--shard') args.shard = parseShard(argv[++i]);
    else if (arg === '--oracle') {
      if (argv[++i] !== 'output') throw new UsageError(`--oracle takes output (the only oracle), got ${argv[i] ?? 'nothing'}`);
      args.oracle = 'output';
    } else if (arg === '--no-shrink') args.shrink = false;
    else if (arg === '--stop-at-first') args.stopAtFirst = true;
    else if (arg === '--json') args.json = true;
    else if (arg === '--merge') merging = true;
    else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else if (arg.startsWith('--')) throw new UsageError(`unknown option of explore: ${arg}`);
    else if (merging) args.merge.push(arg);
    else if (args.file === undefined) args.file = arg;
    else args.programArgs.push(arg);
  }
  if (!Number.isInteger(args.seed) || Math.abs(args.seed) > 2 ** 31) throw new UsageError(`--seed is a 32-bit integer, got ${args.seed}`);
  if (merging) {
    if (!args.merge.length) throw new UsageError('--merge needs the JSON reports to join');
    if (args.file !== undefined) throw new UsageError('--merge joins reports: give no program with it');
    return args;
  }
  if (args.file === undefined) throw new UsageError('explore needs a FILE.py (or --merge REPORT.json...)');
  if (args.runs !== null && args.timeSeconds !== null) throw new UsageError('give --runs or --time, not both');
  if (args.runs === null && args.timeSeconds === null) args.runs = DEFAULT_RUNS;
  return args;
}
