// The adapter as an editor drives it: DebugClient over stdio, the real engine, real files.
import { afterEach, describe, expect, it } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { Client, lineOf, programFile } from './dap-client.js';

const PROGRAM = `
import asyncio

async def leaf(n):
    await asyncio.sleep(0.1)  # LEAF
    return n * 2

async def middle(n):
    value = await leaf(n)
    return value + 1

async def worker(n):
    total = 0
    total += await middle(n)
    await asyncio.sleep(0.2)  # SLEEP
    total += 100  # AFTER
    return total

async def noisy():
    for _ in range(5):
        await asyncio.sleep(0.05)  # NOISY

async def main():
    w = asyncio.create_task(worker(5), name="worker")
    other = asyncio.create_task(noisy(), name="noisy")
    result = await w
    await other
    print("result", result)
    raise SystemExit(3)

asyncio.run(main())
`;
const at = (marker: string) => lineOf(PROGRAM, marker);

let client: Client | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

describe('loopscope dap, driven by DebugClient', () => {
  it('stops on an await line, lists tasks as threads, shows who awaits whom, steps over the await in the task, evaluates, exits with the status', async () => {
    client = await Client.stdio();
    const program = programFile('tasks.py', PROGRAM);
    const answers = await client.launch({ program }, { [program]: [{ line: at('# LEAF') }, { line: at('# SLEEP') }] });
    expect(answers[program]!.map((bp) => bp.verified)).toEqual([true, true]);

    const first = await client.stopped(0);
    expect(first.body).toMatchObject({ reason: 'breakpoint', allThreadsStopped: true, hitBreakpointIds: [answers[program]![0]!.id] });
    const threads = (await client.dc.threadsRequest()).body.threads;
    const named = (prefix: string) => threads.find((thread) => thread.name.startsWith(prefix))!;
    expect(threads.map((thread) => thread.name)).toEqual([
      expect.stringMatching(/^Task-1 #\d+ \(waiting: task worker\)$/),
      expect.stringMatching(/^worker #\d+ \(running\)$/),
      expect.stringMatching(/^noisy #\d+ \((ready|waiting.*)\)$/),
    ]);
    expect(first.body.threadId).toBe(named('worker').id);

    const stack = (await client.dc.stackTraceRequest({ threadId: first.body.threadId! })).body;
    expect(stack.stackFrames.map((frame) => frame.name)).toEqual(['leaf', 'middle', 'worker', `awaited by Task-1 #${named('Task-1').id}`, 'main']);
    expect(stack.stackFrames[0]).toMatchObject({ line: at('# LEAF'), source: { path: program } });
    expect(stack.stackFrames[3]).toMatchObject({ presentationHint: 'label' });
    expect(stack.stackFrames[4]).toMatchObject({ line: lineOf(PROGRAM, 'result = await w'), source: { path: program } });
    // The frames of a task come in pages too, with the same ids.
    const page = (await client.dc.stackTraceRequest({ threadId: first.body.threadId!, startFrame: 1, levels: 2 })).body;
    expect(page.stackFrames.map((frame) => frame.id)).toEqual(stack.stackFrames.slice(1, 3).map((frame) => frame.id));
    expect(page.totalFrames).toBe(5);

    const scopes = (await client.dc.scopesRequest({ frameId: stack.stackFrames[0]!.id })).body.scopes;
    expect(scopes.map((scope) => scope.name)).toEqual(['Locals', 'Globals']);
    const locals = (await client.dc.variablesRequest({ variablesReference: scopes[0]!.variablesReference })).body.variables;
    expect(locals).toEqual([expect.objectContaining({ name: 'n', value: '5', type: 'int', evaluateName: 'n' })]);
    const globals = (await client.dc.variablesRequest({ variablesReference: scopes[1]!.variablesReference })).body.variables;
    expect(globals.map((variable) => variable.name)).toEqual(expect.arrayContaining(['asyncio', 'leaf', 'main']));
    expect(globals.map((variable) => variable.name)).not.toContain('__builtins__');
    // The awaiting task's frame is inspectable as its own.
    expect(await client.evaluate('w.get_name()', stack.stackFrames[4]!.id)).toBe("'worker'");

    await client.dc.continueRequest({ threadId: first.body.threadId! });
    const second = await client.stopped(1);
    expect(second.body).toMatchObject({ reason: 'breakpoint', threadId: first.body.threadId });
    expect((await client.top(second.body.threadId!)).line).toBe(at('# SLEEP'));
    expect(await client.evaluate('total')).toBe('11');

    await client.dc.nextRequest({ threadId: second.body.threadId!, singleThread: true });
    const stepped = await client.stopped(2);
    expect(stepped.body).toMatchObject({ reason: 'step', threadId: first.body.threadId });
    expect((await client.top(stepped.body.threadId!)).line).toBe(at('# AFTER'));
    // The other tasks ran meanwhile (the sleep needed the loop), but only this one stopped.
    expect(await client.evaluate('asyncio.get_running_loop().time() >= 0.3')).toBe('True');
    expect(await client.evaluate('other.done()', (await client.top(named('Task-1').id)).id)).toBe('True');

    await expect(client.evaluate('await asyncio.sleep(0)')).rejects.toThrow(/await cannot be evaluated here: the embedded engine/);
    await expect(client.evaluate('undefined_name')).rejects.toThrow(/NameError: name 'undefined_name' is not defined/);

    await client.dc.continueRequest({ threadId: stepped.body.threadId! });
    expect((await client.event<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(3);
    await client.event('terminated');
    expect(client.output('stdout')).toBe('result 111\n');
  });
});

const PHILOSOPHERS = `
import asyncio

async def philosopher(name, left, right):
    async with left:
        await asyncio.sleep(0.1)
        async with right:  # SECOND
            print(name, "eats")

async def main():
    fork_a, fork_b = asyncio.Lock(), asyncio.Lock()
    await asyncio.gather(philosopher("p1", fork_a, fork_b), philosopher("p2", fork_b, fork_a))

asyncio.run(main())
`;

describe('scheduler events as exception breakpoint filters', () => {
  it('stops on a deadlock with the filter as the reason, in a task of the cycle, then exits 113', async () => {
    client = await Client.stdio();
    const capabilities = await client.dc.initializeRequest();
    expect(capabilities.body?.exceptionBreakpointFilters?.map((filter) => filter.filter)).toEqual(expect.arrayContaining(['deadlock', 'task-switch', 'lock-contended', 'never-retrieved']));
    expect(capabilities.body?.exceptionBreakpointFilters?.find((filter) => filter.filter === 'deadlock')?.default).toBe(true);
    const program = programFile('philosophers.py', PHILOSOPHERS);
    const launched = client.dc.launchRequest({ program } as DebugProtocol.LaunchRequestArguments);
    await client.event('initialized');
    await client.dc.setExceptionBreakpointsRequest({ filters: ['deadlock'] });
    await client.dc.configurationDoneRequest();
    await launched;

    const stopped = await client.stopped(0);
    expect(stopped.body.reason).toBe('deadlock');
    expect(stopped.body.description).toMatch(/^Deadlock: Lock cycle: /);
    const threads = (await client.dc.threadsRequest()).body.threads;
    const philosophers = threads.filter((thread) => /^Task-[23] /.test(thread.name));
    expect(philosophers.map((thread) => thread.name)).toEqual([
      expect.stringMatching(/\(waiting: Lock #\d+\)$/), expect.stringMatching(/\(waiting: Lock #\d+\)$/),
    ]);
    expect(philosophers.map((thread) => thread.id)).toContain(stopped.body.threadId);
    // Innermost first: asyncio's own frames (subtle, for an editor to fold), then the program's.
    const frames = (await client.dc.stackTraceRequest({ threadId: stopped.body.threadId! })).body.stackFrames;
    const user = frames.findIndex((frame) => frame.presentationHint !== 'subtle');
    expect(user).toBeGreaterThan(0);
    expect(frames[0]).toMatchObject({ name: expect.stringMatching(/acquire/), source: { presentationHint: 'deemphasize' } });
    expect(frames[user]).toMatchObject({ name: 'philosopher', line: lineOf(PHILOSOPHERS, '# SECOND'), source: { path: program } });
    const info = (await client.dc.exceptionInfoRequest({ threadId: stopped.body.threadId! })).body;
    expect(info).toMatchObject({ exceptionId: 'deadlock', breakMode: 'always' });
    expect(info.description).toMatch(/fork_a is held by Task-\d/);

    await client.dc.continueRequest({ threadId: stopped.body.threadId! });
    expect((await client.event<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(113);
    expect(client.output('stderr')).toContain('Loopscope: deadlock. No task can ever run again.');
  });

  it('stops on a contended lock, and on a switch to the tasks a condition names; an unknown filter is refused', async () => {
    const source = `
import asyncio

async def holder(lock):
    async with lock:
        await asyncio.sleep(1)

async def wanter(lock):
    await asyncio.sleep(0.1)
    async with lock:  # WANT
        print("got it")

async def chatter():
    await asyncio.sleep(2)
    print("chatter")

async def main():
    lock = asyncio.Lock()
    await asyncio.gather(holder(lock), asyncio.create_task(wanter(lock), name="wanter"), asyncio.create_task(chatter(), name="chatter"))

asyncio.run(main())
`;
    client = await Client.stdio();
    const program = programFile('contended.py', source);
    await client.launch({ program }, {}, { filters: ['lock-contended'] });
    const contended = await client.stopped(0);
    expect(contended.body).toMatchObject({ reason: 'lock-contended', description: expect.stringMatching(/^Lock #\d+ is contended$/) });
    expect((await client.dc.threadsRequest()).body.threads.find((thread) => thread.id === contended.body.threadId)?.name).toMatch(/^wanter #/);
    expect((await client.top(contended.body.threadId!)).line).toBe(lineOf(source, '# WANT'));

    await expect(client.dc.setExceptionBreakpointsRequest({ filters: ['task-switch', 'all'] })).rejects.toThrow(/unknown filter 'all'/);
    await client.dc.setExceptionBreakpointsRequest({ filters: [], filterOptions: [{ filterId: 'task-switch', condition: 'chatter' }] });
    await client.dc.continueRequest({ threadId: contended.body.threadId! });
    const switched = await client.stopped(1);
    expect(switched.body).toMatchObject({ reason: 'task-switch', description: 'Task switch to chatter' });
    expect((await client.dc.threadsRequest()).body.threads.find((thread) => thread.id === switched.body.threadId)?.name).toMatch(/^chatter #/);
    await client.dc.setExceptionBreakpointsRequest({ filters: [] });
    await client.dc.continueRequest({ threadId: switched.body.threadId! });
    expect((await client.event<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(0);
    expect(client.output('stdout')).toBe('got it\nchatter\n');
  });
});

describe('breakpoints', () => {
  it('honours condition, hitCondition and logMessage, and says why a breakpoint cannot be set', async () => {
    const source = `
import asyncio

async def count(name, n):
    for i in range(n):
        await asyncio.sleep(0.01)  # LOOP
    # a comment

async def main():
    await asyncio.gather(count("a", 4), count("b", 4))
    print("done")  # DONE

asyncio.run(main())
`;
    client = await Client.stdio();
    const program = programFile('loops.py', source);
    const elsewhere = programFile('elsewhere.py', 'x = 1\n');
    const answers = await client.launch({ program }, {
      [program]: [
        { line: lineOf(source, '# LOOP'), condition: 'name == "b"', hitCondition: '>=3' },
        { line: lineOf(source, '# a comment') },
        { line: lineOf(source, 'for i in range(n)'), hitCondition: '%2' },
        { line: 999 },
        { line: lineOf(source, '# DONE'), logMessage: 'finished {name!r}' },
      ],
      [elsewhere]: [{ line: 1 }],
    });
    expect(answers[program]!.map((bp) => [bp.verified, bp.message])).toEqual([
      [true, undefined],
      [false, `line ${lineOf(source, '# a comment')} has no code to stop at`],
      [false, expect.stringMatching(/hit condition "%2" is not supported/)],
      [false, expect.stringMatching(/line 999 is past the end of the file/)],
      [true, undefined],
    ]);
    expect(answers[elsewhere]![0]).toMatchObject({ verified: false, message: expect.stringMatching(/outside the program's folder/) });

    const stopped = await client.stopped(0);
    expect(await client.evaluate('(name, i)')).toBe("('b', 2)");
    await client.dc.continueRequest({ threadId: stopped.body.threadId! });
    const again = await client.stopped(1);
    expect(await client.evaluate('(name, i)')).toBe("('b', 3)");
    // Cleared while stopped: the rest of the run has no stop, only the logpoint's line.
    await client.dc.setBreakpointsRequest({ source: { path: program }, breakpoints: [{ line: lineOf(source, '# DONE'), logMessage: 'finished at {round(asyncio.get_running_loop().time(), 2)}' }] });
    await client.dc.continueRequest({ threadId: again.body.threadId! });
    expect((await client.event<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(0);
    expect(client.events.filter((event) => event.event === 'stopped')).toHaveLength(2);
    expect(client.output('console')).toContain('finished at 0.04\n');
    expect(client.output('stdout')).toBe('done\n');
  });
});

describe('exceptions and line numbering', () => {
  it('stops on an uncaught exception in a task with its reason and description, then exits 1 with the traceback on stderr', async () => {
    const source = `
import asyncio

async def fails():
    await asyncio.sleep(0.1)
    raise ValueError("bad value")  # RAISE

async def main():
    await asyncio.create_task(fails(), name="failing")

asyncio.run(main())
`;
    client = await Client.stdio();
    const program = programFile('fails.py', source);
    await client.launch({ program }, {}, { filters: ['exception', 'deadlock'] });
    const stopped = await client.stopped(0);
    expect(stopped.body).toMatchObject({ reason: 'exception', description: 'Task failing failed: ValueError: bad value' });
    expect((await client.dc.exceptionInfoRequest({ threadId: stopped.body.threadId! })).body)
      .toMatchObject({ exceptionId: 'exception', description: 'Task failing failed: ValueError: bad value' });
    // The exception goes on into the task that awaits the failed one: a stop there too.
    await client.dc.continueRequest({ threadId: stopped.body.threadId! });
    const awaiting = await client.stopped(1);
    expect(awaiting.body).toMatchObject({ reason: 'exception', description: 'Task Task-1 failed: ValueError: bad value' });
    await client.dc.continueRequest({ threadId: awaiting.body.threadId! });
    expect((await client.event<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(1);
    expect(client.output('stderr')).toMatch(/ValueError: bad value\n$/);
  });

  it('takes and gives 0-based lines to a client that asks for them', async () => {
    const source = 'import asyncio\n\nasync def main():\n    x = 1\n    print(x)  # PRINT\n\nasyncio.run(main())\n';
    client = await Client.stdio();
    const program = programFile('zero.py', source);
    await client.dc.initializeRequest({ adapterID: 'loopscope', linesStartAt1: false, columnsStartAt1: false, pathFormat: 'path' });
    const launched = client.dc.launchRequest({ program } as DebugProtocol.LaunchRequestArguments);
    await client.event('initialized');
    const zeroBased = lineOf(source, '# PRINT') - 1;
    const set = await client.dc.setBreakpointsRequest({ source: { path: program }, breakpoints: [{ line: zeroBased }] });
    expect(set.body.breakpoints[0]).toMatchObject({ verified: true, line: zeroBased });
    await client.dc.configurationDoneRequest();
    await launched;
    const stopped = await client.stopped(0);
    expect(await client.top(stopped.body.threadId!)).toMatchObject({ line: zeroBased, column: 0 });
    await client.dc.continueRequest({ threadId: stopped.body.threadId! });
    expect((await client.event<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(0);
  });
});
