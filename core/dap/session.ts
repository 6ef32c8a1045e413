// The debug adapter: one DAP client, one program, over an EngineSession. @vscode/debugadapter's
// DebugSession numbers and sends the messages; requests are dispatched here, not by its
// per-command methods, whose defaults answer success to what an adapter does not do. Every
// request is answered: an error response says what was wrong, and nothing is lost by it.
import { dirname, relative, resolve, sep } from 'node:path';
import {
  DebugSession, ExitedEvent, InitializedEvent, OutputEvent, Response, StoppedEvent, TerminatedEvent,
} from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { z } from 'zod';
import { applyEvent, initialState, type SessionState } from '../model/index.js';
import {
  TaskDetail, type Breakpoint, type DebugCommand, type EngineEvent, type ExitEvent, type Paused, type WarningEvent,
} from '../protocol/index.js';
import type { EngineSessionOptions } from '../session/engine-session.js';
import { RewindableSession } from '../timetravel/rewindable-session.js';
import { ProgramFileError, readProgramFile, readSourceFile, type ProgramFile } from '../session/program-file.js';
import { BreakpointTable, codeLines, parseSetBreakpoints, type FileFacts } from './breakpoints.js';
import { DapError, parseArguments } from './errors.js';
import { DEFAULT_BREAK_ON, EXCEPTION_FILTERS, parseExceptionFilters } from './filters.js';
import { Handles } from './handles.js';
import { Inspector, type VariableHandle } from './inspect.js';
import { parseLaunchArguments, type LaunchArguments } from './launch-args.js';
import { MOVEMENTS, SUPPORTS_STEP_BACK, type Movement } from './movements.js';
import { Stop, type FrameHandle } from './stop.js';
import { PROGRAM_THREAD_ID, PROGRAM_THREAD_NAME, sourceOf, threadsOf } from './threads.js';

export interface DapSessionOptions {
  engine?: EngineSessionOptions;
  /** Called once the disconnect request has been answered: the connection may close. */
  onDisconnected?: () => void;
}

type Phase = 'new' | 'initialized' | 'launching' | 'running' | 'exited' | 'closed';
type Body = object | undefined;

const ThreadArguments = z.object({ threadId: z.number().int() });
const StackTraceArguments = z.object({
  threadId: z.number().int(),
  startFrame: z.number().int().nonnegative().optional(),
  levels: z.number().int().nonnegative().optional(),
});
const InitializeArguments = z.object({
  linesStartAt1: z.boolean().optional(),
  columnsStartAt1: z.boolean().optional(),
  pathFormat: z.string().optional(),
});
const TerminateThreadsArguments = z.object({ threadIds: z.array(z.number().int()).min(1, 'expected at least one thread id') });
const FINISHED = new Set(['done', 'cancelled', 'failed']);

export class LoopscopeDebugSession extends DebugSession {
  private engine: RewindableSession | undefined;
  private model: SessionState = initialState();
  private phase: Phase = 'new';
  private program: ProgramFile | undefined;
  private launch: LaunchArguments | undefined;
  private current: Stop | undefined;
  /** The reason the stop after a trip back in the run gives (DAP's, of the request). */
  private travelReason: string | undefined;
  /** Lines of the program armed to stop on entry, until the first stop. */
  private entryLines: number[] | undefined;
  private lineOffset = 0;
  private columnOffset = 0;
  private breakOn = DEFAULT_BREAK_ON;
  private readonly breakpoints = new BreakpointTable();
  private readonly frames = new Handles<FrameHandle>('frame');
  private readonly variables = new Handles<VariableHandle>('variablesReference');
  private readonly inspector = new Inspector((command) => this.running().request(command), this.frames, this.variables);
  /** Settled by configurationDone (the launch waits for it), or by the session's end. */
  private readonly configured = deferred();
  private readonly handlers: Record<string, (args: unknown) => Promise<Body> | Body> = {
    initialize: (args) => this.initialize(args),
    launch: (args) => this.launchProgram(args),
    attach: () => {
      throw new DapError('attach is not supported: Loopscope runs the program itself (use "request": "launch")');
    },
    configurationDone: () => {
      this.configured.resolve();
      return undefined;
    },
    setBreakpoints: (args) => this.setBreakpoints(args),
    setExceptionBreakpoints: (args) => this.setExceptionBreakpoints(args),
    threads: () => ({ threads: this.threads() }),
    stackTrace: (args) => this.stackTrace(args),
    scopes: (args) => {
      this.stopped();
      return { scopes: this.inspector.scopes(args) };
    },
    variables: async (args) => {
      this.stopped();
      return { variables: await this.inspector.list(args) };
    },
    evaluate: async (args) => {
      this.stopped();
      return this.inspector.evaluate(args);
    },
    exceptionInfo: (args) => {
      parseArguments('exceptionInfo', ThreadArguments, args);
      return this.stopped().exceptionInfo();
    },
    continue: (args) => this.move('continue', args),
    next: (args) => this.move('next', args),
    stepIn: (args) => this.move('stepIn', args),
    stepOut: (args) => this.move('stepOut', args),
    stepBack: (args) => this.move('stepBack', args),
    reverseContinue: (args) => this.move('reverseContinue', args),
    pause: () => this.pause(),
    terminateThreads: (args) => this.terminateThreads(args),
    loadedSources: () => ({ sources: this.loadedSources() }),
    terminate: () => this.terminate(),
    disconnect: () => this.disconnect(),
  };

