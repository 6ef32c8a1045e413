// Stepping into and out of coroutines, pausing, cancelling tasks, stopping on entry, and what
// happens to references once the program has run on: DebugClient over stdio, the real engine.
import { afterEach, describe, expect, it } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { join } from 'node:path';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Client, lineOf, programFile } from './dap-client.js';

let client: Client | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const exitCode = async (c: Client) => (await c.event<DebugProtocol.ExitedEvent>('exited')).body.exitCode;

describe('stepping and pausing', () => {
  it('steps into an awaited coroutine and out to the awaiting line, in the same task', async () => {
    const source = `
import asyncio

async def fetch(n):
    await asyncio.sleep(0.1)  # FETCH
    return n * 10

async def worker():
    total = await fetch(4)  # CALL
    return total

async def main():
    print(await asyncio.create_task(worker(), name="worker"))

asyncio.run(main())
`;
    client = await Client.stdio();
    const program = programFile('steps.py', source);
    await client.launch({ program }, { [program]: [{ line: lineOf(source, '# CALL') }] });
    const first = await client.stopped(0);
    await client.dc.stepInRequest({ threadId: first.body.threadId! });
    const into = await client.stopped(1);
    expect(into.body).toMatchObject({ reason: 'step', threadId: first.body.threadId });
    const inner = (await client.dc.stackTraceRequest({ threadId: into.body.threadId! })).body.stackFrames;
    expect(inner.slice(0, 2).map((frame) => [frame.name, frame.line])).toEqual([['fetch', lineOf(source, '# FETCH')], ['worker', lineOf(source, '# CALL')]]);
    await client.dc.stepOutRequest({ threadId: into.body.threadId! });
    const out = await client.stopped(2);
    expect(out.body).toMatchObject({ reason: 'step', threadId: first.body.threadId, description: 'Stepped out of fetch, which returned 40' });
    expect((await client.top(out.body.threadId!)).line).toBe(lineOf(source, '# CALL'));
    await client.dc.continueRequest({ threadId: out.body.threadId! });
    expect(await exitCode(client)).toBe(0);
    expect(client.output('stdout')).toBe('40\n');
  });

  it('pauses a runaway loop where it spins, and terminate ends the run', async () => {
    client = await Client.stdio();
    const source = 'import asyncio\n\nasync def spin():\n    print("spinning", flush=True)\n    n = 0\n    while True:\n        n += 1\n\nasyncio.run(spin())\n';
    const program = programFile('spin.py', source);
    await client.launch({ program });
    await client.event('output', 1);
    expect(client.output('stdout')).toBe('spinning\n');
    // It is running (no stop yet): nothing to inspect, and it says so.
    await expect(client.dc.stackTraceRequest({ threadId: 1 })).rejects.toThrow(/the program is running: pause it first/);
    await client.dc.pauseRequest({ threadId: 1 });
    const paused = await client.stopped(0);
    expect(paused.body.reason).toBe('pause');
    expect([6, 7]).toContain((await client.top(paused.body.threadId!)).line);
    expect(Number(await client.evaluate('n'))).toBeGreaterThan(0);
    await client.dc.terminateRequest();
    expect(await exitCode(client)).toBe(130);
    await client.event('terminated');
  });

  it('terminateThreads cancels a task; a finished task has no stack; an old variablesReference is refused', async () => {
    const source = `
import asyncio

async def sleeper():
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        print("sleeper cancelled")
        raise

async def quick():
    return 1

async def main():
    s = asyncio.create_task(sleeper(), name="sleeper")
    q = asyncio.create_task(quick(), name="quick")
    await asyncio.sleep(0.1)
    data = {"k": [1, 2]}  # FIRST
    await asyncio.gather(s, return_exceptions=True)
    print("done", q.result())  # SECOND

asyncio.run(main())
`;
    client = await Client.stdio();
    const program = programFile('cancel.py', source);
    await client.launch({ program }, { [program]: [{ line: lineOf(source, '# FIRST') }, { line: lineOf(source, '# SECOND') }] });
    const first = await client.stopped(0);
    const threads = (await client.dc.threadsRequest()).body.threads;
    const sleeper = threads.find((thread) => thread.name.startsWith('sleeper #'))!;
    expect(threads.some((thread) => thread.name.startsWith('quick #'))).toBe(false);
    await client.dc.nextRequest({ threadId: first.body.threadId! });
    const onData = await client.stopped(1);
    const frame = await client.top(onData.body.threadId!);
    const locals = (await client.dc.variablesRequest({ variablesReference: (await client.dc.scopesRequest({ frameId: frame.id })).body.scopes[0]!.variablesReference })).body.variables;
    const data = locals.find((variable) => variable.name === 'data')!;
    expect(data).toMatchObject({ value: "{'k': [1, 2]}", evaluateName: 'data' });
    const entries = (await client.dc.variablesRequest({ variablesReference: data.variablesReference })).body.variables;
    expect(entries).toEqual([expect.objectContaining({ name: "'k'", value: '[1, 2]', evaluateName: "data['k']" })]);

    await expect(client.dc.customRequest('terminateThreads', { threadIds: [sleeper.id, 999] })).rejects.toThrow(/999 is not a live task; no task was cancelled/);
    await client.dc.customRequest('terminateThreads', { threadIds: [sleeper.id] });
    await client.dc.continueRequest({ threadId: onData.body.threadId! });
    const second = await client.stopped(2);
    expect(client.output('stdout')).toBe('sleeper cancelled\n');
    await expect(client.dc.variablesRequest({ variablesReference: data.variablesReference }))
      .rejects.toThrow(/variablesReference \d+ is from an earlier stop/);
    await expect(client.dc.scopesRequest({ frameId: frame.id })).rejects.toThrow(/frame \d+ is from an earlier stop/);
    await expect(client.dc.stackTraceRequest({ threadId: sleeper.id })).rejects.toThrow(/not a live task at this stop: it has finished/);
    await expect(client.dc.nextRequest({ threadId: sleeper.id })).rejects.toThrow(/not a live task/);
    expect(await client.evaluate('s.cancelled()')).toBe('True');
    await client.dc.continueRequest({ threadId: second.body.threadId! });
    expect(await exitCode(client)).toBe(0);
    expect(client.output('stdout')).toBe('sleeper cancelled\ndone 1\n');
  });
});

