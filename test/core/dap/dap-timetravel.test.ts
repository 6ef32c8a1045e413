// stepBack and reverseContinue through a real DAP client: the adapter goes back in the run by
// re-executing it (time travel), and the editor sees the program as it was at that moment.
import { afterEach, describe, expect, it } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { Client, lineOf, programFile } from './dap-client.js';

let client: Client | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const SOURCE = `
import asyncio

async def worker(log):
    count = 1  # FIRST
    await asyncio.sleep(0.1)
    count = 2  # SECOND
    log.append(count)
    await asyncio.sleep(0.1)
    count = 3  # THIRD
    log.append(count)

async def main():
    log = []
    await asyncio.create_task(worker(log), name="worker")
    print(log)

asyncio.run(main())
`;

describe('going back over DAP', () => {
  it('says it supports stepping back; stepBack returns to the line before, across an await, with the values of then', async () => {
    client = await Client.stdio();
    const capabilities = await client.dc.initializeRequest();
    expect(capabilities.body?.supportsStepBack).toBe(true);
    const program = programFile('back.py', SOURCE);
    const launched = client.dc.launchRequest({ program } as DebugProtocol.LaunchRequestArguments);
    await client.event('initialized');
    await client.dc.setBreakpointsRequest({ source: { path: program }, breakpoints: [{ line: lineOf(SOURCE, '# SECOND') }] });
    await client.dc.configurationDoneRequest();
    await launched;
    const first = await client.stopped(0);
    const frameAt = async () => client!.top(first.body.threadId!);
    expect((await frameAt()).line).toBe(lineOf(SOURCE, '# SECOND'));

    // Step over the line, then back: the line is to run again, and `count` is 1 again.
    await client.dc.nextRequest({ threadId: first.body.threadId! });
    await client.stopped(1);
    const over = await frameAt();
    expect(Number(await client.evaluate('count', over.id))).toBe(2);
    await client.dc.stepBackRequest({ threadId: first.body.threadId! });
    const back = await client.stopped(2);
    expect(back.body).toMatchObject({ reason: 'step', threadId: first.body.threadId });
    const there = await frameAt();
    expect(there.line).toBe(lineOf(SOURCE, '# SECOND'));
    expect(Number(await client.evaluate('count', there.id))).toBe(1);

    // Back again: across the await, to the line before it.
    await client.dc.stepBackRequest({ threadId: first.body.threadId! });
    await client.stopped(3);
    expect((await frameAt()).line).toBe(lineOf(SOURCE, 'await asyncio.sleep(0.1)'));

    // The run goes on from there as it did: the breakpoint again, then the same output and exit.
    await client.dc.continueRequest({ threadId: first.body.threadId! });
    expect((await client.stopped(4)).body.reason).toBe('breakpoint');
    expect((await frameAt()).line).toBe(lineOf(SOURCE, '# SECOND'));
    await client.dc.continueRequest({ threadId: first.body.threadId! });
    expect((await client.event<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(0);
    expect(client.output('stdout')).toBe('[2, 3]\n');
    expect(client.output('console')).toMatch(/back at step \d+; the run is re-executed/);
  });

  it('reverseContinue stops at the breakpoint hit before; with none before, it is an error and the stop stays', async () => {
    client = await Client.stdio();
    const program = programFile('reverse.py', SOURCE);
    const second = lineOf(SOURCE, '# SECOND');
    const third = lineOf(SOURCE, '# THIRD');
    await client.launch({ program }, { [program]: [{ line: second }, { line: third }] });
    const first = await client.stopped(0);
    const threadId = first.body.threadId!;
    await client.dc.continueRequest({ threadId });
    await client.stopped(1);
    expect((await client.top(threadId)).line).toBe(third);

    await client.dc.reverseContinueRequest({ threadId });
    const back = await client.stopped(2);
    expect(back.body.reason).toBe('breakpoint');
    const frame = await client.top(threadId);
    expect(frame.line).toBe(second);
    expect(Number(await client.evaluate('count', frame.id))).toBe(1);

    await expect(client.dc.reverseContinueRequest({ threadId })).rejects.toThrow(/reverseContinue: /);
    expect((await client.top(threadId)).line).toBe(second);
    expect(client.events.filter((event) => event.event === 'stopped')).toHaveLength(3);
  });
});
