// HostSession: the host side of the client protocol, shared by Electron main (one per window)
// and the browser shell (one per server). It owns an EngineSession, keeps the whole session
// state (the same reducer the renderer uses), answers ClientRequests, and streams HostMessages
// to every attached client on a tick: consecutive deltas merged, a lagging client sent a fresh
// full state instead of an ever-growing queue (tokio-console's aggregator, DevTools' throttler).
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import {
  ClientRequest, MAX_CLIENT_MESSAGE_BYTES,
  type Example, type HostMessage, type Interpreter, type OpenedFile, type ParsedClientRequest,
} from '../protocol/client.js';
import { replaySchedule, type DebugCommand, type EngineEvent, type RunOptions } from '../protocol/index.js';
import { applyEvent, applyEvents, initialState, type SessionState } from '../model/index.js';
import { EngineSession, type Disposer, type EngineSessionOptions } from './engine-session.js';
import type { RunEngine } from './run-engine.js';
import { EngineChoice } from './engine-choice.js';
import { findInterpreters } from '../engine/native/interpreters.js';
import { coalesceEvents } from './coalesce.js';
import { findExamplesDir, listExamples } from './examples.js';
import type { ExploreService } from './explore-service.js';
import { FileWatcher } from './file-watch.js';
import { readSiblingFiles, readSourceFile, saveSourceFile, type SourceFile } from './program-file.js';
import { RECORDING_EXTENSION, cannotReexecute, engineIdentity, readRecording, writeRecording } from './recording-file.js';

/** Events are published at most this often: a busy program emits far more than a UI can draw. */
export const DEFAULT_TICK_MS = 50;
/** A client with more than this still unsent (WebSocket bufferedAmount, unacknowledged IPC) is
 * behind: it gets no more events until it has caught up, then one fresh full state. */
export const DEFAULT_MAX_BACKLOG_BYTES = 4 * 1024 * 1024;

/** Where a host delivers messages: a WebSocket, a window's IPC channel, a test's array. */
export interface HostClient {
  send(message: HostMessage): void;
  /** Bytes sent but not yet taken by the other side; omitted = never behind. */
  backlog?(): number;
}

export interface HostSessionOptions {
  engine?: EngineSessionOptions;
  /** The engine to run programs in, instead of an EngineSession made from `engine` (the hosts
   * pass core/timetravel's RewindableSession, which can also go back in a run). */
  runEngine?: RunEngine;
  tickMs?: number;
  maxBacklogBytes?: number;
  /** Folder of the bundled examples; default: assets/examples found above this bundle. */
  examplesDir?: string;
  /** Schedule exploration for clients (explore.start); without it, the request is refused. */
  explore?: ExploreService;
  /** Where native mode looks for interpreters (default: this process's environment). */
  env?: NodeJS.ProcessEnv;
}

interface Attached {
  subscribed: boolean;
  /** Behind: events are withheld, counted in `dropped`, until it catches up. */
  lagging: boolean;
  dropped: number;
}

type RunRequest = Extract<ParsedClientRequest, { type: 'session.run' }>;
type ExploreStart = Extract<ParsedClientRequest, { type: 'explore.start' }>;
type InspectCommand = Extract<DebugCommand, { type: `inspect.${string}` }>;

class RequestError extends Error {}

export class HostSession {
  private readonly engine: EngineChoice;
  private readonly env: NodeJS.ProcessEnv;
  private readonly tickMs: number;
  private readonly maxBacklogBytes: number;
  private readonly examplesDir: string | undefined;
  private readonly exploreService: ExploreService | undefined;
  /** The running exploration's abort, if one runs. */
  private exploring: AbortController | undefined;
  private readonly clients = new Map<HostClient, Attached>();
  private readonly fileListeners = new Set<(file: OpenedFile) => void>();
  private readonly disposeEngineListener: Disposer;
  private state: SessionState = initialState();
  private pending: EngineEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastRun: RunRequest | undefined;
  private file: OpenedFile | undefined;
  private watcher: FileWatcher | undefined;
  private disposed = false;

  constructor(options: HostSessionOptions = {}) {
    this.engine = new EngineChoice(options.runEngine ?? new EngineSession({ prewarm: true, ...options.engine }));
    this.env = options.env ?? process.env;
    this.tickMs = options.tickMs ?? DEFAULT_TICK_MS;
    this.maxBacklogBytes = options.maxBacklogBytes ?? DEFAULT_MAX_BACKLOG_BYTES;
    this.examplesDir = options.examplesDir ?? findExamplesDir();
    this.exploreService = options.explore;
    this.disposeEngineListener = this.engine.onEvent((event) => this.receiveEvent(event));
  }

