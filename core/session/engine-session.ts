// EngineSession: the host side of the engine. It runs one program at a time in an engine
// process, kept loaded ahead of time so that a run starts at once: a process that has run a
// program loads its next interpreter and serves again. It turns the engine's batches into
// validated protocol events, and survives whatever the engine does.
import { findEngineAssets, type EngineAssets } from '../engine/assets.js';
import { EngineProcess, type EngineProcessOptions } from '../engine/engine-process.js';
import type { CrashMessage, IsolationReport } from '../engine/messages.js';
import { forgetSnapshot } from '../engine/snapshot-cache.js';
import {
  DebugCommand, PROTOCOL_VERSION, Replay, RunOptions,
  type EngineEvent, type ExitEvent, type ResolvedRunOptions,
} from '../protocol/index.js';
import { decodeBatch, PendingReplies } from './event-batch.js';
import type { Disposer, EngineListener, InspectCommand, RunEngine } from './run-engine.js';

export type { Disposer, EngineListener } from './run-engine.js';

/** Exit status of a run that was stopped by the user (as for SIGINT). */
export const EXIT_STOPPED = 130;
/** Exit status of a run whose engine crashed. */
export const EXIT_CRASHED = 70;

/** Exit status of a run the engine ended because it reached what the engine refuses. */
export const EXIT_REFUSED = 70;

export interface EngineSessionOptions {
  assets?: EngineAssets;
  /** Keep a loaded engine ready for the next run, and reuse engines (default true). A second
   * process is never loaded while a run goes on: it would take a core from the program (and
   * ~250 MB); the running one reloads when the run ends. */
  prewarm?: boolean;
  /** How engine processes are started (tests of one isolation layer alone). */
  command?: EngineProcessOptions['command'];
}

export class EngineSession implements RunEngine {
  private readonly assets: EngineAssets;
  private readonly prewarm: boolean;
  private readonly command: EngineProcessOptions['command'];
  private readonly listeners = new Set<EngineListener>();
  private spare: EngineProcess | undefined;
  private current: EngineProcess | undefined;
  private exitResolvers: Array<(event: ExitEvent) => void> = [];
  /** The exit event the current run's agent reported, until the engine's finished frame. */
  private exitEvent: ExitEvent | undefined;
  private readonly replies = new PendingReplies();
  /** Bumped by every start and stop, so that a start overtaken by another is abandoned. */
  private generation = 0;
  private disposed = false;

  constructor(options: EngineSessionOptions = {}) {
    this.assets = options.assets ?? findEngineAssets();
    this.prewarm = options.prewarm ?? true;
    this.command = options.command;
    if (this.prewarm) this.spare = this.spawn();
  }

