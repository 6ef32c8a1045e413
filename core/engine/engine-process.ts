// One engine worker, seen from the host: spawn, wait until Pyodide is loaded, run one
// program, talk to it while it runs, and terminate it.
import { MessageChannel, Worker } from 'node:worker_threads';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineAssets } from './assets.js';
import { loadSnapshot, saveSnapshot } from './snapshot-cache.js';
import type { FromWorker, ToWorker, WorkerInit, WorkerMemory } from './messages.js';
import type { ResolvedRunOptions } from '../protocol/index.js';

const SIGINT = 2;
/** Pyodide can lose a write to its interrupt buffer (it reads and clears without an atomic
 * exchange), so an interrupt is written again every few milliseconds until it is seen. */
const INTERRUPT_RETRY_MS = 5;

export interface EngineProcessEvents {
  ready: [python: string, loadMs: number];
  batch: [json: string];
  finished: [code: number, memory: WorkerMemory];
  crash: [message: string];
}

let compiled: { dir: string; module: WebAssembly.Module | undefined } | undefined;

/** Pyodide's WebAssembly compiled once for the whole host (lazily, ~30 ms), for the workers to
 * share; if it cannot be read here, each worker compiles its own. */
function sharedWasm(assets: EngineAssets): { wasmModule?: WebAssembly.Module } {
  const dir = assets.pyodideDir;
  if (!dir) return {};
  if (compiled?.dir !== dir) {
    let module: WebAssembly.Module | undefined;
    try {
      module = new WebAssembly.Module(readFileSync(join(dir, 'pyodide.asm.wasm')));
    } catch {
      module = undefined;
    }
    compiled = { dir, module };
  }
  return compiled.module ? { wasmModule: compiled.module } : {};
}

export class EngineProcess extends EventEmitter<EngineProcessEvents> {
  readonly ready: Promise<{ python: string; loadMs: number }>;
  /** Booted from a memory snapshot (if that fails, the snapshot is suspect). */
  readonly fromSnapshot: boolean;
  private readonly worker: Worker;
  private readonly commands: MessageChannel;
  private readonly signal: Int32Array;
  private readonly interruptBytes: Uint8Array;
  private interruptTimer: NodeJS.Timeout | undefined;
  private dead = false;

  constructor(assets: EngineAssets) {
    super();
    this.commands = new MessageChannel();
    const commandSignal = new SharedArrayBuffer(4);
    const interrupt = new SharedArrayBuffer(1);
    this.signal = new Int32Array(commandSignal);
    this.interruptBytes = new Uint8Array(interrupt);
    const snapshot = loadSnapshot();
    this.fromSnapshot = snapshot !== undefined;
    const init: WorkerInit = {
      ...(snapshot ? { snapshot } : { makeSnapshot: !process.env.LOOPSCOPE_NO_SNAPSHOT }),
      agentDir: assets.agentDir,
      ...sharedWasm(assets),
      ...(assets.pyodideDir ? { pyodideDir: assets.pyodideDir } : {}),
      commandPort: this.commands.port2,
      commandSignal,
      interrupt,
    };
    this.worker = new Worker(assets.workerFile, {
      workerData: init,
      transferList: [this.commands.port2],
      stdout: false,
      stderr: false,
    });
    this.ready = new Promise((resolveReady, rejectReady) => {
      this.once('ready', (python, loadMs) => resolveReady({ python, loadMs }));
      this.once('crash', (message) => rejectReady(new Error(message)));
    });
    this.ready.catch(() => undefined);
    this.worker.on('message', (message: FromWorker) => this.receive(message));
    this.worker.on('error', (error) => this.die(`the engine crashed: ${error.message}`));
    this.worker.on('exit', (code) => this.die(`the engine exited unexpectedly (code ${code})`));
  }

  get alive(): boolean {
    return !this.dead;
  }

  run(options: ResolvedRunOptions): void {
    const message: ToWorker = { kind: 'run', options };
    this.worker.postMessage(message);
  }

  /** Deliver a command to the running program; it reads commands synchronously. */
  command(command: object): void {
    this.commands.port1.postMessage(command);
    Atomics.add(this.signal, 0, 1);
    Atomics.notify(this.signal, 0);
  }

  /** Raise SIGINT in the program until `stopInterrupting` (the program acknowledged it). */
  interrupt(): void {
    this.stopInterrupting();
    const write = () => {
      Atomics.store(this.interruptBytes, 0, SIGINT);
    };
    write();
    this.interruptTimer = setInterval(write, INTERRUPT_RETRY_MS);
  }

  stopInterrupting(): void {
    if (this.interruptTimer) clearInterval(this.interruptTimer);
    this.interruptTimer = undefined;
    // A late write would interrupt whatever runs next.
    Atomics.store(this.interruptBytes, 0, 0);
  }

  async terminate(): Promise<void> {
    this.stopInterrupting();
    this.dead = true;
    this.removeAllListeners();
    this.commands.port1.close();
    await this.worker.terminate();
  }

  private receive(message: FromWorker): void {
    switch (message.kind) {
      case 'ready':
        this.emit('ready', message.python, message.loadMs);
        break;
      case 'snapshot':
        saveSnapshot(message.bytes);
        break;
      case 'batch':
        this.emit('batch', message.json);
        break;
      case 'finished':
        this.stopInterrupting();
        this.emit('finished', message.code, message.memory);
        break;
      case 'crash':
        this.stopInterrupting();
        this.emit('crash', message.message);
        break;
    }
  }

  private die(message: string): void {
    if (this.dead) return;
    this.dead = true;
    this.stopInterrupting();
    this.emit('crash', message);
  }
}
