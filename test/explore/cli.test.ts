// `loopscope explore` and `loopscope run --schedule` as a user runs them: real processes.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeScheduleToken, ExploreReport, programFingerprint } from '../../core/protocol/index.js';
import { PROGRAMS_DIR } from './programs.js';

const dir = mkdtempSync(join(tmpdir(), 'loopscope-explore-'));
const loopscope = (...args: string[]) =>
  spawnSync(process.execPath, [join(import.meta.dirname, '../../bin/loopscope.js'), ...args], { encoding: 'utf8', cwd: dir, maxBuffer: 64 * 1024 * 1024 });
for (const name of ['overdraft.py', 'ok_locked_counter.py', 'timer_tie.py']) copyFileSync(join(PROGRAMS_DIR, name), join(dir, name));

describe('loopscope explore', () => {
  it('prints each failure with a replay command that reproduces it, and exits 1', () => {
    const result = loopscope('explore', 'overdraft.py', '--runs', '6', '--jobs', '2');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^Explored overdraft\.py: 6 schedules \(random, seed 0\)/);
    expect(result.stdout).toMatch(/1\. assertion: AssertionError: overdrawn: balance -40/);
    const command = /replay: loopscope run (overdraft\.py --schedule (ls1\.\S+))/.exec(result.stdout);
    expect(command).not.toBeNull();
    const replay = loopscope('run', 'overdraft.py', '--schedule', command![2]!);
    expect(replay.status).toBe(1);
    expect(replay.stderr.trim().split('\n').at(-1)).toMatch(/^AssertionError: overdrawn: balance -40/);
    // Without the token, the default order passes.
    expect(loopscope('run', 'overdraft.py').status).toBe(0);
  });

  it('reports nothing for a correct program, and exits 0', () => {
    const result = loopscope('explore', 'ok_locked_counter.py', '--runs', '6', '--strategy', 'pct');
    expect([result.status, result.stdout.trim().split('\n').at(-1)]).toEqual([0, 'No failure found.']);
  });

  it('--json prints a versioned report, and --merge joins the shards of one exploration', () => {
    const shards = [1, 2].map((index) => {
      const result = loopscope('explore', 'timer_tie.py', '--runs', '6', '--shard', `${index}/2`, '--json', '--no-shrink');
      expect(result.status).toBe(1);
      const report = ExploreReport.parse(JSON.parse(result.stdout));
      expect(report).toMatchObject({ format: 'loopscope-explore', version: 1, runs: 3, settings: { shard: { index, count: 2 } } });
      const file = join(dir, `shard-${index}.json`);
      writeFileSync(file, result.stdout);
      return file;
    });
    const merged = loopscope('explore', '--merge', ...shards, '--json');
    const report = ExploreReport.parse(JSON.parse(merged.stdout));
    expect(report).toMatchObject({ runs: 6, mergedShards: [1, 2], settings: { shard: null } });
    expect(report.failures.map((failure) => failure.kind)).toEqual(['assertion']);
    const text = loopscope('explore', '--merge', ...shards);
    expect(text.stdout).toMatch(/6 schedules \(random, seed 0, 2 shards merged \(1, 2\)\)/);
    const again = loopscope('explore', '--merge', shards[0]!, shards[0]!);
    expect([again.status, again.stderr]).toEqual([2, `loopscope: ${shards[0]}: shard 1/2 is in ${shards[0]} too\n`]);
  });

  it('gives clear errors for bad reports and bad options', () => {
    writeFileSync(join(dir, 'syntax.py'), 'import asyncio\ndef broken(:\n    pass\n');
    writeFileSync(join(dir, 'notes.json'), '{"hello": 1}');
    writeFileSync(join(dir, 'broken.json'), '{"format": "loopscope-explore", "version": 1');
    expect(loopscope('explore', '--merge', 'notes.json').stderr).toBe('loopscope: notes.json: not a report of loopscope explore --json\n');
    expect(loopscope('explore', '--merge', 'broken.json').stderr).toMatch(/^loopscope: broken\.json: not JSON/);
    expect(loopscope('explore', '--merge', 'missing.json').stderr).toBe('loopscope: missing.json: no such file\n');
    for (const [args, message] of [
      [['explore', 'timer_tie.py', '--shard', '0/3'], /--shard needs I\/N with 1 <= I <= N/],
      [['explore', 'timer_tie.py', '--strategy', 'dfs'], /--strategy is one of random, pct, bounded, got dfs/],
      [['explore', 'timer_tie.py', '--runs', '5', '--time', '3'], /give --runs or --time, not both/],
      [['explore'], /explore needs a FILE\.py/],
      [['explore', 'nope.py'], /nope\.py: no such file/],
      [['explore', 'syntax.py'], /^loopscope: the program cannot run: .*syntax\.py:2: invalid syntax\n$/],
    ] as const) {
      const result = loopscope(...args);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });
});

describe('loopscope run --schedule', () => {
  it('refuses a bad token, a token of another program and one that does not fit, saying why', () => {
    const source = `import asyncio\nasync def main():\n    await asyncio.gather(asyncio.sleep(0), asyncio.sleep(0))\n    print("ok")\nasyncio.run(main())\n`;
    writeFileSync(join(dir, 'two.py'), source);
    const garbage = loopscope('run', 'two.py', '--schedule', 'ls1.@@@');
    expect([garbage.status, garbage.stderr]).toEqual([2, 'loopscope: bad --schedule: the schedule token holds characters a token never has (it is base64url after "ls1."): copy it whole\n']);
    const other = loopscope('run', 'two.py', '--schedule', encodeScheduleToken({ fingerprint: programFingerprint('print(1)\n'), decisions: [] }));
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/^loopscope: bad --schedule: this schedule token was recorded on another program/);
    const unfit = loopscope('run', 'two.py', '--schedule', encodeScheduleToken({ fingerprint: programFingerprint(source), decisions: [[0, 5]] }));
    expect(unfit.status).toBe(2);
    expect(unfit.stderr).toMatch(/Loopscope: the schedule does not fit this program: at scheduling point 0 it runs callback 6 of 2 ready/);
    const fine = loopscope('run', 'two.py', '--schedule', encodeScheduleToken({ fingerprint: programFingerprint(source), decisions: [[0, 1]] }));
    expect([fine.status, fine.stdout]).toEqual([0, 'ok\n']);
  });
});