  constructor(private readonly options: DapSessionOptions = {}) {
    super();
  }

  /** The client went away without a disconnect: the program is stopped all the same. */
  async close(): Promise<void> {
    this.configured.reject(new DapError('the client disconnected before configurationDone'));
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    const engine = this.engine;
    this.engine = undefined;
    await engine?.dispose();
  }

  /** A frame the connection could not read (see framing.ts): said on the client's console. */
  reportMalformed(problem: string): void {
    this.sendEvent(new OutputEvent(`Loopscope debug adapter: ignored a malformed message: ${problem}\n`, 'console'));
  }

  /** A frame that reads as JSON but is not a request; answered when it names its seq. */
  refuse(seq: number, command: string, problem: string): void {
    this.fail(new Response({ seq, type: 'request', command }), new DapError(problem));
  }

  protected override dispatchRequest(request: DebugProtocol.Request): void {
    const response: DebugProtocol.Response = new Response(request);
    const handler = Object.hasOwn(this.handlers, request.command) ? this.handlers[request.command] : undefined;
    if (!handler) {
      this.fail(response, new DapError(`unsupported request '${request.command}' (Loopscope's adapter does not do it)`));
      return;
    }
    void (async () => {
      try {
        const body = await handler(request.arguments);
        if (body !== undefined) response.body = body;
        this.sendResponse(response);
      } catch (error) {
        this.fail(response, error);
      }
      if (request.command === 'disconnect') this.options.onDisconnected?.();
    })();
  }

  private fail(response: DebugProtocol.Response, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    // `variables` keeps DebugSession's formatter from reading braces in the text as its own.
    this.sendErrorResponse(response, { id: 1, format: message, variables: {}, showUser: true });
  }

  // ----- life cycle -----
  private initialize(args: unknown): DebugProtocol.Capabilities {
    const { linesStartAt1, columnsStartAt1, pathFormat } = parseArguments('initialize', InitializeArguments, args);
    if (this.phase !== 'new') throw new DapError('initialize: the session is already initialized');
    if (pathFormat !== undefined && pathFormat !== 'path') throw new DapError(`initialize: pathFormat "${pathFormat}" is not supported, only "path"`);
    this.lineOffset = linesStartAt1 === false ? 1 : 0;
    this.columnOffset = columnsStartAt1 === false ? 1 : 0;
    // Loaded now, while the client sends its configuration: the run then starts at once.
    this.engine = new RewindableSession({ prewarm: true, ...this.options.engine });
    this.engine.onEvent((event) => this.onEngineEvent(event));
    this.phase = 'initialized';
    return {
      supportsConfigurationDoneRequest: true,
      supportsConditionalBreakpoints: true,
      supportsHitConditionalBreakpoints: true,
      supportsLogPoints: true,
      supportsEvaluateForHovers: true,
      supportsExceptionInfoRequest: true,
      supportsExceptionFilterOptions: true,
      exceptionBreakpointFilters: EXCEPTION_FILTERS,
      supportsTerminateThreadsRequest: true,
      supportsTerminateRequest: true,
      supportTerminateDebuggee: true,
      supportsLoadedSourcesRequest: true,
      supportsDelayedStackTraceLoading: true,
      supportsStepBack: SUPPORTS_STEP_BACK,
    };
  }

