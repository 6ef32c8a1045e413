// Messages between EngineSession (host thread) and the engine worker. Internal to the
// engine: clients see only the protocol's events, which travel inside `batch`.
import type { MessagePort } from 'node:worker_threads';
import type { ResolvedRunOptions } from '../protocol/index.js';

export interface WorkerInit {
  agentDir: string;
  /** Where Pyodide's files are; default: the `pyodide` package. */
  pyodideDir?: string;
  /** Commands while the program runs or is paused: read synchronously by the worker. */
  commandPort: MessagePort;
  /** Int32[0] is bumped after each command is posted, so the worker can Atomics.wait on it. */
  commandSignal: SharedArrayBuffer;
  /** Pyodide's interrupt buffer: writing 2 raises SIGINT in the program. */
  interrupt: SharedArrayBuffer;
  /** Pyodide's WebAssembly, compiled once by the host and shared by every worker. */
  wasmModule?: WebAssembly.Module;
  /** Boot from this memory snapshot instead of loading Pyodide from scratch. */
  snapshot?: Uint8Array;
  /** Load from scratch and send back a memory snapshot taken right after loading. */
  makeSnapshot?: boolean;
}

/** What one worker holds at a run's end: Python's heap (WebAssembly memory only grows, so
 * this is its peak) and the worker's own JavaScript heap. */
export interface WorkerMemory {
  wasmBytes: number;
  jsHeapBytes: number;
}

export type ToWorker = { kind: 'run'; options: ResolvedRunOptions };

export type FromWorker =
  | { kind: 'ready'; python: string; loadMs: number }
  | { kind: 'snapshot'; bytes: Uint8Array }
  /** A JSON array of protocol events, in order. */
  | { kind: 'batch'; json: string }
  | { kind: 'finished'; code: number; memory: WorkerMemory }
  | { kind: 'crash'; message: string };
