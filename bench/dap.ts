// `npm run bench:dap`: what the Debug Adapter Protocol adapter costs over the engine it drives.
// Each figure is the median of BENCH_ROUNDS runs, beside its baseline measured in the same run:
// the same work asked of an EngineSession in this process. Prints figures; asserts nothing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { EngineSession } from '../core/session/engine-session.js';
import type { EngineEvent, Paused } from '../core/protocol/index.js';
import { median, ROUNDS } from './measure.js';

const STEPS = 20;
const BIN = join(import.meta.dirname, '..', 'bin', 'loopscope.js');
const TASKS = 1000;
const SOURCE = `
import asyncio

async def waiter(event):
    await event.wait()

async def main():
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(event)) for _ in range(${TASKS})]
    await asyncio.sleep(0)
    total = 0
    for i in range(100000):  # STOP
        total += i
    event.set()
    await asyncio.gather(*tasks)

asyncio.run(main())
`;
const STOP_LINE = SOURCE.split('\n').findIndex((line) => line.includes('# STOP')) + 1;
const FILE = join(mkdtempSync(join(tmpdir(), 'loopscope-bench-dap-')), 'tasks.py');
writeFileSync(FILE, SOURCE);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Long enough for an engine loaded ahead to be ready on a loaded machine: both sides wait it. */
const WARM_MS = 4000;

interface Figures { firstStop: number; inspect: number; step: number }

/** The same session through `loopscope dap` on stdio, as an editor drives it. */
async function viaAdapter(): Promise<Figures> {
  const dc = new DebugClient(BIN, 'dap', 'loopscope');
  dc.defaultTimeout = 120_000;
  const stops: DebugProtocol.StoppedEvent[] = [];
  let wake = () => {};
  dc.on('stopped', (event: DebugProtocol.StoppedEvent) => {
    stops.push(event);
    wake();
  });
  const nextStop = async (n: number) => {
    while (stops.length <= n) await new Promise<void>((resolve) => (wake = resolve));
    return stops[n]!;
  };
  await dc.start();
  await dc.initializeRequest();
  await sleep(WARM_MS);
  const started = performance.now();
  const launched = dc.launchRequest({ program: FILE } as DebugProtocol.LaunchRequestArguments);
  await dc.waitForEvent('initialized');
  await dc.setBreakpointsRequest({ source: { path: FILE }, breakpoints: [{ line: STOP_LINE }] });
  await dc.configurationDoneRequest();
  await launched;
  const first = await nextStop(0);
  const firstStop = performance.now() - started;
  const threadId = first.body.threadId!;

  // What an editor asks at a stop: the threads, the stopped thread's stack, its scopes, Locals.
  const inspectStart = performance.now();
  await dc.threadsRequest();
  const frames = (await dc.stackTraceRequest({ threadId })).body.stackFrames;
  const scopes = (await dc.scopesRequest({ frameId: frames[0]!.id })).body.scopes;
  await dc.variablesRequest({ variablesReference: scopes[0]!.variablesReference });
  const inspect = performance.now() - inspectStart;

  const stepStart = performance.now();
  for (let i = 1; i <= STEPS; i++) {
    await dc.nextRequest({ threadId });
    await nextStop(i);
  }
  const step = (performance.now() - stepStart) / STEPS;
  await dc.stop();
  return { firstStop, inspect, step };
}

/** The same work asked of an EngineSession here: the floor under the adapter. */
async function direct(): Promise<Figures> {
  const session = new EngineSession();
  const pauses: Paused[] = [];
  let wake = () => {};
  session.onEvent((event: EngineEvent) => {
    if (event.type === 'paused') {
      pauses.push(event);
      wake();
    }
  });
  const nextPause = async (n: number) => {
    while (pauses.length <= n) await new Promise<void>((resolve) => (wake = resolve));
    return pauses[n]!;
  };
  await sleep(WARM_MS);
  const started = performance.now();
  await session.start({ source: SOURCE, filename: FILE, breakpoints: [{ file: FILE, line: STOP_LINE }], realtime: true });
  const first = await nextPause(0);
  const firstStop = performance.now() - started;

  // The paused event carries every task's stack: only the locals are asked for.
  const inspectStart = performance.now();
  const detail = first.details.find((d) => d.id === first.taskId)!;
  await session.request({ type: 'inspect.variables', ref: detail.stack.at(-1)!.id });
  const inspect = performance.now() - inspectStart;

  const stepStart = performance.now();
  for (let i = 1; i <= STEPS; i++) {
    session.send({ type: 'debug.step', kind: 'over' });
    await nextPause(i);
  }
  const step = (performance.now() - stepStart) / STEPS;
  await session.dispose();
  return { firstStop, inspect, step };
}

const adapter: Figures[] = [];
const baseline: Figures[] = [];
for (let round = 0; round < ROUNDS; round++) {
  adapter.push(await viaAdapter());
  baseline.push(await direct());
}
const row = (label: string, key: keyof Figures) => {
  const a = median(adapter.map((f) => f[key]));
  const b = median(baseline.map((f) => f[key]));
  console.log(`${label.padEnd(46)} ${a.toFixed(1).padStart(8)} ms ${b.toFixed(1).padStart(10)} ms ${(a - b).toFixed(1).padStart(9)} ms`);
};
console.log(`Loopscope DAP bench: a program with ${TASKS + 1} tasks, median of ${ROUNDS} rounds (each side waits ${WARM_MS} ms for its engine first)`);
console.log(`${''.padEnd(46)} ${'adapter'.padStart(11)} ${'EngineSession'.padStart(13)} ${'extra'.padStart(12)}`);
row('launch to first stop', 'firstStop');
row('at a stop: threads, stack, scopes, Locals', 'inspect');
row(`step over (next), one line, mean of ${STEPS}`, 'step');