  private async launchProgram(args: unknown): Promise<Body> {
    if (this.phase === 'new') throw new DapError('launch: send initialize first');
    if (this.phase !== 'initialized') throw new DapError('launch: this session has launched its program already (one program a session)');
    const launch = parseLaunchArguments(args);
    let program: ProgramFile;
    try {
      program = readProgramFile(launch.program);
    } catch (error) {
      if (error instanceof ProgramFileError) throw new DapError(`launch: ${error.message}`);
      throw error;
    }
    this.phase = 'launching';
    this.launch = launch;
    this.program = program;
    this.sendEvent(new InitializedEvent());
    await this.configured.promise;
    if (this.phase !== 'launching') throw new DapError('launch: the session ended before the program started');
    // The engine has no "stop at the first line": a breakpoint on every line of the program
    // that may hold code does it, and is taken away at the first stop.
    if (launch.stopOnEntry && !launch.noDebug) this.entryLines = codeLines(program.source).filter((line) => !this.breakpoints.has(program.filename, line));
    const engine = this.engine;
    if (!engine) throw new DapError('launch: the session ended before the program started');
    const breakpoints = launch.noDebug ? [] : this.engineBreakpoints();
    const breakOn = this.breakOn;
    await engine.start({
      source: program.source,
      filename: program.filename,
      modules: program.modules,
      argv: launch.args,
      seed: launch.seed,
      breakpoints,
      breakOn: launch.noDebug ? [] : breakOn.events,
      breakOnTaskNames: breakOn.taskNames,
      autoContinue: launch.noDebug,
      // Output and task records are published on real time, as for the UI: a program that runs
      // for long between task switches still shows its output and its tasks (in `threads`).
      realtime: true,
    });
    // Running from here, unless it has ended already (a crash at start is its exit).
    if (this.phase !== 'launching') return undefined;
    this.phase = 'running';
    if (launch.noDebug) return undefined;
    // What the client changed while the engine was loading.
    if (JSON.stringify(this.engineBreakpoints()) !== JSON.stringify(breakpoints)) {
      engine.send({ type: 'debug.setBreakpoints', breakpoints: this.engineBreakpoints() });
    }
    if (this.breakOn !== breakOn) engine.send({ type: 'debug.setBreakOn', events: this.breakOn.events, taskNames: this.breakOn.taskNames });
    return undefined;
  }

  private async terminate(): Promise<Body> {
    if (this.phase !== 'running') throw new DapError('terminate: no program is running');
    await this.running().stop();
    return undefined;
  }

  private async disconnect(): Promise<Body> {
    await this.close();
    return undefined;
  }

  /** The engine of a running program, or why there is none. */
  private running(): RewindableSession {
    const engine = this.engine;
    if (this.phase === 'running' && engine) return engine;
    if (this.phase === 'new' || this.phase === 'initialized') throw new DapError('no program is running: launch one first');
    if (this.phase === 'launching') throw new DapError('the program has not started yet: it starts at configurationDone');
    if (this.phase === 'exited') throw new DapError('the program has exited');
    throw new DapError('the session has ended');
  }

  /** The current stop, or why the program is not stopped. */
  private stopped(): Stop {
    this.running();
    if (!this.current) throw new DapError('the program is running: pause it first');
    return this.current;
  }

  // ----- breakpoints -----
  private setBreakpoints(args: unknown): Body {
    const parsed = parseSetBreakpoints(args);
    const path = resolve(parsed.source.path);
    const answers = this.breakpoints.set(path, parsed, this.factsOf(path), this.lineOffset);
    if (this.phase === 'running' && !this.launch?.noDebug) this.running().send({ type: 'debug.setBreakpoints', breakpoints: this.engineBreakpoints() });
    return { breakpoints: answers };
  }

