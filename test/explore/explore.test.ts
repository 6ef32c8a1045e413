// Exploration's promises, on the real engine: the same seed gives the same report; a replay
// token reproduces its failure; shrinking keeps it failing; shards cover the same schedules
// as one run, and their merge is that run's report; the systematic strategy runs every
// schedule up to its bound.
import { afterAll, describe, expect, it } from 'vitest';
import { explore } from '../../core/explore/explorer.js';
import { classify } from '../../core/explore/failure.js';
import { EnginePool } from '../../core/explore/pool.js';
import { mergeReports } from '../../core/explore/report.js';
import { decodeScheduleToken, replaySchedule, type ExploreReport } from '../../core/protocol/index.js';
import { program, settings } from './programs.js';

const pool = new EnginePool(2);
afterAll(() => pool.dispose());

/** What a report says about the program, less how long it took. */
const content = ({ elapsedSeconds: _e, runsPerSecond: _r, ...rest }: ExploreReport) => rest;

/** Every run index that a report's progressions name. */
const indices = (report: ExploreReport) => report.indices.flatMap(([start, step, count]) => Array.from({ length: count }, (_, i) => start + i * step));

async function replay(file: string, token: string) {
  const { source, file: filename } = program(file);
  return pool.run({ filename, source, breakOn: [], schedule: replaySchedule(token, source) }, 60_000);
}

describe('loopscope explore', () => {
  it('gives the same report for the same seed, and another for another seed', async () => {
    const options = settings({ runs: 10, shrink: true });
    const first = await explore(program('cache_check_then_act.py'), options, { pool });
    const second = await explore(program('cache_check_then_act.py'), options, { pool });
    expect(first.failures.length).toBeGreaterThan(0);
    expect(content(second)).toEqual(content(first));
    const other = await explore(program('cache_check_then_act.py'), { ...options, seed: 1, shrink: false }, { pool });
    expect(other.failures.map((failure) => failure.first.token)).not.toEqual(first.failures.map((failure) => failure.first.token));
  });

  it('replays a failure from its token, and the shrunk token fails the same way with fewer deviations', async () => {
    const report = await explore(program('lock_order_inversion.py'), settings({ runs: 10, shrink: true }), { pool });
    const [failure] = report.failures;
    expect(failure).toMatchObject({ kind: 'deadlock' });
    for (const token of [failure!.first.token, failure!.shortest.token, failure!.shrunk!.token]) {
      const outcome = await replay('lock_order_inversion.py', token);
      expect(outcome.exit.code).toBe(113);
      expect(classify(outcome)?.signature).toBe(failure!.signature);
      // The run made exactly the token's choices.
      expect(outcome.report?.decisions).toEqual(decodeScheduleToken(token).decisions);
    }
    expect(failure!.shrunk!.reproduces).toBe(true);
    expect(failure!.shrunk!.deviations).toBeGreaterThan(0);
    expect(failure!.shrunk!.deviations).toBeLessThanOrEqual(failure!.shortest.deviations);
    expect(failure!.shrunk!.explanation.join('\n')).toMatch(/switch(es)? from the default order matter/);
  });

  it('shrinks to deviations of which none can be dropped, and says which names the switch races on', async () => {
    const report = await explore(program('lost_update.py'), settings({ runs: 10, shrink: true }), { pool });
    const failure = report.failures.find((candidate) => candidate.kind === 'assertion')!;
    const { decisions } = decodeScheduleToken(failure.shrunk!.token);
    for (let i = 0; i < decisions.length; i++) {
      const fewer = decisions.filter((_, j) => j !== i);
      const { source, file } = program('lost_update.py');
      const outcome = await pool.run({ filename: file, source, breakOn: [], schedule: { strategy: 'replay', decisions: fewer, strict: false } }, 60_000);
      expect(classify(outcome)?.signature).not.toBe(failure.signature);
    }
    expect(failure.shrunk!.explanation.join('\n')).toMatch(/wrote `balance` at line 17 between .*read of it at line 15 and its write at line 17/);
  });

  it('splits the schedules between shards, and the merge of the shards is the report of one run', async () => {
    const options = settings({ runs: 9 });
    const whole = await explore(program('timer_tie.py'), options, { pool });
    const shards = [];
    for (let index = 1; index <= 3; index++) {
      shards.push(await explore(program('timer_tie.py'), { ...options, shard: { index, count: 3 } }, { pool }));
    }
    expect(shards.map(indices)).toEqual([[0, 3, 6], [1, 4, 7], [2, 5, 8]]);
    const merged = mergeReports(shards.map((report, i) => ({ name: `shard-${i + 1}.json`, report })));
    expect(indices(merged).sort((a, b) => a - b)).toEqual(indices(whole));
    expect(merged.runs).toBe(whole.runs);
    expect(merged.failures).toEqual(whole.failures);
    expect(merged.mergedShards).toEqual([1, 2, 3]);
  });

  it('explores every schedule with one deviation, then two, systematically (bounded)', async () => {
    const report = await explore(program('double_release.py'), settings({ strategy: 'bounded', runs: 200, bound: 2 }), { pool });
    expect(report.exhaustedBound).toBe(2);
    expect(report.failures.map((failure) => failure.kind)).toContain('exception');
    const shortest = Math.min(...report.failures.map((failure) => failure.shortest.deviations));
    expect(shortest).toBeLessThanOrEqual(2);
    // The first level of the tree: one deviation at each point of the default order.
    const halves = [1, 2].map((index) => explore(program('double_release.py'), settings({ strategy: 'bounded', runs: 200, bound: 1, shard: { index, count: 2 } }), { pool }));
    const [one, two] = await Promise.all(halves);
    const single = await explore(program('double_release.py'), settings({ strategy: 'bounded', runs: 200, bound: 1 }), { pool });
    expect(one!.runs + two!.runs).toBe(single.runs);
    expect(mergeReports([{ name: 'a', report: one! }, { name: 'b', report: two! }]).failures.map((f) => [f.signature, f.count]))
      .toEqual(single.failures.map((f) => [f.signature, f.count]));
  });

  it('stops when asked, with a report of what ran', async () => {
    const abort = new AbortController();
    const report = await explore(program('ok_locked_counter.py'), settings({ runs: 1000 }), {
      pool,
      signal: abort.signal,
      onProgress: (progress) => {
        if (progress.runs >= 4) abort.abort();
      },
    });
    expect(report.stopped).toBe(true);
    expect(report.runs).toBeGreaterThanOrEqual(4);
    expect(report.runs).toBeLessThan(1000);
    expect(indices(report)).toEqual(Array.from({ length: report.runs }, (_, i) => i));
  });
});
