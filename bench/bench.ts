// `npm run bench`: the engine measured side by side with native python3 (and python3 in
// asyncio debug mode) in one run. Prints medians of several runs; asserts nothing.
// BENCH_ROUNDS=N sets the runs per figure; BENCH_ONLY=throughput,breakpoints,pause,runaway,
// memory,startup,timetravel,explore,native picks parts.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPyodide } from 'pyodide';
import { findEngineAssets } from '../core/engine/assets.js';
import { EngineProcess } from '../core/engine/engine-process.js';
import type { FinishedMessage } from '../core/engine/messages.js';
import { EngineSession } from '../core/session/engine-session.js';
import { RunOptions, TaskStacks, type EngineEvent, type Paused } from '../core/protocol/index.js';
import { median, ms, PYTHON, ROUNDS } from './measure.js';

const PROGRAMS = join(import.meta.dirname, '..', 'bench', 'programs');
const program = (name: string) => join(PROGRAMS, name);

function native(file: string, debug: boolean): number | undefined {
  const result = spawnSync(PYTHON, [file], {
    encoding: 'utf8',
    env: { ...process.env, PYTHONHASHSEED: '0', ...(debug ? { PYTHONASYNCIODEBUG: '1' } : {}) },
  });
  const match = /BENCH (\d+\.\d+)/.exec(result.stdout);
  return match ? Number(match[1]) : undefined;
}

/** Seconds from the engine starting the program to its exit (includes the agent's set-up). */
async function engineRun(session: EngineSession, options: RunOptions): Promise<{ seconds: number; events: EngineEvent[] }> {
  const events: EngineEvent[] = [];
  let started = 0;
  const dispose = session.onEvent((event) => {
    if (event.type === 'engine.ready') started = performance.now();
    events.push(event);
  });
  const exit = await session.run(options);
  dispose();
  if (exit.code !== 0) throw new Error(`${options.filename} exited ${exit.code}`);
  return { seconds: (performance.now() - started) / 1000, events };
}

function source(name: string): RunOptions {
  const filename = program(name);
  return { filename, source: readFileSync(filename, 'utf8') };
}

/** The floor under the engine: the same program on Pyodide with DebugLoop as its loop and
 * nothing recorded (no agent, no worker), timed by the program itself (real time: no virtual
 * clock here). What the engine costs above this is Loopscope's recording. */
async function bareEngine(): Promise<(file: string) => number | undefined> {
  const assets = findEngineAssets();
  const py = await loadPyodide(assets.pyodideDir ? { indexURL: assets.pyodideDir } : {});
  const agent = join(assets.agentDir, 'loopscope_agent');
  py.FS.mkdirTree('/bare/loopscope_agent');
  for (const file of ['__init__.py', 'loop.py', 'stepping.py', 'clock.py']) py.FS.writeFile(`/bare/loopscope_agent/${file}`, readFileSync(join(agent, file)));
  py.runPython("import sys, asyncio.events; sys.path.insert(0, '/bare'); asyncio.events._set_running_loop(None)");
  return (file) => {
    const code = readFileSync(file, 'utf8').replace('asyncio.run(main())', 'asyncio.runners.run(main(), loop_factory=DebugLoop)');
    let printed = '';
    py.setStdout({ batched: (text: string) => (printed += text) });
    py.runPython(`from loopscope_agent.loop import DebugLoop\n${code}`, { globals: py.toPy({ __name__: '__main__' }) });
    const match = /BENCH (\d+\.\d+)/.exec(printed);
    return match ? Number(match[1]) : undefined;
  };
}

async function throughput(session: EngineSession): Promise<void> {
  const bare = await bareEngine();
  console.log('\nThroughput (median of %d runs; engine = real time from start to exit, recording on;', ROUNDS);
  console.log('bare = Pyodide with DebugLoop and nothing recorded, the floor under the engine)');
  console.log('case                              python3     py3 debug        bare      engine   engine/py3  bare/py3  debug/engine');
  const cases: Array<[string, string]> = [
    ['(a) 1000 tasks x 100 sleep(0)', 'switch.py'],
    ['(b) 100k tasks blocked on Events', 'events.py'],
    ['(c) 100 tasks x 1000 Lock', 'lock.py'],
    ['(d) Queue producer/consumer 100k', 'queue.py'],
  ];
  for (const [label, name] of cases) {
    const py: number[] = [];
    const dbg: number[] = [];
    const eng: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const a = native(program(name), false);
      const b = native(program(name), true);
      const c = bare(program(name));
      if (a !== undefined) py.push(a);
      if (b !== undefined) dbg.push(b);
      if (c !== undefined) floor.push(c);
      eng.push((await engineRun(session, source(name))).seconds);
    }
    const [p, d, f, e] = [median(py), median(dbg), median(floor), median(eng)];
    console.log(`${label.padEnd(32)} ${ms(p)}  ${ms(d)}  ${ms(f)}  ${ms(e)}  ${(e / p).toFixed(2).padStart(9)}x  ${(f / p).toFixed(2).padStart(7)}x  ${(d / e).toFixed(1).padStart(10)}x`);
  }
}

