// NativeSession: native mode's side of the host. Each run is a new process of the user's own
// Python (native-process.ts), with real time, real I/O and the user's rights; it speaks the
// same protocol as the embedded engine, so every client (the UI, the CLI, DAP) drives it alike.
// Not kept ahead of time: the interpreter is the user's, and a run is a process of its own.
import { findEngineAssets } from '../engine/assets.js';
import { DebugCommand, PROTOCOL_VERSION, RunOptions, type EngineEvent, type ExitEvent } from '../protocol/index.js';
import { decodeBatch, PendingReplies } from './event-batch.js';
import { EXIT_CRASHED, EXIT_STOPPED } from './engine-session.js';
import type { Disposer, EngineListener, InspectCommand, RunEngine } from './run-engine.js';
import { NativeProcess, type NativeExit } from '../engine/native/native-process.js';
import { describeInterpreter } from '../engine/native/interpreters.js';
import { dirname } from 'node:path';

export interface NativeSessionOptions {
  /** The agent's folder (default: the built one, dist/python). */
  agentDir?: string;
  /** The program's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

export class NativeSession implements RunEngine {
  private readonly agentDir: string;
  private readonly env: NodeJS.ProcessEnv | undefined;
  private readonly listeners = new Set<EngineListener>();
  private readonly replies = new PendingReplies();
  private current: NativeProcess | undefined;
  private exitResolvers: Array<(event: ExitEvent) => void> = [];
  /** The exit event the current run's agent reported. */
  private exitEvent: ExitEvent | undefined;
  private generation = 0;
  private disposed = false;
  /** Input typed while a run starts (its interpreter is being asked its version): given to it
   * once its process is there. */
  private early: { text: string; eof: boolean } | undefined;

  constructor(options: NativeSessionOptions = {}) {
    this.agentDir = options.agentDir ?? findEngineAssets().agentDir;
    this.env = options.env;
  }

  onEvent(listener: EngineListener): Disposer {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get running(): boolean {
    return this.current !== undefined;
  }

  async start(input: RunOptions): Promise<void> {
    if (this.disposed) throw new Error('the session is disposed');
    const options = RunOptions.parse(input);
    if (!options.python) throw new Error('a native run needs an interpreter (python)');
    await this.stop();
    const generation = ++this.generation;
    this.early = { text: '', eof: false };
    const started = performance.now();
    const described = await describeInterpreter(options.python, this.env);
    if (generation !== this.generation || this.disposed) return;
    const early = this.early;
    this.early = undefined;
    if ('error' in described) {
      this.emit({ type: 'error', kind: 'crash', message: described.error });
      this.settle({ type: 'exit', code: EXIT_CRASHED, reason: 'crashed' });
      return;
    }
    const child = new NativeProcess({
      python: described.executable, agentDir: this.agentDir, cwd: options.cwd ?? dirname(options.filename),
      ...(this.env ? { env: this.env } : {}),
    });
    this.current = child;
    this.exitEvent = undefined;
    child.on('batch', (json) => this.receiveBatch(child, json));
    child.on('output', (stream, text) => {
      if (child === this.current) this.emit({ type: 'output', stream, text });
    });
    child.on('finished', (code) => {
      if (child === this.current && !this.exitEvent) this.exitEvent = { type: 'exit', code };
    });
    child.on('exited', (exit) => this.exited(child, exit));
    this.emit({
      type: 'engine.ready', protocol: PROTOCOL_VERSION, python: `${described.version} (${described.executable}, native)`,
      loadMs: performance.now() - started, isolation: [], mode: 'native',
    });
    child.run(options);
    if (early?.text) child.writeStdin(early.text);
    if (early?.eof) child.closeStdin();
  }

  async run(input: RunOptions): Promise<ExitEvent> {
    await this.stop();
    const exited = this.nextExit();
    await this.start(input);
    return exited;
  }

  nextExit(): Promise<ExitEvent> {
    return new Promise((resolve) => this.exitResolvers.push(resolve));
  }

  send(input: DebugCommand): void {
    const command = DebugCommand.parse(input);
    const child = this.current;
    if (!child) throw new Error('no program is running');
    child.command(command);
    if (command.type === 'debug.pause') child.interrupt();
  }

  request(input: InspectCommand): Promise<unknown> {
    return this.replies.request(input, (command) => this.send(command));
  }

  /** Type into the running program's stdin (`eof`: then close it). */
  writeStdin(text: string, eof = false): void {
    if (this.early) {
      this.early.text += text;
      this.early.eof ||= eof;
      return;
    }
    const child = this.current;
    if (!child) throw new Error('no program is running');
    if (text) child.writeStdin(text);
    if (eof) child.closeStdin();
  }

  /** Stop the program and every process it started. */
  async stop(): Promise<void> {
    this.generation++;
    this.early = undefined;
    const child = this.current;
    if (!child) return;
    this.current = undefined;
    await child.terminate();
    this.settle({ type: 'exit', code: EXIT_STOPPED, reason: 'stopped' });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.stop();
    this.listeners.clear();
  }

  private receiveBatch(child: NativeProcess, json: string): void {
    if (child !== this.current) return;
    for (const event of decodeBatch(json)) {
      if (event.type === 'reply') this.replies.settle(event);
      if (event.type === 'paused' || event.type === 'exit') child.stopInterrupting();
      if (event.type === 'exit') {
        this.exitEvent = event;
        continue;
      }
      this.emit(event);
    }
  }

  private exited(child: NativeProcess, exit: NativeExit): void {
    if (child !== this.current) return;
    this.current = undefined;
    if (this.exitEvent) {
      this.settle(this.exitEvent);
      return;
    }
    // The process ended without the agent's word: it could not start, or it died (a crash
    // in C code, a signal, os.abort()).
    const how = exit.startError ?? (exit.signal ? `the program's Python was killed by ${exit.signal}` : `the program's Python exited with status ${exit.code} before the run ended`);
    this.emit({ type: 'error', kind: 'crash', message: how, ...(exit.stderrTail ? { detail: exit.stderrTail } : {}) });
    this.settle({ type: 'exit', code: exit.code ?? EXIT_CRASHED, reason: 'crashed' });
  }

  private settle(event: ExitEvent): void {
    this.replies.failAll();
    this.emit(event);
    const resolvers = this.exitResolvers;
    this.exitResolvers = [];
    for (const resolve of resolvers) resolve(event);
  }

  private emit(event: EngineEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
