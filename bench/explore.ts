// `npm run bench`, part explore (BENCH_ONLY=explore): what the default order pays for the
// schedule hook, how many schedules a second the engine pool runs, and, for each program of
// the exploration suite and each strategy, the median number of schedules to the first
// failure and the schedules a second per core. Prints figures; asserts nothing.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findEngineAssets } from '../core/engine/assets.js';
import { explore, type ExploreOptions } from '../core/explore/explorer.js';
import { EnginePool } from '../core/explore/pool.js';
import { EngineSession } from '../core/session/engine-session.js';
import type { ExploreStrategy } from '../core/protocol/index.js';
import { median } from './measure.js';

const SUITE = join(import.meta.dirname, '..', 'test', 'explore', 'programs');
const SWITCH = join(import.meta.dirname, '..', 'bench', 'programs', 'switch.py');
/** Schedules an exploration may run before its first failure counts as not found. */
const BUDGET = 60;
const JOBS = 2;

/** The agent as it was before the schedule hook: the same files, less the hook's lines. */
function agentWithoutHook(): { dir: string; assets: ReturnType<typeof findEngineAssets> } {
  const assets = findEngineAssets();
  const dir = mkdtempSync(join(tmpdir(), 'loopscope-bench-agent-'));
  cpSync(assets.agentDir, dir, { recursive: true });
  const loop = join(dir, 'loopscope_agent', 'loop.py');
  const source = readFileSync(loop, 'utf8');
  const without = source.replace(/ {8}if self\._order is not None:\n(?: {12}#.*\n)* {12}ntodo = self\._order\.pick\(ready\)\n/, '');
  if (without === source) throw new Error('bench/explore.ts: the schedule hook is not where it was in loop.py');
  writeFileSync(loop, without);
  return { dir, assets: { ...assets, agentDir: dir } };
}

async function runSeconds(session: EngineSession): Promise<number> {
  let started = 0;
  const dispose = session.onEvent((event) => {
    if (event.type === 'engine.ready') started = performance.now();
  });
  const exit = await session.run({ filename: SWITCH, source: readFileSync(SWITCH, 'utf8') });
  dispose();
  if (exit.code !== 0) throw new Error(`switch.py exited ${exit.code}`);
  return (performance.now() - started) / 1000;
}

/** (a) without and with the hook, interleaved in one run so that the machine's load falls on both. */
async function hookCost(rounds: number): Promise<void> {
  const { dir, assets } = agentWithoutHook();
  const before = new EngineSession({ assets });
  const after = new EngineSession();
  try {
    await runSeconds(before);
    await runSeconds(after);
    const without: number[] = [];
    const withHook: number[] = [];
    for (let i = 0; i < rounds; i++) {
      without.push(await runSeconds(before));
      withHook.push(await runSeconds(after));
    }
    const [a, b] = [median(without), median(withHook)];
    console.log(`\nThe default order (no schedule), (a) 1000 tasks x 100 sleep(0), median of ${rounds} interleaved runs:`);
    console.log(`  loop without the schedule hook ${(a * 1000).toFixed(0)} ms, with it ${(b * 1000).toFixed(0)} ms: ${(((b - a) / a) * 100).toFixed(1)}%`);
  } finally {
    await Promise.all([before.dispose(), after.dispose()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

interface SuiteEntry {
  file: string;
  expect: string | null;
  oracle?: 'output';
}

function settings(strategy: ExploreStrategy, seed: number, runs: number, oracle: 'output' | null): ExploreOptions {
  return { strategy, seed, runs, timeSeconds: null, depth: 3, bound: null, oracle, shard: null, shrink: false, stopAtFirst: true, jobs: JOBS };
}

async function poolThroughput(pool: EnginePool, single: EnginePool): Promise<void> {
  const file = join(SUITE, 'ok_locked_counter.py');
  const program = { file, source: readFileSync(file, 'utf8') };
  const options = { ...settings('random', 0, 40, null), stopAtFirst: false };
  const one = await explore(program, { ...options, jobs: 1 }, { pool: single });
  const two = await explore(program, options, { pool });
  console.log(`\nSchedules a second (ok_locked_counter.py, 40 random schedules; each engine reloads its interpreter after a run):`);
  console.log(`  1 engine ${one.runsPerSecond.toFixed(1)}/s, ${pool.size} engines ${two.runsPerSecond.toFixed(1)}/s (${(two.runsPerSecond / pool.size).toFixed(1)} per core)`);
}

async function strategies(pool: EnginePool, rounds: number): Promise<void> {
  const suite = (JSON.parse(readFileSync(join(SUITE, 'manifest.json'), 'utf8')) as { programs: SuiteEntry[] }).programs.filter((entry) => entry.expect);
  console.log(`\nSchedules to the first failure (median of ${rounds} seeds; bounded is one systematic search; >${BUDGET}: not found), and schedules/s per core:`);
  console.log(`${'program'.padEnd(28)} ${['random', 'pct', 'bounded'].map((name) => name.padStart(20)).join('')}`);
  const firsts: Record<ExploreStrategy, number[]> = { random: [], pct: [], bounded: [] };
  for (const entry of suite) {
    const file = join(SUITE, entry.file);
    const program = { file, source: readFileSync(file, 'utf8') };
    const cells: string[] = [];
    for (const strategy of ['random', 'pct', 'bounded'] as const) {
      const found: number[] = [];
      let runs = 0;
      let seconds = 0;
      for (let seed = 0; seed < (strategy === 'bounded' ? 1 : rounds); seed++) {
        const report = await explore(program, settings(strategy, seed, BUDGET, entry.oracle ?? null), { pool });
        const explored = report.failures.filter((failure) => failure.first.index >= 0);
        found.push(explored.length ? Math.min(...explored.map((failure) => failure.first.index)) + 1 : Infinity);
        runs += report.runs;
        seconds += report.runsPerSecond > 0 ? report.runs / report.runsPerSecond : 0;
      }
      const first = median(found);
      firsts[strategy].push(first);
      const shown = Number.isFinite(first) ? first.toFixed(first % 1 ? 1 : 0) : `>${BUDGET}`;
      cells.push(`${shown.padStart(6)} ${(runs / seconds / pool.size).toFixed(1).padStart(5)}/s/core`);
    }
    console.log(`${entry.file.padEnd(28)} ${cells.map((cell) => cell.padStart(20)).join('')}`);
  }
  const summary = (['random', 'pct', 'bounded'] as const).map((strategy) => {
    const values = firsts[strategy];
    const missed = values.filter((value) => !Number.isFinite(value)).length;
    return `${strategy} median ${median(values)}${missed ? `, ${missed} not found` : ''}`;
  });
  console.log(`Over the ${suite.length} programs: ${summary.join('; ')}`);
}

/** frontrun (pip install frontrun) explores Python programs' interleavings too. */
function frontrun(): void {
  const probe = spawnSync('python3', ['-c', 'import frontrun, sys; print(getattr(frontrun, "__version__", "?"))'], { encoding: 'utf8' });
  if (probe.status === 0) {
    console.log(`\nfrontrun ${probe.stdout.trim()} is installed, but this bench has no harness for it yet: its asyncio API could not be tried here.`);
  } else {
    console.log('\nfrontrun: not available (pip install frontrun failed: PyPI is unreachable from this machine), so no side-by-side figures.');
  }
}

export async function benchExplore(rounds: number): Promise<void> {
  await hookCost(Math.max(rounds, 9));
  const pool = new EnginePool(JOBS);
  try {
    const single = new EnginePool(1);
    try {
      await poolThroughput(pool, single);
    } finally {
      await single.dispose();
    }
    await strategies(pool, rounds);
  } finally {
    await pool.dispose();
  }
  frontrun();
}
