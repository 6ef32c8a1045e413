// One native run, seen from the host: the user's Python started as a child process with the
// agent (core/engine/python/loopscope_agent/native/), the run's options sent, its frames read.
// The program keeps its own stdin, stdout and stderr (pipes to the host); the agent talks on
// two more descriptors, COMMAND_FD (JSON lines to it) and EVENT_FD (wire.ts's frames from it).
// The child leads its own process group, so that Stop ends whatever the program started.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { StringDecoder } from 'node:string_decoder';
import type { Readable, Writable } from 'node:stream';
import { COMMAND_FD, EVENT_FD, FrameDecoder, FrameKind, type Frame } from '../wire.js';
import type { ResolvedRunOptions } from '../../protocol/index.js';

/** What the child runs: refuse an interpreter the agent cannot run on, then hand over to the
 * agent's entry point (native/main.py), with the agent's folder as its only argument. */
export const BOOTSTRAP = [
  'import sys',
  "sys.version_info >= (3, 11) or sys.exit('Loopscope: native mode needs Python 3.11 or later; this is Python ' + sys.version.split()[0])",
  'sys.path.insert(0, sys.argv.pop(1))',
  'from loopscope_agent.native.main import main',
  'main()',
].join('; ');

/** How often a Pause is signalled again until the program pauses (a SIGINT can land where
 * the program cannot stop, e.g. in the agent's own code). */
const INTERRUPT_EVERY_MS = 100;
/** What the interpreter printed last, for the message of a crash. */
const STDERR_KEPT = 4096;

export interface NativeProcessOptions {
  /** The interpreter: a path or a command on PATH. */
  python: string;
  agentDir: string;
  /** The program's current folder. */
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

export interface NativeExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Why it could not start, if it could not. */
  startError?: string;
  /** What it printed last on stderr (outside the agent's stream: the interpreter's own). */
  stderrTail: string;
}

export interface NativeProcessEvents {
  batch: [json: string];
  /** The agent reported the program's exit status. */
  finished: [code: number];
  /** Written to the process's own stdout or stderr (by C code, a subprocess...). */
  output: [stream: 'stdout' | 'stderr', text: string];
  /** The process has ended (after every frame and output chunk it sent). */
  exited: [NativeExit];
}

export class NativeProcess extends EventEmitter<NativeProcessEvents> {
  private readonly child: ChildProcess;
  private readonly commands: Writable;
  private readonly decoder = new FrameDecoder();
  private interrupting: NodeJS.Timeout | undefined;
  private stderrTail = '';
  private startError: string | undefined;
  private ended = false;

  constructor(options: NativeProcessOptions) {
    super();
    const stdio: Array<'pipe'> = ['pipe', 'pipe', 'pipe', 'pipe', 'pipe'];
    this.child = spawn(options.python, ['-c', BOOTSTRAP, options.agentDir], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio,
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    this.commands = this.child.stdio[COMMAND_FD] as Writable;
    this.commands.on('error', () => undefined);
    this.child.stdin?.on('error', () => undefined);
    (this.child.stdio[EVENT_FD] as Readable).on('data', (chunk: Buffer) => this.receive(chunk));
    this.pipeOutput(this.child.stdout, 'stdout');
    this.pipeOutput(this.child.stderr, 'stderr');
    this.child.on('error', (error) => {
      this.startError = `could not start ${options.python}: ${error.message}`;
    });
    // 'close', not 'exit': every frame and output chunk has been read by then.
    this.child.on('close', (code, signal) => {
      this.ended = true;
      this.stopInterrupting();
      this.emit('exited', { code, signal, stderrTail: this.stderrTail.trim(), ...(this.startError ? { startError: this.startError } : {}) });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return !this.ended;
  }

  run(options: ResolvedRunOptions): void {
    this.sendLine(options);
  }

  /** Deliver a command to the running program (the agent's loop watches the pipe). */
  command(command: object): void {
    this.sendLine(command);
  }

  /** Type into the program's stdin. */
  writeStdin(text: string): void {
    if (!this.ended) this.child.stdin?.write(text);
  }

  /** The program's stdin reaches its end (Ctrl+D). */
  closeStdin(): void {
    this.child.stdin?.end();
  }

  /** Signal SIGINT (the agent's Pause) again and again until `stopInterrupting`: a program in
   * a long computation pauses where it is. */
  interrupt(): void {
    this.stopInterrupting();
    const ring = () => {
      if (this.ended || this.child.pid === undefined) return;
      try {
        process.kill(this.child.pid, 'SIGINT');
      } catch {
        // gone already
      }
    };
    ring();
    this.interrupting = setInterval(ring, INTERRUPT_EVERY_MS);
  }

  stopInterrupting(): void {
    if (this.interrupting) clearInterval(this.interrupting);
    this.interrupting = undefined;
  }

  /** End the process and everything it started (its process group), whatever it ignores. */
  async terminate(): Promise<void> {
    this.stopInterrupting();
    if (this.ended) return;
    const closed = new Promise<void>((resolve) => this.child.once('close', () => resolve()));
    const pid = this.child.pid;
    try {
      if (pid !== undefined && process.platform !== 'win32') process.kill(-pid, 'SIGKILL');
      else this.child.kill('SIGKILL');
    } catch {
      this.child.kill('SIGKILL');
    }
    await closed;
  }

  private sendLine(message: object): void {
    if (!this.ended) this.commands.write(JSON.stringify(message) + '\n');
  }

  private pipeOutput(stream: Readable | null, name: 'stdout' | 'stderr'): void {
    if (!stream) return;
    const text = new StringDecoder('utf8');
    stream.on('data', (chunk: Buffer) => {
      const decoded = text.write(chunk);
      if (name === 'stderr') this.stderrTail = (this.stderrTail + decoded).slice(-STDERR_KEPT);
      if (decoded) this.emit('output', name, decoded);
    });
  }

  private receive(chunk: Buffer): void {
    let frames: Frame[];
    try {
      frames = this.decoder.push(chunk);
    } catch (error) {
      this.stderrTail += `\n${error instanceof Error ? error.message : String(error)}`;
      void this.terminate();
      return;
    }
    for (const { kind, body } of frames) {
      if (kind === FrameKind.Batch) this.emit('batch', body.toString());
      else if (kind === FrameKind.Finished) {
        this.stopInterrupting();
        this.emit('finished', (JSON.parse(body.toString()) as { code: number }).code);
      }
    }
  }
}
