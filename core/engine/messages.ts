// Messages between EngineProcess (the host) and the engine process (engine-main.ts). Internal
// to the engine: clients see only the protocol's events, which travel inside batch frames.
import type { ResolvedRunOptions } from '../protocol/index.js';

/** The first line the host sends: where the engine's files are. */
export interface EngineInit {
  kind: 'init';
  /** Pyodide's folder (pyodide.mjs, .wasm, the standard library). */
  pyodideDir: string;
  /** The Python agent's folder (loopscope_agent/). */
  agentDir: string;
  /** A cached Pyodide memory snapshot to boot from, if the file exists. */
  snapshotFile?: string;
  /** Load from scratch and send back a memory snapshot taken right after loading. */
  makeSnapshot?: boolean;
  /** Load the next interpreter as soon as a run ends (a host that runs more than once). */
  reload: boolean;
}

export type ToEngine =
  | EngineInit
  /** Run a program in the loaded interpreter; `runId` names it in the doorbell. */
  | { kind: 'run'; runId: number; options: ResolvedRunOptions }
  /** A debugger command for the running program (the agent reads it). */
  | { kind: 'command'; command: object }
  /** End the run now, wherever the program is. */
  | { kind: 'abort'; runId: number };

/** What one engine holds at a run's end: Python's heap (WebAssembly memory only grows, so this
 * is its peak) and the engine process's JavaScript heap. */
export interface EngineMemory {
  wasmBytes: number;
  jsHeapBytes: number;
}

/** Which isolation layers hold in this engine process (README, "Isolation"). */
export interface IsolationReport {
  /** The WebAssembly import gate is armed for every run. */
  wasmGate: boolean;
  /** Node's permission model restricts the process (no host files, processes or workers). */
  permissionModel: boolean;
  /** Node's permission model also has no network scope granted (Node 25 and later). */
  networkPermission: boolean;
}

export interface ReadyMessage {
  python: string;
  loadMs: number;
  fromSnapshot: boolean;
  isolation: IsolationReport;
}

export interface FinishedMessage {
  /** The exit status the agent reported, or null if it reported none. */
  code: number | null;
  memory: EngineMemory;
}

export interface CrashMessage {
  message: string;
  /** The run reached what the engine refuses (the import gate), rather than failing. */
  refused?: string;
  /** What the engine process printed last (Pyodide's report of a fatal error). */
  detail?: string;
}
