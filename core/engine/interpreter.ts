// One Pyodide interpreter inside the engine process: loaded behind the import gate, it runs
// one program and is thrown away (a fresh interpreter per run is what makes runs
// deterministic). The agent talks to the host through device files, not through Pyodide's
// JavaScript bridge, which the gate closes for the whole run.
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import type { PyodideInterface } from 'pyodide';
import { ImportRefused, RunAborted, WasmGate } from './isolation/wasm-gate.js';
import { Doorbell, FrameKind } from './wire.js';
import { SeededEntropy } from './entropy.js';
import type { HostChannel } from './host-channel.js';
import type { EngineMemory, ToEngine } from './messages.js';
import type { ResolvedRunOptions } from '../protocol/index.js';

const AGENT_PACKAGE = 'loopscope_agent';
const AGENT_ROOT = '/lib/loopscope';
const SIGINT = 2;
/** How often a running program looks at the doorbell (Pause, Stop): CPython polls for signals
 * far more often than that, and a look is a system call. */
const DOORBELL_INTERVAL_MS = 5;

/** The agent's device files (host_channel.py): events out, commands in (polled or waited
 * for), the exit status. The first open arms the gate. */
const DEVICES = { out: 0, poll: 1, wait: 2, exit: 3 } as const;
const DEVICE_MAJOR = 64;

type Run = Extract<ToEngine, { kind: 'run' }>;

export type RunOutcome =
  | { kind: 'finished'; code: number | null; memory: EngineMemory }
  | { kind: 'aborted' }
  | { kind: 'crashed'; message: string; refused?: string };

interface DeviceOps {
  open?(stream: unknown): void;
  read?(stream: unknown, buffer: Int8Array, offset: number, length: number, position: number): number;
  write?(stream: unknown, buffer: Int8Array, offset: number, length: number, position: number): number;
}

interface Mount {
  type: unknown;
  mountpoint: string;
  mounts: Mount[];
}

/** The parts of Emscripten's FS the engine uses (Pyodide types it loosely). */
interface EmscriptenFS {
  makedev(major: number, minor: number): number;
  registerDevice(dev: number, ops: DeviceOps): void;
  mkdev(path: string, mode: number, dev: number): void;
  mkdirTree(path: string): void;
  writeFile(path: string, data: string | Uint8Array): void;
  root: { mount: Mount };
  filesystems: Record<string, unknown>;
}

export interface InterpreterConfig {
  pyodideDir: string;
  agentDir: string;
  wasmModule: WebAssembly.Module;
  snapshot?: Uint8Array;
  makeSnapshot: boolean;
  channel: HostChannel;
}

function withLength(body: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32LE(body.length);
  return Buffer.concat([header, body]);
}

let pyodideModule: Promise<{ loadPyodide: (options: object) => Promise<PyodideInterface> }> | undefined;

export class Interpreter {
  private readonly gate: WasmGate;
  private py: PyodideInterface | undefined;
  private runId = 0;
  private nextDoorbellLook = 0;
  /** The command the agent reads next (a length header first, then the text). */
  private inbox: Buffer | undefined;
  private exitCode: number | null = null;
  private aborting = false;
  private wasmMemory: { buffer: ArrayBuffer } | undefined;
  private entropy = new SeededEntropy(0);
  python = '';
  /** Set if the interpreter was loaded from scratch and asked to make a snapshot. */
  snapshot: Uint8Array | undefined;

  private constructor(private readonly config: InterpreterConfig) {
    this.gate = new WasmGate(() => this.signals());
  }

  static async load(config: InterpreterConfig): Promise<Interpreter> {
    const interpreter = new Interpreter(config);
    await interpreter.boot();
    return interpreter;
  }