async function armedBreakpoints(session: EngineSession): Promise<void> {
  const base = source('switch.py');
  const line = readFileSync(program('switch.py'), 'utf8').split('\n').findIndex((l) => l.includes('BREAK-NEVER')) + 1;
  const armed = { ...base, breakpoints: [{ file: base.filename, line }, { file: base.filename, line, condition: 'False' }] };
  const plain: number[] = [];
  const withBreakpoints: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    plain.push((await engineRun(session, base)).seconds);
    withBreakpoints.push((await engineRun(session, armed)).seconds);
  }
  const [p, b] = [median(plain), median(withBreakpoints)];
  console.log(`\nArmed breakpoints that never hit, on (a): none ${ms(p)}, armed ${ms(b)}: overhead ${(((b - p) / p) * 100).toFixed(1)}%`);
}

async function pausedWithManyTasks(session: EngineSession): Promise<void> {
  const base = source('paused_tasks.py');
  const line = base.source.split('\n').findIndex((l) => l.includes('PAUSE-HERE')) + 1;
  const times: number[] = [];
  let taskCount = 0;
  let bytes = 0;
  const events: Paused[] = [];
  const dispose = session.onEvent((event) => {
    if (event.type === 'paused') events.push(event);
  });
  const exited = session.nextExit();
  await session.start({ ...base, breakpoints: [{ file: base.filename, line }] });
  const next = async (count: number) => {
    while (events.length < count) await new Promise((resolve) => setTimeout(resolve, 1));
    return events[count - 1]!;
  };
  let paused = await next(1);
  const answers: number[] = [];
  let stackCount = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const asked = performance.now();
    const stacks = TaskStacks.parse(await session.request({ type: 'inspect.stacks' }));
    answers.push((performance.now() - asked) / 1000);
    stackCount = stacks.tasks.length;
  }
  for (let i = 2; i <= 5; i++) {
    const sent = performance.now();
    session.send({ type: 'debug.continue' });
    paused = await next(i);
    times.push((performance.now() - sent) / 1000);
  }
  taskCount = paused.details.length;
  bytes = JSON.stringify(paused).length;
  session.send({ type: 'debug.continue' });
  await exited;
  dispose();
  console.log(`\nAll tasks with stacks while paused (inspect.stacks, ${stackCount} tasks): median ${ms(median(answers))} from request to parsed reply`);
  console.log(`A whole pause with ${taskCount} tasks (records, stacks, 1000 tasks' locals, graph): median ${ms(median(times))} from Continue to the next paused event (${(bytes / 1e6).toFixed(1)} MB)`);
}