  private engineBreakpoints(): Breakpoint[] {
    const file = this.program?.filename;
    const entry = file && this.entryLines ? this.entryLines.map((line) => ({ file, line })) : [];
    return [...this.breakpoints.all(), ...entry];
  }

  /** What the engine will have of a file: the program and the files beside it, as launched. */
  private factsOf(path: string): FileFacts {
    const program = this.program;
    if (!program) {
      try {
        return { lines: readSourceFile(path).source.split('\n') };
      } catch (error) {
        return { lines: undefined, outside: error instanceof Error ? error.message : String(error) };
      }
    }
    if (path === program.filename) return { lines: program.source.split('\n') };
    const folder = dirname(program.filename);
    const name = relative(folder, path).split(sep).join('/');
    const source = program.modules[name];
    if (source !== undefined) return { lines: source.split('\n') };
    return {
      lines: undefined,
      outside: name.startsWith('../') || name === '..'
        ? `${path} is outside the program's folder (${folder}): the engine has only that folder's files`
        : `${path} is not among the files copied into the engine (text files of the program's folder, 4 MB at most)`,
    };
  }

  private setExceptionBreakpoints(args: unknown): Body {
    this.breakOn = parseExceptionFilters(args);
    if (this.phase === 'running' && !this.launch?.noDebug) {
      this.running().send({ type: 'debug.setBreakOn', events: this.breakOn.events, taskNames: this.breakOn.taskNames });
    }
    return undefined;
  }

  // ----- threads and stacks -----
  private threads(): DebugProtocol.Thread[] {
    if (this.current) return this.current.threads();
    if (this.phase !== 'running') return [];
    const live = Object.values(this.model.tasks).filter((task) => !FINISHED.has(task.state));
    return live.length > 0 ? threadsOf(live) : [{ id: PROGRAM_THREAD_ID, name: PROGRAM_THREAD_NAME }];
  }

  private async stackTrace(args: unknown): Promise<Body> {
    const { threadId, startFrame = 0, levels = 0 } = parseArguments('stackTrace', StackTraceArguments, args);
    const stop = this.stopped();
    const frames = await stop.stackTrace(threadId, async (taskId) =>
      TaskDetail.parse(await this.running().request({ type: 'inspect.task', taskId })));
    const page = frames.slice(startFrame, levels > 0 ? startFrame + levels : undefined);
    return { stackFrames: page.map((frame) => ({ ...frame, column: Math.max(0, frame.column - this.columnOffset) })), totalFrames: frames.length };
  }

  private loadedSources(): DebugProtocol.Source[] {
    const program = this.program;
    if (!program) throw new DapError('loadedSources: no program is launched');
    const folder = dirname(program.filename);
    const modules = Object.keys(program.modules).filter((name) => name.endsWith('.py')).sort();
    return [sourceOf(program.filename, true), ...modules.map((name) => sourceOf(resolve(folder, name), true))];
  }

  // ----- running and stopping -----
  private async move(movement: Movement, args: unknown): Promise<Body> {
    const { threadId } = parseArguments(movement, ThreadArguments, args);
    const how = MOVEMENTS[movement];
    const stop = this.stopped();
    if ('travel' in how) {
      // Answered once the engine is there: an error (no earlier line) leaves the stop as it was.
      this.travelReason = how.reason;
      try {
        await this.running().travel(how.travel);
      } catch (error) {
        this.travelReason = undefined;
        throw new DapError(`${movement}: ${error instanceof Error ? error.message : String(error)}`);
      }
      return undefined;
    }
    const taskId = stop.taskOf(threadId);
    this.resume(how.command(taskId ?? undefined));
    return movement === 'continue' ? { allThreadsContinued: true } : undefined;
  }

  private resume(command: DebugCommand): void {
    this.running().send(command);
    this.endStop();
  }

  private endStop(): void {
    this.current = undefined;
    this.frames.reset();
    this.variables.reset();
  }

  private pause(): Body {
    const engine = this.running();
    if (this.launch?.noDebug) throw new DapError('pause: the program runs without debugging (noDebug)');
    if (!this.current) engine.send({ type: 'debug.pause' });
    return undefined;
  }