describe('while the program runs', () => {
  it('lists the live tasks, and terminateThreads cancels one without a stop', async () => {
    const source = `
import asyncio

async def sleeper(event):
    try:
        await event.wait()
    except asyncio.CancelledError:
        print("sleeper cancelled", flush=True)
        raise

async def main():
    event = asyncio.Event()
    s = asyncio.create_task(sleeper(event), name="sleeper")
    print("started", flush=True)
    while not s.done():
        await asyncio.sleep(0)
    print("main saw", s.cancelled())

asyncio.run(main())
`;
    client = await Client.stdio();
    const program = programFile('running.py', source);
    await client.launch({ program });
    let sleeper: DebugProtocol.Thread | undefined;
    while (!sleeper) sleeper = (await client.dc.threadsRequest()).body.threads.find((thread) => thread.name.startsWith('sleeper #'));
    expect(sleeper.name).toMatch(/^sleeper #\d+ \(waiting: /);
    await client.dc.customRequest('terminateThreads', { threadIds: [sleeper.id] });
    expect(await exitCode(client)).toBe(0);
    expect(client.events.some((event) => event.event === 'stopped')).toBe(false);
    expect(client.output('stdout')).toBe('started\nsleeper cancelled\nmain saw True\n');
  });
});

describe('launching', () => {
  it('stops on entry at the first line, outside any task, and lists the program and the modules beside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loopscope-dap-'));
    mkdirSync(join(dir, 'pkg'));
    programFile('helper.py', 'def twice(x):\n    return 2 * x  # TWICE\n', dir);
    programFile('pkg/__init__.py', '', dir);
    programFile('notes.txt', 'not a module\n', dir);
    const source = '# a comment first\n\nimport asyncio\nimport helper\n\nasync def main():\n    print(helper.twice(21))\n\nasyncio.run(main())\n';
    const program = programFile('main.py', source, dir);
    client = await Client.stdio();
    const answers = await client.launch({ program, stopOnEntry: true, args: ['--flag'] }, { [join(dir, 'helper.py')]: [{ line: 2 }] });
    expect(answers[join(dir, 'helper.py')]![0]!.verified).toBe(true);
    const entry = await client.stopped(0);
    expect(entry.body).toMatchObject({ reason: 'entry', description: 'Paused on entry' });
    expect((await client.dc.threadsRequest()).body.threads).toEqual([{ id: entry.body.threadId, name: 'Program (outside any task)' }]);
    expect(await client.top(entry.body.threadId!)).toMatchObject({ line: 3, source: { path: program } });
    expect(await client.evaluate('__import__("sys").argv[1:]')).toBe("['--flag']");
    const sources = ((await client.dc.customRequest('loadedSources', {})) as DebugProtocol.LoadedSourcesResponse).body.sources;
    expect(sources.map((s) => s.path)).toEqual([program, join(dir, 'helper.py'), join(dir, 'pkg/__init__.py')]);

    await client.dc.continueRequest({ threadId: entry.body.threadId! });
    const inHelper = await client.stopped(1);
    expect(inHelper.body.reason).toBe('breakpoint');
    const frames = (await client.dc.stackTraceRequest({ threadId: inHelper.body.threadId! })).body.stackFrames;
    expect(frames.slice(0, 2).map((frame) => [frame.name, frame.source?.path, frame.line])).toEqual([['twice', join(dir, 'helper.py'), 2], ['main', program, 7]]);
    await client.dc.continueRequest({ threadId: inHelper.body.threadId! });
    expect(await exitCode(client)).toBe(0);
    expect(client.output('stdout')).toBe('42\n');
  });

  it('runs without debugging (noDebug): no breakpoint stops it', async () => {
    const source = 'import asyncio\nasync def main():\n    print("ran")\nasyncio.run(main())\n';
    const program = programFile('nodebug.py', source);
    client = await Client.stdio();
    await client.launch({ program, noDebug: true }, { [program]: [{ line: 3 }] });
    expect(await exitCode(client)).toBe(0);
    expect(client.events.some((event) => event.event === 'stopped')).toBe(false);
    expect(client.output('stdout')).toBe('ran\n');
  });

  it('refuses a launch it cannot do, with the reason, and launches after', async () => {
    client = await Client.stdio();
    await client.dc.initializeRequest();
    await expect(client.dc.launchRequest({} as DebugProtocol.LaunchRequestArguments)).rejects.toThrow(/program: expected the path of the \.py file/);
    await expect(client.dc.launchRequest({ program: '/nonexistent/x.py' } as DebugProtocol.LaunchRequestArguments)).rejects.toThrow(/no such file/);
    const program = programFile('ok.py', 'print("ok")\n');
    await expect(client.dc.launchRequest({ program, engine: 'native' } as DebugProtocol.LaunchRequestArguments)).rejects.toThrow(/engine "native" .* is not available yet/);
    await expect(client.dc.attachRequest({} as DebugProtocol.AttachRequestArguments)).rejects.toThrow(/attach is not supported/);
    const launched = client.dc.launchRequest({ program } as DebugProtocol.LaunchRequestArguments);
    await client.event('initialized');
    await client.dc.configurationDoneRequest();
    await launched;
    expect(await exitCode(client)).toBe(0);
    expect(client.output('stdout')).toBe('ok\n');
    await expect(client.dc.launchRequest({ program } as DebugProtocol.LaunchRequestArguments)).rejects.toThrow(/launched its program already/);
  });
});