async function pauseRunaway(session: EngineSession): Promise<void> {
  const times: number[] = [];
  const stops: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    let pausedAt = 0;
    let ready = false;
    const dispose = session.onEvent((event) => {
      if (event.type === 'paused') pausedAt = performance.now();
      if (event.type === 'engine.ready') ready = true;
    });
    await session.start(source('runaway.py'));
    while (!ready) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const sent = performance.now();
    session.send({ type: 'debug.pause' });
    while (!pausedAt) await new Promise((resolve) => setTimeout(resolve, 0));
    times.push((pausedAt - sent) / 1000);
    dispose();
    session.send({ type: 'debug.continue' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopping = performance.now();
    await session.stop();
    stops.push((performance.now() - stopping) / 1000);
  }
  console.log(`Pause a runaway (while True): median ${ms(median(times))}, max ${ms(Math.max(...times))}`);
  console.log(`Stop a runaway (while True), to its exit event: median ${ms(median(stops))}, max ${ms(Math.max(...stops))}`);
}

const HELLO = 'import asyncio\n\nasync def main():\n    await asyncio.sleep(0)\n    print("hi")\n\nasyncio.run(main())\n';

async function startup(): Promise<void> {
  const measure = async (prewarm: boolean, snapshot: boolean) => {
    const times: number[] = [];
    const runs: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      if (!snapshot) process.env.LOOPSCOPE_NO_SNAPSHOT = '1';
      const session = new EngineSession({ prewarm });
      if (prewarm) await session.run({ filename: '/bench/warmup.py', source: 'pass\n' });
      if (prewarm) await new Promise((resolve) => setTimeout(resolve, 3000));
      const started = performance.now();
      let ready = 0;
      const dispose = session.onEvent((event) => {
        if (event.type === 'engine.ready') ready = performance.now();
      });
      await session.run({ filename: '/bench/hello.py', source: HELLO });
      times.push((ready - started) / 1000);
      runs.push((performance.now() - started) / 1000);
      dispose();
      await session.dispose();
      delete process.env.LOOPSCOPE_NO_SNAPSHOT;
    }
    return { ready: median(times), run: median(runs) };
  };
  const processes: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    spawnSync(PYTHON, ['-c', HELLO], { encoding: 'utf8' });
    processes.push((performance.now() - started) / 1000);
  }
  console.log('\nStart-up (median, request to engine ready)');
  console.log(`  cold (load Pyodide from scratch):            ${ms((await measure(false, false)).ready)}`);
  console.log(`  fresh host, from the cached memory snapshot: ${ms((await measure(false, true)).ready)}`);
  const warm = await measure(true, true);
  console.log(`  second run in the same host (pre-warmed):    ${ms(warm.ready)}`);
  console.log(`A whole run of a small asyncio program, request to exit: pre-warmed engine ${ms(warm.run)}, a python3 process ${ms(median(processes))}`);
}

/** The peak resident memory of a process, where the system says (Linux). */
function peakRss(pid: number | undefined): number | undefined {
  try {
    const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib ? Number(kib) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function memory(): Promise<void> {
  // The engine's own memory at the end of events.py: Python's heap (WebAssembly memory, which
  // only grows: its peak) and the engine process's JavaScript heap, as it reports them, and
  // the engine process's peak RSS.
  const engine = new EngineProcess(findEngineAssets(), { reload: false });
  await engine.ready;
  const finished = new Promise<FinishedMessage>((resolve) => engine.on('finished', resolve));
  engine.run(RunOptions.parse(source('events.py')));
  const { memory: worker } = await finished;
  const enginePeak = peakRss(engine.pid);
  await engine.terminate();
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
  // The same program in a python3 process: its peak RSS (Linux reports ru_maxrss in KiB).
  const peakScript = `import resource, runpy\nrunpy.run_path(${JSON.stringify(program('events.py'))}, run_name="__main__")\nprint("MAXRSS", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)`;
  const nativeKiB = Number(/MAXRSS (\d+)/.exec(spawnSync(PYTHON, ['-c', peakScript], { encoding: 'utf8' }).stdout)?.[1] ?? NaN);
  console.log(`\nMemory with 100,000 tasks blocked and released: the engine holds ${mb(worker.wasmBytes + worker.jsHeapBytes)} (Python heap ${mb(worker.wasmBytes)}, its JS heap ${mb(worker.jsHeapBytes)}), its process peaks at ${enginePeak ? mb(enginePeak) : 'n/a'} RSS; a python3 process peaks at ${mb(nativeKiB * 1024)} RSS`);
}

// BENCH_ONLY=pause,memory runs only those parts.
const only = process.env.BENCH_ONLY?.split(',');
const part = (name: string) => !only || only.includes(name);
const session = new EngineSession();
await engineRun(session, source('switch.py'));
console.log(`Loopscope bench: ${spawnSync(PYTHON, ['--version'], { encoding: 'utf8' }).stdout.trim()} vs the engine (Pyodide), ${ROUNDS} rounds`);
if (part('throughput')) await throughput(session);
if (part('breakpoints')) await armedBreakpoints(session);
if (part('pause')) await pausedWithManyTasks(session);
if (part('runaway')) await pauseRunaway(session);
await session.dispose();
if (part('memory')) await memory();
if (part('startup')) await startup();
if (part('timetravel')) await (await import('./timetravel.js')).timeTravel();
if (part('explore')) await (await import('./explore.js')).benchExplore(ROUNDS);
if (part('native')) await (await import('./native.js')).benchNative(ROUNDS);