  private async boot(): Promise<void> {
    const { config } = this;
    this.interceptInstantiation();
    pyodideModule ??= import(pathToFileURL(join(config.pyodideDir, 'pyodide.mjs')).href);
    const { loadPyodide } = await pyodideModule;
    const emit = (stream: 'stdout' | 'stderr') => (text: string) =>
      config.channel.sendJson(FrameKind.Batch, [{ type: 'output', stream, text: text + '\n' }]);
    const py = await loadPyodide({
      indexURL: config.pyodideDir + '/',
      ...(config.snapshot ? { _loadSnapshot: config.snapshot } : {}),
      ...(config.makeSnapshot ? { _makeSnapshot: true } : {}),
      env: { PYTHONHASHSEED: '0', HOME: '/home/pyodide' },
      // Anything Python prints before the agent takes over sys.stdout (it should be nothing).
      stdout: emit('stdout'),
      stderr: emit('stderr'),
      stdin: () => null,
    });
    // Fail closed: an interpreter that Pyodide instantiated some other way is ungated.
    if (!this.gate.installed) throw new Error('the import gate was not installed: Pyodide instantiated its module another way');
    // The snapshot must be taken before anything else touches the interpreter (the spike saw
    // "Can't serialize object" once a JS module had been registered).
    if (config.makeSnapshot) this.snapshot = py.makeMemorySnapshot();
    this.py = py;
    this.installAgent();
    this.makeDevices();
    // Enables CPython's periodic signal check, which the gate answers (signals()).
    py.setInterruptBuffer(new Uint8Array(1));
    py.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(AGENT_ROOT)}); import ${AGENT_PACKAGE}.main; ${AGENT_PACKAGE}.main.boot()`);
    this.python = py.runPython('import sys; sys.version.split()[0]') as string;
  }

  /** Pyodide instantiates the module the engine process compiled once (V8 keeps the code it
   * optimised with the module, so later interpreters start with it), and the gate rewrites the
   * import table first. */
  private interceptInstantiation(): void {
    const instantiate = WebAssembly.instantiate;
    const { wasmModule } = this.config;
    const gate = this.gate;
    const once = async (_bytes: unknown, imports?: WebAssembly.Imports) => {
      WebAssembly.instantiate = instantiate;
      if (imports?.env) {
        gate.install(imports.env);
        imports.env.random_get = Object.assign((pointer: number, size: number) => this.randomGet(pointer, size), { sig: 'ipp' });
      }
      const instance = await WebAssembly.instantiate(wasmModule, imports);
      this.wasmMemory = instance.exports.memory as { buffer: ArrayBuffer };
      return { module: wasmModule, instance };
    };
    WebAssembly.instantiate = once as typeof WebAssembly.instantiate;
  }

  private get fs(): EmscriptenFS {
    return this.py!.FS as unknown as EmscriptenFS;
  }

  private installAgent(): void {
    const target = posix.join(AGENT_ROOT, AGENT_PACKAGE);
    this.fs.mkdirTree(target);
    const source = join(this.config.agentDir, AGENT_PACKAGE);
    for (const file of readdirSync(source)) {
      if (file.endsWith('.py')) this.fs.writeFile(posix.join(target, file), readFileSync(join(source, file)));
    }
  }

  private makeDevices(): void {
    const device = (minor: number, ops: DeviceOps) => {
      const dev = this.fs.makedev(DEVICE_MAJOR, minor);
      this.fs.registerDevice(dev, { open: () => this.gate.arm(), ...ops });
      return dev;
    };
    const read = (block: boolean) => (_s: unknown, buffer: Int8Array, offset: number, length: number) =>
      this.readCommand(block, buffer, offset, length);
    const devices: Record<keyof typeof DEVICES, number> = {
      out: device(DEVICES.out, { write: (_s, buffer, offset, length) => this.post(buffer, offset, length) }),
      poll: device(DEVICES.poll, { read: read(false) }),
      wait: device(DEVICES.wait, { read: read(true) }),
      exit: device(DEVICES.exit, { write: (_s, buffer, offset, length) => this.recordExit(buffer, offset, length) }),
    };
    for (const [name, dev] of Object.entries(devices)) this.fs.mkdev(`/dev/loopscope-${name}`, 0o600, dev);
  }

  private post(buffer: Int8Array, offset: number, length: number): number {
    this.config.channel.send(FrameKind.Batch, new Uint8Array(buffer.buffer, buffer.byteOffset + offset, length));
    return length;
  }

  private recordExit(buffer: Int8Array, offset: number, length: number): number {
    const text = Buffer.from(buffer.buffer, buffer.byteOffset + offset, length).toString();
    this.exitCode = Number.parseInt(text, 10);
    return length;
  }

  /** A device read: the next command as a 4-byte length, then its text, in as many reads as
   * the agent makes. A poll with nothing waiting reads nothing. */
  private readCommand(block: boolean, buffer: Int8Array, offset: number, length: number): number {
    if (!this.inbox) {
      const text = this.nextCommand(block);
      if (text === undefined) return 0;
      this.inbox = withLength(Buffer.from(text));
    }
    const count = Math.min(length, this.inbox.length);
    buffer.set(new Int8Array(this.inbox.buffer, this.inbox.byteOffset, count), offset);
    this.inbox = count < this.inbox.length ? this.inbox.subarray(count) : undefined;
    return count;
  }

  private nextCommand(block: boolean): string | undefined {
    const { channel } = this.config;
    while (block || channel.hasMessage()) {
      const message = channel.read();
      if (message === undefined) return this.abortRun(); // the host has gone
      if (message.kind === 'command') return JSON.stringify(message.command);
      if (message.kind === 'abort' && message.runId === this.runId) return this.abortRun();
    }
    return undefined;
  }

  private randomGet(pointer: number, size: number): number {
    this.entropy.fill(new Uint8Array(this.wasmMemory!.buffer, pointer >>> 0, size >>> 0));
    return 0;
  }

  /** CPython's signal poll: Pause raises SIGINT (the agent's handler pauses), Stop aborts. */
  private signals(): number {
    if (this.runId === 0) return 0;
    const now = performance.now();
    if (now < this.nextDoorbellLook) return 0;
    this.nextDoorbellLook = now + DOORBELL_INTERVAL_MS;
    const { channel } = this.config;
    const bell = channel.doorbell();
    if (bell[Doorbell.Abort] === this.runId || channel.hostGone()) return this.abortRun();
    return bell[Doorbell.Interrupt] === this.runId ? SIGINT : 0;
  }

  /** Unwind the interpreter from wherever it is; it is not used again. */
  private abortRun(): never {
    this.aborting = true;
    throw new RunAborted();
  }

  /** The program's files go where its path says, its folder's files beside it. */
  private placeProgram(options: ResolvedRunOptions): void {
    const dir = posix.dirname(options.filename);
    this.fs.mkdirTree(dir);
    this.fs.writeFile(options.filename, options.source);
    for (const [name, source] of Object.entries(options.modules)) {
      // A path below the program's folder ('pkg/mod.py'); anything that would leave it is ignored.
      const path = posix.normalize(name);
      if (path.startsWith('/') || path === '..' || path.startsWith('../')) continue;
      this.fs.mkdirTree(posix.join(dir, posix.dirname(path)));
      this.fs.writeFile(posix.join(dir, path), source);
    }
  }

  /** Only Emscripten's in-memory filesystems may be mounted when a program runs. */
  private checkMounts(): void {
    const { filesystems, root } = this.fs;
    const hostBacked = ['NODEFS', 'NODERAWFS', 'WORKERFS', 'PROXYFS', 'IDBFS'].map((name) => filesystems[name]).filter(Boolean);
    const walk = (mount: Mount): void => {
      if (hostBacked.includes(mount.type)) throw new Error(`a host folder is mounted at ${mount.mountpoint}`);
      mount.mounts.forEach(walk);
    };
    walk(root.mount);
  }

  run(run: Run): RunOutcome {
    const py = this.py!;
    this.runId = run.runId;
    this.inbox = undefined;
    this.entropy = new SeededEntropy(run.options.seed);
    let failure: unknown;
    try {
      this.placeProgram(run.options);
      this.checkMounts();
      // The agent's first read is its options (agent main.py).
      this.inbox = withLength(Buffer.from(JSON.stringify(run.options)));
      py.runPython(`from ${AGENT_PACKAGE}.main import main\nmain()`);
    } catch (error) {
      failure = error;
    } finally {
      this.runId = 0;
    }
    // Pyodide swallows what the engine throws through it (an error marked as its own fatal
    // error), so the outcome is read from what the engine recorded, not from what came out.
    if (this.aborting) return { kind: 'aborted' };
    // Handing main()'s result back to JavaScript after the run meets the armed gate: once the
    // agent has reported the exit status, that is the end of the run.
    if (this.exitCode !== null) return { kind: 'finished', code: this.exitCode, memory: this.memory() };
    const refused = this.gate.refused;
    if (refused) return { kind: 'crashed', message: new ImportRefused(refused).message, refused };
    if (failure !== undefined) return { kind: 'crashed', message: failure instanceof Error ? failure.message : String(failure) };
    return { kind: 'crashed', message: 'the engine\'s agent ended without an exit status' };
  }

  private memory(): EngineMemory {
    const heap = (this.py as unknown as { _module: { HEAP8: Int8Array } })._module.HEAP8;
    return { wasmBytes: heap.length, jsHeapBytes: getHeapStatistics().total_heap_size };
  }

  get armed(): boolean {
    return this.gate.isArmed;
  }
}
