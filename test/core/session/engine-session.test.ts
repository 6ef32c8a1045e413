import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineSession, EXIT_CRASHED, EXIT_STOPPED } from '../../../core/session/engine-session.js';
import { collectRun } from '../../../core/session/collect.js';
import type { EngineEvent } from '../../../core/protocol/index.js';

const FILE = '/work/prog.py';
let session: EngineSession;

beforeAll(() => {
  session = new EngineSession();
});
afterAll(async () => {
  await session.dispose();
});

const run = (source: string, extra: Record<string, unknown> = {}) => collectRun(session, { source, filename: FILE, ...extra });
const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);

describe('EngineSession', () => {
  it('runs an asyncio program in virtual time and prints what python3 prints', async () => {
    const started = Date.now();
    const result = await run(`
import asyncio
async def main():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(3600)
    print("slept", loop.time())
asyncio.run(main())
`);
    expect(result.stdout).toBe('slept 3600.0\n');
    expect(result.exit.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('reports a syntax error with file, line and column, and exits 1', async () => {
    const result = await run('import asyncio\n\ndef broken(:\n    pass\n');
    const error = result.events.find((event) => event.type === 'error');
    expect(error).toMatchObject({ kind: 'syntax', file: FILE, line: 3, column: 12 });
    expect(lastLine(result.stderr)).toMatch(/^SyntaxError: /);
    expect(result.exit.code).toBe(1);
  });

  it('prints a traceback for an uncaught exception and exits 1', async () => {
    const result = await run('import asyncio\nasync def main():\n    raise ValueError("boom")\nasyncio.run(main())\n');
    expect(result.stderr).toContain('Traceback (most recent call last):');
    expect(result.stderr).toContain(`File "${FILE}", line 4, in <module>`);
    expect(lastLine(result.stderr)).toBe('ValueError: boom');
    expect(result.exit.code).toBe(1);
  });

  it('exits with the status of SystemExit', async () => {
    expect((await run('import sys\nsys.exit(5)\n')).exit.code).toBe(5);
    const message = await run('import sys\nsys.exit("bye")\n');
    expect(message.exit.code).toBe(1);
    expect(message.stderr).toBe('bye\n');
  });

  it('passes argv and keeps stdout and stderr in their true order', async () => {
    const result = await run('import sys\nprint(sys.argv[1:])\nprint("err", file=sys.stderr)\nprint("out")\n', { argv: ['a', 'b'] });
    const outputs = result.events.filter((event) => event.type === 'output');
    expect(outputs.map((event) => [event.stream, event.text])).toEqual([
      ['stdout', "['a', 'b']\n"], ['stderr', 'err\n'], ['stdout', 'out\n'],
    ]);
  });

  it('stops a runaway program', async () => {
    const events: EngineEvent[] = [];
    const dispose = session.onEvent((event) => events.push(event));
    const exited = session.nextExit();
    await session.start({ source: 'print("spinning", flush=True)\nwhile True:\n    pass\n', filename: FILE });
    await expect.poll(() => events.some((event) => event.type === 'output')).toBe(true);
    await session.stop();
    expect((await exited).code).toBe(EXIT_STOPPED);
    dispose();
    expect((await run('print("after")\n')).stdout).toBe('after\n');
  });

  it('reports an engine crash and can run again afterwards', async () => {
    const result = await run('import ctypes\nctypes.string_at(0xFFFFFFF0, 64)\n');
    expect(result.exit).toEqual({ type: 'exit', code: EXIT_CRASHED, reason: 'crashed' });
    // Pyodide's report of the crash is the error's detail, kept from the test log.
    expect(result.events.find((event) => event.type === 'error')).toMatchObject({ kind: 'crash', detail: expect.stringMatching(/Pyodide has suffered a fatal error/) });
    expect((await run('print("still here")\n')).stdout).toBe('still here\n');
  });

  it('gives the same event stream for the same program twice', async () => {
    const source = `
import asyncio, random
async def worker(name, lock, results):
    for _ in range(3):
        async with lock:
            await asyncio.sleep(random.random())
            results.append(name)
async def main():
    lock = asyncio.Lock()
    results = []
    await asyncio.gather(*(worker(f"w{i}", lock, results) for i in range(4)))
    print(results, asyncio.get_running_loop().time())
asyncio.run(main())
`;
    const strip = (events: EngineEvent[]) => events.filter((event) => event.type !== 'engine.ready');
    const first = await run(source, { seed: 7 });
    const second = await run(source, { seed: 7 });
    expect(JSON.stringify(strip(second.events))).toBe(JSON.stringify(strip(first.events)));
    expect(first.stdout).not.toBe((await run(source, { seed: 8 })).stdout);
  });
});
