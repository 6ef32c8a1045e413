// The engine process: started by the host (engine-process.ts) under Node's permission model,
// it loads Pyodide interpreters one after another on its only thread and runs one program in
// each. It speaks to the host only through the descriptors of wire.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { hardenEngineProcess, nodeIsolation } from './isolation/node-hardening.js';
import { brokenPipe, HostChannel } from './host-channel.js';
import { Interpreter } from './interpreter.js';
import { FrameKind } from './wire.js';
import type { CrashMessage, EngineInit, ReadyMessage } from './messages.js';

hardenEngineProcess();
const channel = new HostChannel();

function crash(message: string, refused?: string): never {
  const report: CrashMessage = { message, ...(refused ? { refused } : {}) };
  channel.sendJson(FrameKind.Crash, report);
  process.exit(1);
}

// Stderr is a pipe to the host: when it breaks, the host has gone (and an error of it left
// unhandled would come back as an uncaught exception, reported to stderr again, for ever).
process.stderr.on('error', () => process.exit(0));
// A callback left behind by an interpreter that was thrown away mid-run (a finalizer) must not
// take the next one down with it; once the host has gone there is nobody to run for.
process.on('uncaughtException', (error) => {
  if (channel.hostGone() || brokenPipe(error)) process.exit(0);
  process.stderr.write(`engine: ${error.stack ?? String(error)}\n`);
});

function readInit(): EngineInit {
  const first = channel.read();
  if (first?.kind !== 'init') crash('the engine was started without its settings');
  return first;
}

function readSnapshot(file: string | undefined): Uint8Array | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

async function serve(): Promise<void> {
  const init = readInit();
  const wasmModule = new WebAssembly.Module(readFileSync(join(init.pyodideDir, 'pyodide.asm.wasm')));
  let snapshot = readSnapshot(init.snapshotFile);
  let makeSnapshot = !snapshot && init.makeSnapshot === true;
  const isolation = { wasmGate: true, ...nodeIsolation() };
  for (;;) {
    const started = performance.now();
    const fromSnapshot = snapshot !== undefined;
    let interpreter: Interpreter;
    try {
      interpreter = await Interpreter.load({ pyodideDir: init.pyodideDir, agentDir: init.agentDir, wasmModule, snapshot, makeSnapshot, channel });
    } catch (error) {
      crash(`the engine failed to start: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (interpreter.snapshot) {
      channel.send(FrameKind.Snapshot, interpreter.snapshot);
      snapshot = interpreter.snapshot;
      makeSnapshot = false;
    }
    const ready: ReadyMessage = { python: interpreter.python, loadMs: performance.now() - started, fromSnapshot, isolation };
    channel.sendJson(FrameKind.Ready, ready);
    let message = channel.read();
    while (message !== undefined && message.kind !== 'run') message = channel.read();
    if (message === undefined) process.exit(0);
    const outcome = interpreter.run(message);
    if (outcome.kind === 'finished') channel.sendJson(FrameKind.Finished, { code: outcome.code, memory: outcome.memory });
    else if (outcome.kind === 'aborted') {
      // Commands sent to the run before its abort are for nobody now.
      if (!abortedSeen(message.runId)) process.exit(0);
      channel.sendJson(FrameKind.Aborted, {});
    } else crash(outcome.message, outcome.refused);
    if (!init.reload) {
      while (channel.read() !== undefined);
      process.exit(0);
    }
  }

  /** Read up to the host's abort message of this run, unless the abort was read already. */
  function abortedSeen(runId: number): boolean {
    if (channel.lastAbort === runId) return true;
    for (let next = channel.read(); next !== undefined; next = channel.read()) {
      if (next.kind === 'abort' && next.runId === runId) return true;
    }
    return false;
  }
}

serve().catch((error: unknown) => crash(`the engine failed: ${error instanceof Error ? error.message : String(error)}`));