  private terminateThreads(args: unknown): Body {
    const { threadIds } = parseArguments('terminateThreads', TerminateThreadsArguments, args);
    const engine = this.running();
    const live = this.current
      ? new Set(this.current.tasks.keys())
      : new Set(Object.values(this.model.tasks).filter((task) => !FINISHED.has(task.state)).map((task) => task.id));
    const unknown = threadIds.filter((id) => !live.has(id));
    if (unknown.length > 0) throw new DapError(`terminateThreads: ${unknown.join(', ')} ${unknown.length > 1 ? 'are not live tasks' : 'is not a live task'}; no task was cancelled`);
    for (const taskId of threadIds) engine.send({ type: 'debug.cancelTask', taskId, message: 'cancelled from the debugger' });
    return undefined;
  }

  // ----- what the engine reports -----
  private onEngineEvent(event: EngineEvent): void {
    this.model = applyEvent(this.model, event);
    switch (event.type) {
      case 'engine.ready':
        this.sendEvent(new OutputEvent(`Loopscope: Python ${event.python} in the embedded engine${event.isolation?.length ? ` (isolation: ${event.isolation.join(', ')})` : ''}\n`, 'console'));
        break;
      case 'output':
        this.sendEvent(new OutputEvent(event.text, event.stream));
        break;
      case 'warning':
        this.warning(event);
        break;
      case 'error':
        // A syntax error's traceback is on stderr already, as python3 prints it.
        if (event.kind !== 'syntax') this.sendEvent(new OutputEvent(`loopscope: ${event.message}\n`, 'stderr'));
        break;
      case 'paused':
        this.paused(event);
        break;
      case 'travel.arrived':
        // The console cannot be taken back: say that what follows is printed a second time.
        this.sendEvent(new OutputEvent(`Loopscope: back at step ${event.paused.step ?? 0}; the run is re-executed from its start to there, and prints again what it printed after it\n`, 'console'));
        this.paused(event.paused, this.travelReason);
        this.travelReason = undefined;
        break;
      case 'resumed':
        this.endStop();
        break;
      case 'exit':
        this.exited(event);
        break;
      default:
        break;
    }
  }

  private warning(event: WarningEvent): void {
    // Python's own warnings are printed on stderr as under python3; Loopscope's lints and
    // logpoints are not printed by the program, so they go to the console.
    if (event.category.endsWith('Warning')) return;
    const text = event.category === 'Logpoint' ? `${event.message}\n` : `Loopscope ${event.category}: ${event.message}\n`;
    const output: DebugProtocol.OutputEvent = new OutputEvent(text, 'console');
    if (event.file) output.body.source = sourceOf(event.file, true);
    if (event.line) output.body.line = event.line - this.lineOffset;
    this.sendEvent(output);
  }

  private paused(event: Paused, travelled?: string): void {
    // Without debugging nothing stops (and nothing arms a stop): a pause would go on at once.
    if (this.launch?.noDebug) return;
    const program = this.program;
    let reason = travelled ?? event.reason.kind;
    if (this.entryLines && program) {
      this.entryLines = undefined;
      this.running().send({ type: 'debug.setBreakpoints', breakpoints: this.engineBreakpoints() });
      const [file, line] = event.location ?? ['', 0];
      if (reason === 'breakpoint' && file === program.filename && !this.breakpoints.has(file, line)) reason = 'entry';
    }
    this.endStop();
    const stop = new Stop(event, this.frames, this.lineOffset);
    this.current = stop;
    const stopped: DebugProtocol.StoppedEvent = new StoppedEvent(reason, stop.threadId);
    stopped.body.description = reason === 'entry' ? 'Paused on entry' : event.reason.description;
    stopped.body.text = event.reason.description;
    stopped.body.allThreadsStopped = true;
    const id = reason === 'breakpoint' && event.location ? this.breakpoints.idAt(...event.location) : undefined;
    if (id !== undefined) stopped.body.hitBreakpointIds = [id];
    this.sendEvent(stopped);
  }

  private exited(event: ExitEvent): void {
    this.endStop();
    if (this.phase === 'running' || this.phase === 'launching') this.phase = 'exited';
    this.sendEvent(new ExitedEvent(event.code));
    this.sendEvent(new TerminatedEvent());
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  // Rejected when a session ends before its launch waited for it: nobody has to hear of it.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