  /** The state every client is brought up to on subscribe. */
  get sessionState(): SessionState {
    return this.state;
  }

  get openFile(): OpenedFile | undefined {
    return this.file;
  }

  attach(client: HostClient): Disposer {
    this.clients.set(client, { subscribed: false, lagging: false, dropped: 0 });
    return () => {
      this.clients.delete(client);
    };
  }

  /** Called whenever a file becomes the open one (host, request or save-as): for window titles
   * and recent-file lists. */
  onFileOpened(listener: (file: OpenedFile) => void): Disposer {
    this.fileListeners.add(listener);
    return () => this.fileListeners.delete(listener);
  }

  /** A request as text off the wire (a WebSocket frame): size and JSON checked here. */
  async receiveText(client: HostClient, text: string): Promise<void> {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_CLIENT_MESSAGE_BYTES) {
      this.reply(client, { type: 'response', id: 0, ok: false, error: `message too large: ${bytes} bytes (the limit is ${MAX_CLIENT_MESSAGE_BYTES})` });
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      this.reply(client, { type: 'response', id: 0, ok: false, error: `malformed JSON: ${(error as Error).message}` });
      return;
    }
    await this.receive(client, raw);
  }

  /** A request as a value (from IPC, or parsed from text). Never throws: anything wrong with
   * it, or with carrying it out, is answered with `ok: false` and a message. */
  async receive(client: HostClient, raw: unknown): Promise<void> {
    const parsed = ClientRequest.safeParse(raw);
    if (!parsed.success) {
      this.reply(client, { type: 'response', id: requestId(raw), ok: false, error: describeInvalid(raw, parsed.error.issues) });
      return;
    }
    const request = parsed.data;
    try {
      const result = await this.handle(client, request);
      this.reply(client, { type: 'response', id: request.id, ok: true, ...(result === undefined ? {} : { result }) });
    } catch (error) {
      this.reply(client, { type: 'response', id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Open a file on the host's initiative (command line, menu, drop): every client is told. */
  openPath(path: string): OpenedFile {
    const file = this.adopt(readSourceFile(path));
    this.broadcast({ type: 'file.opened', file });
    return file;
  }

  /** Send a message to every attached client (a menu action, say). */
  broadcast(message: HostMessage): void {
    for (const client of this.clients.keys()) this.reply(client, message);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.exploring?.abort();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.watcher?.close();
    this.watcher = undefined;
    this.disposeEngineListener();
    this.clients.clear();
    this.fileListeners.clear();
    await this.engine.dispose();
  }

  private async handle(client: HostClient, request: ParsedClientRequest): Promise<unknown> {
    if (this.disposed) throw new RequestError('the session is closed');
    switch (request.type) {
      case 'session.subscribe':
        this.subscribe(client);
        return undefined;
      case 'session.run':
        this.lastRun = request;
        await this.engine.start(await this.runOptions(request));
        return undefined;
      case 'session.restart': {
        if (!this.lastRun) throw new RequestError('nothing to restart: run a program first');
        if (request.source !== undefined) this.lastRun = { ...this.lastRun, source: request.source };
        await this.engine.start(await this.runOptions(this.lastRun));
        return undefined;
      }
      case 'interpreters.list':
        return this.interpreters(request.filename);
      case 'stdin.write':
        this.engine.writeStdin(request.text, request.eof);
        return undefined;
      case 'session.stop':
        await this.engine.stop();
        return undefined;
      case 'debug':
        if (isInspect(request.command)) return this.engine.request(request.command);
        this.engine.send(request.command);
        this.rememberForRestart(request.command);
        return undefined;
      case 'file.open':
        return this.adopt(readSourceFile(request.path));
      case 'file.save':
        return this.adopt(saveSourceFile(request.path, request.source));
      case 'examples.list':
        return listExamples(this.examplesDir) satisfies Example[];
      case 'travel':
        if (!this.engine.travel) throw new RequestError('this host cannot go back in a run');
        await this.engine.travel(request.travel);
        return undefined;
      case 'recording.save':
        return { path: this.saveRecording(request.path) };
      case 'recording.open':
        return this.openRecording(request.path);
      case 'explore.start':
        return this.explore(request);
      case 'explore.stop':
        this.exploring?.abort();
        return undefined;
    }
  }

  private async explore(request: ExploreStart): Promise<unknown> {
    if (!this.exploreService) throw new RequestError('this host cannot explore schedules');
    if (this.exploring) throw new RequestError('an exploration is already running: stop it first');
    const abort = new AbortController();
    this.exploring = abort;
    try {
      const { filename, source, strategy, runs, seed, oracle } = request;
      const modules = isFile(filename) ? readSiblingFiles(resolve(filename)) : {};
      return await this.exploreService.explore({ filename, source, modules, strategy, runs, seed, oracle },
        (progress) => this.broadcast({ type: 'explore.progress', progress }), abort.signal);
    } finally {
      this.exploring = undefined;
    }
  }

  /** Write the current run to `path`, or beside the program (the temporary folder for a
   * program that is no file); returns where. */
  saveRecording(path?: string): string {
    const recording = this.engine.record?.();
    if (!recording) throw new RequestError(this.engine.record ? 'nothing to save: run a program first' : 'this host cannot record runs');
    const program = recording.program.filename;
    const stamp = recording.created.replace(/[:.]/g, '-');
    const target = path ?? join(isFile(program) ? dirname(program) : tmpdir(), `${basename(program, '.py')}-${stamp}${RECORDING_EXTENSION}`);
    writeRecording(target, recording);
    return target;
  }

  /** Make a recording the session: every client gets its whole state, and its program. */
  async openRecording(path: string): Promise<{ path: string; reexecutable: boolean; reason?: string }> {
    if (!this.engine.adopt) throw new RequestError('this host cannot open recordings');
    const recording = readRecording(path);
    const here = engineIdentity(recording.engine.python);
    const refusal = cannotReexecute(recording.engine, here);
    await this.engine.adopt(recording, refusal);
    this.flush();
    this.state = applyEvents(initialState(), recording.events);
    const { program } = recording;
    this.lastRun = { type: 'session.run', id: 0, filename: program.filename, source: program.source, breakpoints: program.breakpoints,
      breakOn: program.breakOn, breakOnTaskNames: program.breakOnTaskNames, argv: program.argv, seed: program.seed };
    this.watcher?.close();
    this.watcher = undefined;
    this.file = { path: program.filename, source: program.source, mtimeMs: 0 };
    for (const listener of [...this.fileListeners]) listener(this.file);
    for (const [client, attached] of this.clients) {
      if (!attached.subscribed) continue;
      this.reply(client, { type: 'state.full', state: this.state, droppedEvents: 0 });
      this.reply(client, { type: 'file.opened', file: this.file });
    }
    return { path, reexecutable: refusal === undefined, ...(refusal ? { reason: refusal } : {}) };
  }

  /** The interpreters for a program at `filename` (a program that is no file yet: the
   * current folder's). */
  private interpreters(filename: string): Promise<Interpreter[]> {
    return findInterpreters(isFile(filename) ? dirname(resolve(filename)) : process.cwd(), this.env);
  }

  private async runOptions(request: RunRequest): Promise<RunOptions> {
    if (request.python !== undefined) return this.nativeRunOptions(request, request.python);
    return {
      ...programOptions(request),
      // The program runs from its editor buffer, but imports its neighbours from disk, as
      // `python3 prog.py` would; an unsaved program (no file yet) has none.
      modules: isFile(request.filename) ? readSiblingFiles(resolve(request.filename)) : {},
      // A bad token (another program's, a damaged one) is this request's error.
      ...(request.schedule !== undefined ? { schedule: replaySchedule(request.schedule, request.source) } : {}),
    };
  }

  /** A native run: in an interpreter found for this program, so a client cannot have the
   * host start any program it names. The program runs from its folder, as `python3 prog.py`
   * would there, and imports its neighbours (and its venv's packages) from disk. */
  private async nativeRunOptions(request: RunRequest, python: string): Promise<RunOptions> {
    if (request.schedule !== undefined) throw new RequestError('a schedule replays in the embedded engine only: choose Embedded (Pyodide) to replay it');
    const found = await this.interpreters(request.filename);
    if (!found.some((interpreter) => interpreter.executable === python)) {
      throw new RequestError(`${python} is not one of the interpreters found for this program (${found.map((i) => i.executable).join(', ') || 'none'})`);
    }
    return {
      ...programOptions(request),
      python,
      cwd: isFile(request.filename) ? dirname(resolve(request.filename)) : process.cwd(),
    };
  }

  /** Breakpoints and break-on switches changed during a run are what a restart should use. */
  private rememberForRestart(command: DebugCommand): void {
    if (!this.lastRun) return;
    if (command.type === 'debug.setBreakpoints') this.lastRun = { ...this.lastRun, breakpoints: command.breakpoints };
    if (command.type === 'debug.setBreakOn') {
      this.lastRun = { ...this.lastRun, breakOn: command.events, breakOnTaskNames: command.taskNames ?? this.lastRun.breakOnTaskNames };
    }
  }

  /** Make `file` the open one and watch it. */
  private adopt(source: SourceFile): OpenedFile {
    const file: OpenedFile = { path: source.filename, source: source.source, mtimeMs: source.mtimeMs };
    if (this.watcher?.path === file.path) this.watcher.acknowledge();
    else {
      this.watcher?.close();
      this.watcher = new FileWatcher(file.path, ({ path, deleted }) => this.broadcast({ type: 'file.changed', path, deleted }));
    }
    this.file = file;
    for (const listener of [...this.fileListeners]) listener(file);
    return file;
  }

  private subscribe(client: HostClient): void {
    const attached = this.clients.get(client);
    if (!attached) throw new RequestError('attach the client before subscribing');
    // Events already applied to the state but not yet sent would reach this client twice.
    this.flush();
    attached.subscribed = true;
    attached.lagging = false;
    attached.dropped = 0;
    this.reply(client, { type: 'state.full', state: this.state, droppedEvents: 0 });
    if (this.file) this.reply(client, { type: 'file.opened', file: this.file });
  }

  private receiveEvent(event: EngineEvent): void {
    this.state = applyEvent(this.state, event);
    // A reply answers an inspect request, and goes back as that request's response instead.
    if (event.type === 'reply') return;
    this.pending.push(event);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.disposed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.tickMs);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const events = this.pending.length ? coalesceEvents(this.pending) : [];
    this.pending = [];
    let anyLagging = false;
    for (const [client, attached] of this.clients) {
      if (!attached.subscribed) continue;
      const behind = (client.backlog?.() ?? 0) > this.maxBacklogBytes;
      if (behind) {
        attached.lagging = true;
        attached.dropped += events.length;
        anyLagging = true;
      } else if (attached.lagging) {
        // The state already holds this tick's events: the full state replaces them.
        attached.lagging = false;
        this.reply(client, { type: 'state.full', state: this.state, droppedEvents: attached.dropped });
        attached.dropped = 0;
      } else if (events.length) {
        this.reply(client, { type: 'events', events });
      }
    }
    // A lagging client must be looked at again even if the program has gone quiet (paused).
    if (anyLagging) this.schedule();
  }

  private reply(client: HostClient, message: HostMessage): void {
    try {
      client.send(message);
    } catch {
      // A client that can no longer be written to (a closed socket, a destroyed window) is gone.
      this.clients.delete(client);
    }
  }
}

/** What every run of a request takes, embedded or native: the program, its arguments and its
 * stops, published live (a UI wants output and snapshots as they happen, not every N steps). */
function programOptions(request: RunRequest): RunOptions {
  const { source, filename, argv, seed, breakpoints, breakOn, breakOnTaskNames } = request;
  return { source, filename, argv, seed, breakpoints, breakOn, breakOnTaskNames, realtime: true };
}

function isInspect(command: DebugCommand): command is InspectCommand {
  return command.type.startsWith('inspect.');
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The id of a request that failed validation, when it has a usable one, so the client can
 * match the error to what it sent; 0 otherwise. */
function requestId(raw: unknown): number {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : 0;
}

const REQUEST_TYPES = ClientRequest.options.map((option) => option.shape.type.value);

function describeInvalid(raw: unknown, issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'a request must be a JSON object with a "type"';
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== 'string' || !(REQUEST_TYPES as string[]).includes(type)) {
    return `unknown request type ${JSON.stringify(type) ?? 'undefined'} (expected one of ${REQUEST_TYPES.join(', ')})`;
  }
  const details = issues.slice(0, 5).map((issue) => `${issue.path.map(String).join('.') || '(request)'}: ${issue.message}`);
  return `invalid ${type} request: ${details.join('; ')}`;
}
