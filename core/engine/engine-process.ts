// One engine process, seen from the host: spawn it (isolation/engine-command.ts), wait until an
// interpreter is loaded, run one program in it, talk to the program while it runs, stop it.
// After a run the process loads its next interpreter by itself (when asked to reload), so a
// host can use it again: V8 keeps the code it optimised, and the next run starts warm.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { EngineAssets } from './assets.js';
import { engineCommand } from './isolation/engine-command.js';
import { hasSnapshot, saveSnapshot, snapshotFile, snapshotsEnabled } from './snapshot-cache.js';
import { COMMAND_FD, DOORBELL_BYTES, DOORBELL_FD, Doorbell, EVENT_FD, FrameDecoder, FrameKind, type Frame } from './wire.js';
import type { CrashMessage, EngineInit, FinishedMessage, ReadyMessage, ToEngine } from './messages.js';
import type { ResolvedRunOptions } from '../protocol/index.js';

/** A stopped program that has not let go after this long (a loop inside one C call) is ended
 * with its process. */
const ABORT_GRACE_MS = 500;
/** What the engine process printed last, for the message of a crash. */
const STDERR_KEPT = 4096;

export interface EngineProcessEvents {
  /** An interpreter is loaded and waits for a program (again after each run, if reloading). */
  ready: [ReadyMessage];
  batch: [json: string];
  finished: [FinishedMessage];
  crash: [CrashMessage];
}

export interface EngineProcessOptions {
  /** Load the next interpreter after each run (a host that runs more than once). */
  reload: boolean;
  /** How to start the process (default: engineCommand; tests try one isolation layer alone). */
  command?: typeof engineCommand;
}

export class EngineProcess extends EventEmitter<EngineProcessEvents> {
  /** Booted from a memory snapshot (if that fails, the snapshot is suspect). */
  readonly fromSnapshot: boolean;
  /** Programs this process has run: the more, the warmer its compiled code. */
  runs = 0;
  private readonly child: ChildProcess;
  private readonly commands: Writable;
  private readonly doorbellDir: string;
  private readonly doorbellFd: number;
  private readonly doorbell = new Int32Array(DOORBELL_BYTES / 4);
  private readonly doorbellBytes = Buffer.from(this.doorbell.buffer);
  private doorbellOpen = true;
  private readonly decoder = new FrameDecoder();
  private linesSent = 0;
  private runId = 0;
  private readyNow!: Promise<ReadyMessage>;
  private resolveReady!: (ready: ReadyMessage) => void;
  private rejectReady!: (error: Error) => void;
  private abortDone: (() => void) | undefined;
  private stderrTail = '';
  private dead = false;

