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
