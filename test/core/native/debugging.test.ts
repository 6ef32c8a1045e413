// Native mode as a user debugging a real program sees it: in the local python3, with real
// sockets and real time, breakpoints, per-task stepping, deadlock reports, pause and stop.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NativeSession } from '../../../core/session/native-session.js';
import type { Paused } from '../../../core/protocol/index.js';
import { lineOf, useDebugDriver } from '../debugger/driver.js';
import { local, programFile, skipNote } from './python.js';

const ECHO = join(import.meta.dirname, '../../../assets/examples/echo_server.py');

describe.skipIf(!local.python)(`native mode in the local python3${skipNote}`, () => {
  const driver = useDebugDriver(() => new NativeSession());
  const python = local.python!;
  const run = (file: string, options: Record<string, unknown> = {}) =>
    driver.start(readFileSync(file, 'utf8'), { filename: file, python, ...options });

  it('reports the interpreter it runs in, and streams the program\'s output as python3 prints it', async () => {
    const file = programFile('hello.py', 'import asyncio, sys\nasync def main():\n    print("hello from", sys.version_info[:2])\n    print("oops", file=sys.stderr)\n    return 3\nsys.exit(asyncio.run(main()))\n');
    await run(file);
    expect((await driver.exit()).code).toBe(3);
    const ready = driver.events.find((event) => event.type === 'engine.ready');
    expect(ready).toMatchObject({ mode: 'native', isolation: [] });
    expect(ready && 'python' in ready ? ready.python : '').toContain(`CPython ${local.version}`);
    expect(driver.output()).toBe(`hello from (${local.version!.split('.').slice(0, 2).join(', ')})\n`);
    expect(driver.output('stderr')).toBe('oops\n');
  });

  it('stops in an echo server\'s handler, shows both connections\' tasks, and steps over a read in that task', async () => {
    const source = readFileSync(ECHO, 'utf8');
    const line = lineOf(source, 'line = await reader.readline()');
    await run(ECHO, { breakpoints: [{ file: ECHO, line }] });
    // Each connection's handler reaches the line; wait for a pause at which both exist.
    let paused: Paused | undefined;
    for (let n = 1; !paused; n++) {
      const next = await driver.pause(n);
      expect(next.reason.kind).toBe('breakpoint');
      expect(next.location).toEqual([ECHO, line]);
      const handlers = next.snapshot.tasks.filter((task) => task.coro.includes('handle') && task.state !== 'done');
      if (handlers.length === 2) paused = next;
      else driver.send({ type: 'debug.continue' });
    }
    const handlerTask = paused.taskId!;
    expect(paused.snapshot.tasks.find((task) => task.id === handlerTask)?.coro).toContain('handle');
    // Both clients are tasks too (gather's children), with the server's handlers beside them.
    expect(paused.snapshot.tasks.filter((task) => task.coro.includes('client'))).toHaveLength(2);

    driver.send({ type: 'debug.setBreakpoints', breakpoints: [] });
    const before = driver.pauses().length;
    driver.send({ type: 'debug.step', kind: 'over', taskId: handlerTask });
    const stepped = await driver.pause(before + 1);
    expect(stepped.reason.kind).toBe('step');
    expect(stepped.taskId).toBe(handlerTask);
    expect(stepped.location).toEqual([ECHO, line + 1]);
    driver.send({ type: 'debug.continue' });
    expect((await driver.exit()).code).toBe(0);
    expect(driver.output()).toContain("alice: sent 'hello', got 'HELLO'");
    expect(driver.output()).toMatch(/server closed\n$/);
    // The streams' futures the handlers waited on were resolved (and dropped) before exit.
    const futures = new Map<number, string>();
    for (const event of driver.events) {
      if (event.type === 'snapshot.delta' || event.type === 'snapshot.full') for (const future of event.futures ?? []) futures.set(future.id, future.state);
    }
    expect(futures.size).toBeGreaterThan(0);
    expect([...futures.values()].filter((state) => state === 'pending')).toEqual([]);
  });

  it('reports a lock cycle in a program that also has a server listening', async () => {
    const file = programFile('deadlock.py', `import asyncio

async def handle(reader, writer):
    writer.close()

async def transfer(first, second):
    async with first:
        await asyncio.sleep(0.05)
        async with second:
            print("never")

async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    accounts, ledger = asyncio.Lock(), asyncio.Lock()
    async with server:
        await asyncio.gather(transfer(accounts, ledger), transfer(ledger, accounts))

asyncio.run(main())
`);
    await run(file, { autoContinue: true });
    expect((await driver.exit()).code).toBe(113);
    const [paused] = driver.pauses();
    expect(paused?.reason.kind).toBe('deadlock');
    expect(paused?.graph.cycles.map((cycle) => cycle.kind)).toContain('lock-cycle');
    expect(driver.output('stderr')).toContain('Loopscope: deadlock. No task can ever run again.');
    expect(driver.output()).toBe('');
  });

  it('does not call a server that only waits for connections a deadlock', async () => {
    const file = programFile('quiet_server.py', `import asyncio

async def main():
    server = await asyncio.start_server(lambda r, w: w.close(), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async def connect_later():
        await asyncio.sleep(0.6)  # longer than the loop's quiet spell before it looks for a deadlock
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.close()
        server.close()
    asyncio.get_running_loop().call_soon(lambda: asyncio.ensure_future(connect_later()))
    async with server:
        await server.wait_closed()
    print("served")

asyncio.run(main())
`);
    await run(file, { autoContinue: true });
    expect((await driver.exit()).code).toBe(0);
    expect(driver.pauses()).toEqual([]);
    expect(driver.output()).toBe('served\n');
  });

  it('pauses a program that never awaits, at its line, and stops it', async () => {
    const file = programFile('spin.py', 'import asyncio\nasync def main():\n    n = 0\n    while True:\n        n += 1  # SPIN\nasyncio.run(main())\n');
    await run(file);
    await new Promise((resolve) => setTimeout(resolve, 300));
    driver.send({ type: 'debug.pause' });
    const paused = await driver.pause(1);
    // At the loop's line or its body's, whichever the interrupt found it on.
    const spin = lineOf(readFileSync(file, 'utf8'), '# SPIN');
    expect([spin - 1, spin]).toContain(paused.location?.[1]);
    expect(await driver.evaluate('n > 0')).toMatchObject({ value: 'True', type: 'bool' });
    await driver.session.stop();
    expect((await driver.exit()).code).toBe(130);
  });

  it('pauses a program that waits on I/O, with its tasks', async () => {
    const file = programFile('waits.py', 'import asyncio\nasync def main():\n    r, w = await asyncio.open_connection("127.0.0.1", PORT)\n    await r.read()\n'
      + 'async def serve():\n    global PORT\n    s = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)\n    PORT = s.sockets[0].getsockname()[1]\n    await main()\nasyncio.run(serve())\n');
    await run(file);
    await new Promise((resolve) => setTimeout(resolve, 400));
    driver.send({ type: 'debug.pause' });
    const paused = await driver.pause(1);
    expect(paused.reason.description).toMatch(/waits for I\/O/);
    expect(paused.snapshot.tasks.some((task) => task.coro.includes('serve') && task.state === 'waiting')).toBe(true);
    await driver.session.stop();
    expect((await driver.exit()).code).toBe(130);
  });
});