  onEvent(listener: EngineListener): Disposer {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get running(): boolean {
    return this.current !== undefined;
  }

  /** Start a program; resolves once it runs. Stops the current run first, if any. */
  async start(input: RunOptions): Promise<void> {
    if (this.disposed) throw new Error('the session is disposed');
    const options: ResolvedRunOptions = RunOptions.parse(input);
    await this.stop();
    const generation = ++this.generation;
    let engine: EngineProcess;
    try {
      engine = await this.readyEngine();
    } catch (error) {
      this.emit({ type: 'error', kind: 'crash', message: error instanceof Error ? error.message : String(error) });
      this.settle({ type: 'exit', code: EXIT_CRASHED, reason: 'crashed' });
      return;
    }
    if (generation !== this.generation || this.disposed) {
      void engine.terminate();
      return;
    }
    this.current = engine;
    this.exitEvent = undefined;
    const { python, loadMs, isolation } = await engine.ready;
    this.emit({ type: 'engine.ready', protocol: PROTOCOL_VERSION, python, loadMs, isolation: isolationLayers(isolation) });
    engine.run(options);
  }

  /** A loaded engine: the spare if there is one. A snapshot that fails to boot is dropped
   * and the engine loaded from scratch. */
  private async readyEngine(): Promise<EngineProcess> {
    const first = this.spare ?? this.spawn();
    this.spare = undefined;
    try {
      await first.ready;
      return first;
    } catch (error) {
      void first.terminate();
      if (!first.fromSnapshot) throw error;
      forgetSnapshot();
      const second = this.spawn();
      await second.ready;
      return second;
    }
  }

  /** Run a program to its end; resolves with its exit event. */
  async run(input: RunOptions): Promise<ExitEvent> {
    await this.stop();
    const exited = this.nextExit();
    await this.start(input);
    return exited;
  }

  /** The next exit event (of the current or the next run). */
  nextExit(): Promise<ExitEvent> {
    return new Promise((resolve) => this.exitResolvers.push(resolve));
  }

  /** Send a debugger command to the running program. */
  send(input: DebugCommand): void {
    const command = DebugCommand.parse(input);
    const engine = this.current;
    if (!engine) throw new Error('no program is running');
    engine.command(command);
    if (command.type === 'debug.pause') engine.interrupt();
  }

  /** A re-execution paused at a moment goes on to a later one, every pause on the way muted
   * (time travel from a checkpoint, core/timetravel/checkpoint.ts). Not a client's command:
   * the run's own pauses would be skipped behind its back. */
  replayOn(replay: Replay): void {
    const engine = this.current;
    if (!engine) throw new Error('no program is running');
    engine.command({ type: 'debug.replay', replay: Replay.parse(replay) });
  }

  /** Send an inspection request and wait for its reply. */
  request(input: InspectCommand): Promise<unknown> {
    return this.replies.request(input, (command) => this.send(command));
  }

  /** Stop the running program at once, wherever it is (even inside `while True: pass`). */
  async stop(): Promise<void> {
    this.generation++;
    const engine = this.current;
    if (!engine) return;
    this.current = undefined;
    await engine.abort();
    this.recycle(engine);
    this.settle({ type: 'exit', code: EXIT_STOPPED, reason: 'stopped' });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.stop();
    const spare = this.spare;
    this.spare = undefined;
    if (spare) await spare.terminate();
    this.listeners.clear();
  }

  private replenish(): void {
    if (this.prewarm && !this.disposed && !this.spare) this.spare = this.spawn();
  }

  private spawn(): EngineProcess {
    const engine = new EngineProcess(this.assets, { reload: this.prewarm, ...(this.command ? { command: this.command } : {}) });
    engine.on('batch', (json) => this.receiveBatch(engine, json));
    engine.on('finished', ({ code }) => {
      if (engine !== this.current) return;
      const fallback: ExitEvent = { type: 'exit', code: code ?? EXIT_CRASHED, ...(code === null ? { reason: 'crashed' } : {}) };
      this.finish(engine, this.exitEvent ?? fallback);
    });
    engine.on('crash', (report) => {
      if (this.spare === engine) this.spare = undefined;
      this.crash(engine, report);
    });
    return engine;
  }

  /** An engine whose run has ended serves again as the spare (it is warmer than a new one). */
  private recycle(engine: EngineProcess): void {
    if (!this.prewarm || this.disposed || !engine.alive) {
      void engine.terminate();
      return;
    }
    if (this.spare) void this.spare.terminate();
    this.spare = engine;
  }

  private receiveBatch(engine: EngineProcess, json: string): void {
    if (engine !== this.current) return;
    for (const event of decodeBatch(json)) {
      if (event.type === 'reply') this.replies.settle(event);
      if (event.type === 'paused' || event.type === 'exit') engine.stopInterrupting();
      if (event.type === 'exit') {
        // The run ends when the engine says its interpreter is done (the finished frame), not
        // at an event the program could write itself: the last exit event is what it reports.
        this.exitEvent = event;
        continue;
      }
      this.emit(event);
    }
  }

  private finish(engine: EngineProcess, event: ExitEvent): void {
    if (engine !== this.current) return;
    this.current = undefined;
    this.recycle(engine);
    this.settle(event);
  }

  private crash(engine: EngineProcess, report: CrashMessage): void {
    if (engine !== this.current) return;
    if (report.refused) {
      this.emit({ type: 'error', kind: 'refused', message: report.message });
      this.finish(engine, { type: 'exit', code: EXIT_REFUSED, reason: 'refused' });
      return;
    }
    this.emit({ type: 'error', kind: 'crash', message: report.message, ...(report.detail ? { detail: report.detail } : {}) });
    this.finish(engine, { type: 'exit', code: EXIT_CRASHED, reason: 'crashed' });
  }

  private settle(event: ExitEvent): void {
    this.replies.failAll();
    this.emit(event);
    this.replenish();
    const resolvers = this.exitResolvers;
    this.exitResolvers = [];
    for (const resolve of resolvers) resolve(event);
  }

  private emit(event: EngineEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}

/** The isolation layers an engine reports, as the protocol names them. */
function isolationLayers(report: IsolationReport): string[] {
  return [
    ...(report.wasmGate ? ['wasm-gate'] : []),
    ...(report.permissionModel ? ['node-permissions'] : []),
    ...(report.networkPermission ? ['node-network-permission'] : []),
  ];
}