  constructor(assets: EngineAssets, options: EngineProcessOptions) {
    super();
    this.fromSnapshot = hasSnapshot();
    this.doorbellDir = mkdtempSync(join(tmpdir(), 'loopscope-engine-'));
    const doorbellFile = join(this.doorbellDir, 'doorbell');
    this.doorbellFd = openSync(doorbellFile, 'w+', 0o600);
    writeSync(this.doorbellFd, new Uint8Array(DOORBELL_BYTES), 0, DOORBELL_BYTES, 0);
    const snapshot = this.fromSnapshot ? snapshotFile() : undefined;
    const { command, args, env, cwd } = (options.command ?? engineCommand)(assets, snapshot ? [snapshot] : []);
    const stdio: Array<'ignore' | 'pipe' | number> = ['ignore', 'ignore', 'pipe'];
    stdio[COMMAND_FD] = 'pipe';
    stdio[EVENT_FD] = 'pipe';
    stdio[DOORBELL_FD] = this.doorbellFd;
    this.child = spawn(command, args, { env, cwd, stdio, windowsHide: true });
    // The engine has its descriptor: the file need not have a name any longer (where the
    // system allows; Windows keeps it until terminate()).
    try {
      rmSync(this.doorbellDir, { recursive: true, force: true });
    } catch {
      // removed in terminate()
    }
    this.commands = this.child.stdio[COMMAND_FD] as Writable;
    this.commands.on('error', () => undefined);
    (this.child.stdio[EVENT_FD] as Readable).on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-STDERR_KEPT);
    });
    this.child.on('error', (error) => this.die(`the engine could not be started: ${error.message}`));
    // 'close', not 'exit': the engine's last frames (its crash report) are read by then.
    this.child.on('close', (code, signal) => this.die(`the engine exited unexpectedly (${signal ?? `code ${code}`})`));
    this.expectReady();
    const init: EngineInit = {
      kind: 'init',
      pyodideDir: assets.pyodideDir,
      agentDir: assets.agentDir,
      ...(snapshot ? { snapshotFile: snapshot } : { makeSnapshot: snapshotsEnabled() }),
      reload: options.reload,
    };
    this.send(init);
  }

  get alive(): boolean {
    return !this.dead;
  }

  /** The engine process's id (for measurements). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The interpreter that the next run will use, once loaded. */
  get ready(): Promise<ReadyMessage> {
    return this.readyNow;
  }

  run(options: ResolvedRunOptions): void {
    this.runId++;
    this.runs++;
    // The next interpreter is ready only after this run's last frame: whoever waits for it
    // has seen everything of this run first.
    this.expectReady();
    this.send({ kind: 'run', runId: this.runId, options });
  }

  /** Deliver a command to the running program. */
  command(command: object): void {
    this.send({ kind: 'command', command });
  }

  /** Raise SIGINT in the program (again and again) until `stopInterrupting`: it pauses. */
  interrupt(): void {
    this.ring(Doorbell.Interrupt, this.runId);
  }

  stopInterrupting(): void {
    if (this.dead) return;
    // A late SIGINT would interrupt whatever runs next.
    this.ring(Doorbell.Interrupt, 0);
  }

  /** End the current run wherever the program is; resolves when the process is ready to load
   * its next interpreter, or has been ended because the program would not let go. */
  abort(): Promise<void> {
    if (this.dead) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.abortDone = undefined;
        void this.terminate().then(resolve);
      }, ABORT_GRACE_MS);
      this.abortDone = () => {
        clearTimeout(timer);
        resolve();
      };
      this.ring(Doorbell.Interrupt, 0);
      this.ring(Doorbell.Abort, this.runId);
      this.send({ kind: 'abort', runId: this.runId });
    });
  }

  async terminate(): Promise<void> {
    if (!this.dead) {
      this.dead = true;
      this.removeAllListeners();
      this.rejectReady(new Error('the engine was terminated'));
    }
    const exited = this.child.exitCode !== null || this.child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGKILL');
    await exited;
    this.closeDoorbell();
  }

  private expectReady(): void {
    this.readyNow = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.readyNow.catch(() => undefined);
  }

  private send(message: ToEngine): void {
    if (this.dead) return;
    this.commands.write(JSON.stringify(message) + '\n');
    this.linesSent++;
    this.ring(Doorbell.Sent, this.linesSent);
  }

  private ring(slot: number, value: number): void {
    if (!this.doorbellOpen) return;
    this.doorbell[slot] = value;
    writeSync(this.doorbellFd, this.doorbellBytes, slot * 4, 4, slot * 4);
  }

  private receive(chunk: Buffer): void {
    if (this.dead) return;
    let frames: Frame[];
    try {
      frames = this.decoder.push(chunk);
    } catch (error) {
      this.die(error instanceof Error ? error.message : String(error));
      return;
    }
    for (const frame of frames) this.handle(frame);
  }

  private handle({ kind, body }: Frame): void {
    switch (kind) {
      case FrameKind.Ready: {
        const ready = JSON.parse(body.toString()) as ReadyMessage;
        this.resolveReady(ready);
        this.emit('ready', ready);
        break;
      }
      case FrameKind.Snapshot:
        saveSnapshot(body);
        break;
      case FrameKind.Batch:
        this.emit('batch', body.toString());
        break;
      case FrameKind.Finished:
        this.stopInterrupting();
        this.emit('finished', JSON.parse(body.toString()) as FinishedMessage);
        break;
      case FrameKind.Aborted:
        this.ring(Doorbell.Abort, 0);
        this.abortDone?.();
        this.abortDone = undefined;
        break;
      case FrameKind.Crash: {
        const report = JSON.parse(body.toString()) as CrashMessage;
        this.die(report.message, report.refused);
        break;
      }
    }
  }

  private die(message: string, refused?: string): void {
    if (this.dead) return;
    this.dead = true;
    const detail = this.stderrTail.trim();
    this.rejectReady(new Error(message));
    this.emit('crash', { message, ...(refused ? { refused } : {}), ...(detail && !refused ? { detail } : {}) });
    this.abortDone?.();
    void this.terminate();
  }

  private closeDoorbell(): void {
    if (!this.doorbellOpen) return;
    this.doorbellOpen = false;
    closeSync(this.doorbellFd);
    rmSync(this.doorbellDir, { recursive: true, force: true });
  }
}
