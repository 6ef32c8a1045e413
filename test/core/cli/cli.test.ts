// The `loopscope` command as a user runs it: a real process, real files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineEvent } from '../../../core/protocol/index.js';
import { readRecording } from '../../../core/session/recording-file.js';

const dir = mkdtempSync(join(tmpdir(), 'loopscope-cli-'));
const loopscope = (...args: string[]) =>
  spawnSync(process.execPath, [join(import.meta.dirname, '../../../bin/loopscope.js'), ...args], { encoding: 'utf8', cwd: dir, maxBuffer: 64 * 1024 * 1024 });
const write = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('loopscope run', () => {
  it('prints what the program prints, where it prints it, and exits with its status', () => {
    const file = write('prog.py', 'import asyncio, sys\nasync def main():\n    print("out", sys.argv[1:])\n    print("err", file=sys.stderr)\n    sys.exit(4)\nasyncio.run(main())\n');
    const result = loopscope('run', file, 'a', '--', '--json');
    expect(result.stdout).toBe("out ['a', '--json']\n");
    expect(result.stderr).toBe('err\n');
    expect(result.status).toBe(4);
  });

  it('stops quietly when whatever reads its output goes away', () => {
    const file = write('endless.py', 'import asyncio\nasync def main():\n    n = 0\n    while True:\n        n += 1\n        print("line", n)\n        await asyncio.sleep(0)\nasyncio.run(main())\n');
    const script = `node ${JSON.stringify(join(import.meta.dirname, '../../../bin/loopscope.js'))} run ${JSON.stringify(file)} | head -n 3; echo "status \${PIPESTATUS[0]}" >&2`;
    const result = spawnSync('bash', ['-c', script], { encoding: 'utf8', cwd: dir });
    expect(result.stdout).toBe('line 1\nline 2\nline 3\n');
    expect(result.stderr).not.toMatch(/EPIPE|Error/);
    expect(result.stderr).toContain('status 141');
  });

  it('imports modules that sit beside the program', () => {
    write('helper.py', 'VALUE = 41\n');
    const file = write('uses_helper.py', 'import helper\nprint(helper.VALUE + 1)\n');
    expect(loopscope('run', file).stdout).toBe('42\n');
  });

  it('--json prints one valid event per line, the exit last', () => {
    const file = write('json.py', 'import asyncio\nasync def main():\n    await asyncio.sleep(1)\n    print("hi")\nasyncio.run(main())\n');
    const result = loopscope('run', '--json', file);
    const events = result.stdout.trim().split('\n').map((line) => EngineEvent.parse(JSON.parse(line)));
    expect(events[0]!.type).toBe('engine.ready');
    expect(events).toContainEqual({ type: 'output', stream: 'stdout', text: 'hi\n', step: 2 });
    expect(events.at(-1)).toEqual({ type: 'exit', code: 0 });
    expect(events.some((event) => event.type === 'snapshot.delta')).toBe(true);
  });

  it('--seed seeds the program\'s random numbers', () => {
    const file = write('seed.py', 'import random\nprint(random.randint(0, 10**9))\n');
    expect(loopscope('run', '--seed', '3', file).stdout).toBe(loopscope('run', '--seed', '3', file).stdout);
    expect(loopscope('run', '--seed', '3', file).stdout).not.toBe(loopscope('run', '--seed', '4', file).stdout);
  });

  it('with --break and --json reports each stop as a paused event and goes on', () => {
    const file = write('brk.py', 'import asyncio\nasync def main():\n    for i in range(3):\n        await asyncio.sleep(0.1)\n    print("done")\nasyncio.run(main())\n');
    const result = loopscope('run', file, '--break', `${file}:4:i > 0`, '--json');
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; location?: unknown });
    expect(events.filter((event) => event.type === 'paused').map((event) => event.location)).toEqual([[file, 4], [file, 4]]);
    expect(result.status).toBe(0);
  });

  it('ends a deadlocked run with its report and status 113, and --break-on none only drops the stop', () => {
    const file = write('dl.py', 'import asyncio\nasync def grab(first, second):\n    async with first:\n        await asyncio.sleep(0.1)\n        async with second:\n            pass\nasync def main():\n    a, b = asyncio.Lock(), asyncio.Lock()\n    await asyncio.gather(grab(a, b), grab(b, a))\nasyncio.run(main())\n');
    const stops = (result: ReturnType<typeof loopscope>) => result.stdout.trim().split('\n').filter((line) => JSON.parse(line).type === 'paused').length;
    expect(stops(loopscope('run', '--json', file))).toBe(1);
    expect(stops(loopscope('run', '--json', '--break-on', 'none', file))).toBe(0);
    for (const result of [loopscope('run', file), loopscope('run', '--break-on', 'none', file)]) {
      expect(result.status).toBe(113);
      expect(result.stderr).toMatch(/deadlock[\s\S]*Lock cycle/);
    }
  });

  it('gives clear errors for a missing file, a directory, a non-UTF-8 file and a bad option', () => {
    const missing = loopscope('run', join(dir, 'nope.py'));
    expect([missing.status, missing.stderr]).toEqual([2, `loopscope: ${join(dir, 'nope.py')}: no such file\n`]);
    mkdirSync(join(dir, 'folder.py'), { recursive: true });
    expect(loopscope('run', join(dir, 'folder.py')).stderr).toMatch(/is a directory/);
    const latin1 = write('latin1.py', Buffer.from([0x70, 0x72, 0x69, 0x6e, 0x74, 0x28, 0x22, 0xe9, 0x22, 0x29, 0x0a]));
    const bad = loopscope('run', latin1);
    expect([bad.status, bad.stderr]).toEqual([2, `loopscope: ${latin1}: not a UTF-8 text file (Loopscope reads Python source as UTF-8)\n`]);
    const option = loopscope('run', '--frobnicate', 'x.py');
    expect(option.status).toBe(2);
    expect(option.stderr).toMatch(/unknown option: --frobnicate/);
  });

  it('reports a syntax error as python3 does, with file and line', () => {
    const file = write('syntax.py', 'print("ok")\ndef broken(:\n    pass\n');
    const result = loopscope('run', file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`File "${file}", line 2`);
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(/^SyntaxError: /);
  });

  it('bounds output with a clear message', () => {
    const file = write('flood.py', 'import sys\nline = "x" * 999 + "\\n"\nfor _ in range(50_000):\n    sys.stdout.write(line)\nprint("end", file=sys.stderr)\n');
    const result = loopscope('run', '--json', file);
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; stream?: string; text?: string; category?: string });
    const printed = events.filter((event) => event.type === 'output' && event.stream === 'stdout').reduce((sum, event) => sum + event.text!.length, 0);
    expect(printed).toBe(8_000_000);
    expect(events.find((event) => event.type === 'warning')).toMatchObject({ category: 'OutputLimit' });
    expect(events.at(-1)).toEqual({ type: 'exit', code: 0 });
  });

  it('--stop-at-step N shows each task at step N and ends there', () => {
    const file = write('steps.py', 'import asyncio\nasync def worker(n):\n    for i in range(3):\n        await asyncio.sleep(1)\n        print("worker", n, i)\nasync def main():\n    await asyncio.gather(worker(1), worker(2))\nasyncio.run(main())\n');
    const result = loopscope('run', '--stop-at-step', '5', file);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('worker 1 0\n');
    expect(result.stderr).toMatch(/^loopscope: at step 5 \(t = 1 s\): Step 5: task Task-3 is about to run\n/);
    expect(result.stderr).toMatch(/  Task-2 #2: waits on sleep until t=2 at .*steps\.py:4\n/);
    const json = loopscope('run', '--json', '--stop-at-step', '5', file);
    const events = json.stdout.trim().split('\n').map((line) => EngineEvent.parse(JSON.parse(line)));
    expect(events.find((e) => e.type === 'paused')).toMatchObject({ step: 5, aboutToRun: true, reason: { kind: 'moment' } });
    const past = loopscope('run', '--stop-at-step', '1000', file);
    expect(past.stderr).toContain('loopscope: the run ended before step 1000');
    expect(loopscope('run', '--stop-at-step', 'x', file).status).toBe(2);
  });

  it('--record saves the run as a recording; loopscope open refuses a damaged one with the reason', () => {
    const file = write('recorded.py', 'import asyncio\nasync def main():\n    await asyncio.sleep(1)\n    print("recorded")\nasyncio.run(main())\n');
    const target = join(dir, 'run.loopscope');
    const result = loopscope('run', '--record', target, file);
    expect(result.stdout).toBe('recorded\n');
    expect(result.stderr).toContain(`loopscope: recorded the run in ${target}`);
    const recording = readRecording(target);
    expect(recording.program.source).toContain('print("recorded")');
    expect(recording.events.at(-1)).toEqual({ type: 'exit', code: 0 });
    const damaged = write('damaged.loopscope', readFileSync(target).subarray(0, 40));
    const opened = loopscope('open', damaged, '--no-open', '--port', '0');
    expect(opened.status).toBe(2);
    expect(opened.stderr).toMatch(/damaged\.loopscope is (truncated|damaged)/);
  });

  it('--help and --version', () => {
    expect(loopscope('--help').stdout).toMatch(/^Usage:\n  loopscope run/);
    expect(loopscope('--version').stdout).toMatch(/^loopscope \d+\.\d+\.\d+\n$/);
  });
});
