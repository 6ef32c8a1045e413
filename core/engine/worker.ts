// The engine worker: one Pyodide interpreter that runs one program, then is thrown away
// (a fresh interpreter per run is what makes runs deterministic and isolated).
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { readFileSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { loadPyodide, type PyodideInterface } from 'pyodide';
import type { FromWorker, ToWorker, WorkerInit, WorkerMemory } from './messages.js';

const AGENT_PACKAGE = 'loopscope_agent';
const AGENT_ROOT = '/lib/loopscope';

const init = workerData as WorkerInit;
const port = parentPort!;
const signal = new Int32Array(init.commandSignal);

function send(message: FromWorker): void {
  port.postMessage(message);
}

function nextCommand(block: boolean): string | undefined {
  for (;;) {
    const seen = Atomics.load(signal, 0);
    const received = receiveMessageOnPort(init.commandPort);
    if (received) return JSON.stringify(received.message);
    if (!block) return undefined;
    // The host posts first and bumps the counter after, so no command can slip between.
    Atomics.wait(signal, 0, seen);
  }
}

function heapBytes(py: PyodideInterface): number {
  return (py as unknown as { _module: { HEAP8: Int8Array } })._module.HEAP8.length;
}

function memoryOf(py: PyodideInterface): WorkerMemory {
  return { wasmBytes: heapBytes(py), jsHeapBytes: getHeapStatistics().total_heap_size };
}

/** The module `loopscope_host` that the Python agent imports. */
function hostModule(py: PyodideInterface) {
  return {
    post: (json: string) => send({ kind: 'batch', json }),
    poll_command: () => nextCommand(false),
    wait_command: () => nextCommand(true),
    heap_bytes: () => heapBytes(py),
  };
}

function installAgent(py: PyodideInterface): void {
  const target = posix.join(AGENT_ROOT, AGENT_PACKAGE);
  py.FS.mkdirTree(target);
  const source = join(init.agentDir, AGENT_PACKAGE);
  for (const file of readdirSync(source)) {
    if (file.endsWith('.py')) py.FS.writeFile(posix.join(target, file), readFileSync(join(source, file)));
  }
}

function placeProgram(py: PyodideInterface, options: ToWorker['options']): void {
  const dir = posix.dirname(options.filename);
  py.FS.mkdirTree(dir);
  py.FS.writeFile(options.filename, options.source);
  for (const [name, source] of Object.entries(options.modules)) {
    // A path below the program's folder ('pkg/mod.py'); anything that would leave it is ignored.
    const path = posix.normalize(name);
    if (path.startsWith('/') || path === '..' || path.startsWith('../')) continue;
    py.FS.mkdirTree(posix.join(dir, posix.dirname(path)));
    py.FS.writeFile(posix.join(dir, path), source);
  }
}

/** Have Pyodide instantiate the module the host compiled instead of compiling its own copy.
 * V8 keeps compiled code with the module, so each worker starts with the code that earlier
 * runs already optimised (a fresh compile starts over at the baseline tier: runs were up to
 * 2x slower and varied from one worker to the next). */
function useSharedWasm(module: WebAssembly.Module): void {
  const instantiate = WebAssembly.instantiate;
  const once = async (_bytes: unknown, imports?: WebAssembly.Imports) => {
    WebAssembly.instantiate = instantiate;
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
  WebAssembly.instantiate = once as typeof WebAssembly.instantiate;
}

async function boot(): Promise<PyodideInterface> {
  const started = performance.now();
  if (init.wasmModule) useSharedWasm(init.wasmModule);
  const py = await loadPyodide({
    ...(init.pyodideDir ? { indexURL: init.pyodideDir } : {}),
    ...(init.snapshot ? { _loadSnapshot: init.snapshot } : {}),
    ...(init.makeSnapshot ? { _makeSnapshot: true } : {}),
    env: { PYTHONHASHSEED: '0', HOME: '/home/pyodide' },
    // Anything Python prints before the agent takes over sys.stdout (it should be nothing).
    stdout: (text: string) => send({ kind: 'batch', json: JSON.stringify([{ type: 'output', stream: 'stdout', text: text + '\n' }]) }),
    stderr: (text: string) => send({ kind: 'batch', json: JSON.stringify([{ type: 'output', stream: 'stderr', text: text + '\n' }]) }),
  });
  // The snapshot must be taken before anything else touches the interpreter (the spike saw
  // "Can't serialize object" once a JS module had been registered).
  if (init.makeSnapshot) send({ kind: 'snapshot', bytes: py.makeMemorySnapshot() });
  installAgent(py);
  py.registerJsModule('loopscope_host', hostModule(py));
  py.setInterruptBuffer(new Uint8Array(init.interrupt));
  py.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(AGENT_ROOT)}); import ${AGENT_PACKAGE}.main; ${AGENT_PACKAGE}.main.boot()`);
  const python = py.runPython('import sys; sys.version.split()[0]') as string;
  send({ kind: 'ready', python, loadMs: performance.now() - started });
  return py;
}

/** JS globals through which a program could reach the machine (Pyodide itself sets `require`,
 * with fs and child_process behind it). Removed before any program code runs. */
const DANGEROUS_GLOBALS = ['require', 'process', 'fetch', 'WebSocket', 'XMLHttpRequest', 'EventSource', 'Deno', 'Bun'];

function closeTheBridge(): void {
  for (const name of DANGEROUS_GLOBALS) {
    try {
      Reflect.deleteProperty(globalThis, name);
      if (name in globalThis) Object.defineProperty(globalThis, name, { value: undefined, configurable: false, writable: false });
    } catch {
      // A global that cannot be removed is left; the Python side still refuses `import js`.
    }
  }
}

function run(py: PyodideInterface, options: ToWorker['options']): void {
  try {
    placeProgram(py, options);
    closeTheBridge();
    py.globals.set('_loopscope_options', JSON.stringify(options));
    const code = py.runPython(
      `import loopscope_host\nfrom ${AGENT_PACKAGE}.main import main\nmain(_loopscope_options, loopscope_host)`,
    ) as number;
    send({ kind: 'finished', code, memory: memoryOf(py) });
  } catch (error) {
    send({ kind: 'crash', message: error instanceof Error ? error.message : String(error) });
  }
}

const ready = boot();
ready.catch((error: unknown) => send({ kind: 'crash', message: `the engine failed to start: ${String(error)}` }));
port.on('message', (message: ToWorker) => {
  if (message.kind === 'run') void ready.then((py) => run(py, message.options));
});
