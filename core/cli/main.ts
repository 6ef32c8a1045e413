// The `loopscope` command.
import { EngineSession, EXIT_CRASHED } from '../session/engine-session.js';
import { RunOptions, replaySchedule, ScheduleTokenError, type EngineEvent, type ResolvedRunOptions } from '../protocol/index.js';
import { engineIdentity, writeRecording } from '../session/recording-file.js';
import { parseArgs, UsageError, USAGE, type RunArgs, type ServeArgs } from './args.js';
import { describeMoment, stopAtTarget } from './stop-at-step.js';
import { outputBroken, whenOutputBreaks, write } from './output.js';
import { ProgramFileError, readProgramFile } from '../session/program-file.js';
import { dapCommand } from '../dap/server.js';
import packageJson from '../../package.json' with { type: 'json' };
import { exploreCommand } from './explore-command.js';
import { NativeSession } from '../session/native-session.js';
import { findInterpreters } from '../engine/native/interpreters.js';
import { dirname, resolve } from 'node:path';
import type { RunEngine } from '../session/run-engine.js';

export const EXIT_USAGE = 2;
/** The reader of stdout or stderr went away (`loopscope run prog.py | head`): as a process
 * killed by SIGPIPE, 128 + 13. */
export const EXIT_BROKEN_PIPE = 141;

/** Commands implemented outside core (core/cli may not import main/): the browser shell lives
 * with the other hosts, and bin/loopscope.js hands it in from its own bundle. */
export interface CommandHandlers {
  serve?(args: ServeArgs): Promise<number>;
}

export async function main(argv: string[], handlers: CommandHandlers = {}): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) write(2, `loopscope: ${error.message}\n`);
    write(error.message ? 2 : 1, USAGE + '\n');
    return error.message ? EXIT_USAGE : 0;
  }
  switch (args.command) {
    case 'help':
      write(1, USAGE + '\n');
      return 0;
    case 'version':
      write(1, `loopscope ${packageJson.version}\n`);
      return 0;
    case 'run':
      return runCommand(args);
    case 'explore':
      return exploreCommand(args, write);
    case 'serve':
      if (!handlers.serve) {
        write(2, 'loopscope: serve is not available in this build (the browser shell is not bundled)\n');
        return EXIT_USAGE;
      }
      return handlers.serve(args);
    case 'dap':
      // On stdio, stdout is the protocol's: only the --port server prints there (its address).
      return dapCommand(args.port, (line) => write(1, line + '\n'), (line) => write(2, line + '\n'));
  }
}

async function runCommand(args: RunArgs): Promise<number> {
  let program;
  try {
    program = readProgramFile(args.file);
  } catch (error) {
    if (!(error instanceof ProgramFileError)) throw error;
    if (args.json) write(1, JSON.stringify({ type: 'error', kind: 'input', message: error.message }) + '\n');
    write(2, `loopscope: ${error.message}\n`);
    return EXIT_USAGE;
  }
  let schedule;
  try {
    schedule = args.schedule === undefined ? undefined : replaySchedule(args.schedule, program.source);
  } catch (error) {
    if (!(error instanceof ScheduleTokenError)) throw error;
    write(2, `loopscope: bad --schedule: ${error.message}\n`);
    return EXIT_USAGE;
  }
  let python: string | undefined;
  if (args.python === 'auto') {
    const [found] = await findInterpreters(dirname(resolve(args.file)));
    if (!found) {
      write(2, 'loopscope: --native found no Python 3.11 or later (a .venv or venv by the program, $VIRTUAL_ENV, python3 on PATH): name one with --python PATH\n');
      return EXIT_USAGE;
    }
    python = found.executable;
  } else python = args.python;
  const native = python !== undefined ? new NativeSession() : undefined;
  const session: RunEngine = native ?? new EngineSession({ prewarm: false });
  const stopStdin = native ? forwardStdin(native) : undefined;
  const print = args.json ? printJson : printPlain;
  const dispose = session.onEvent(print);
  const recorded: EngineEvent[] = [];
  const disposeRecorder = args.record ? session.onEvent((event) => recorded.push(event)) : undefined;
  const stopOnSignal = () => void session.stop();
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  // Nobody reads the output any more: the program has no reason to go on.
  whenOutputBreaks(stopOnSignal);
  const target = args.stopAtStep !== undefined
    ? stopAtTarget(session, (paused) => (args.json ? undefined : write(2, describeMoment(paused))))
    : undefined;
  try {
    const options = RunOptions.parse({
      ...program,
      argv: args.programArgs,
      seed: args.seed,
      breakpoints: args.breakpoints,
      breakOn: args.breakOn,
      autoContinue: args.stopAtStep === undefined,
      ...(args.stopAtStep !== undefined ? { replay: { to: { step: args.stopAtStep } } } : {}),
      ...(schedule ? { schedule } : {}),
      // Native mode runs where `python3 FILE.py` would: in this folder.
      ...(python !== undefined ? { python, cwd: process.cwd() } : {}),
    });
    const exit = await session.run(options);
    if (args.record) saveRun(args.record, options, recorded);
    if (outputBroken()) return EXIT_BROKEN_PIPE;
    if (target?.reached()) return 0;
    if (target) write(2, `loopscope: the run ended before step ${args.stopAtStep}\n`);
    return exit.code;
  } finally {
    stopStdin?.();
    target?.dispose();
    disposeRecorder?.();
    whenOutputBreaks(undefined);
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
    dispose();
    await session.dispose();
  }
}

/** A native run reads this process's stdin, as the program would under python3. Returns
 * what stops the forwarding (the run has ended). */
function forwardStdin(session: NativeSession): () => void {
  const data = (chunk: Buffer) => {
    try {
      session.writeStdin(chunk.toString());
    } catch {
      // the run has ended
    }
  };
  const end = () => {
    try {
      session.writeStdin('', true);
    } catch {
      // the run has ended
    }
  };
  process.stdin.on('data', data);
  process.stdin.on('end', end);
  process.stdin.on('error', () => undefined);
  return () => {
    process.stdin.off('data', data);
    process.stdin.off('end', end);
    process.stdin.pause();
    process.stdin.unref?.();
  };
}

/** `--record FILE`: the run as a recording, re-executable where the engine is this one. */
function saveRun(path: string, program: ResolvedRunOptions, events: EngineEvent[]): void {
  const ready = events.find((event) => event.type === 'engine.ready');
  const python = ready?.type === 'engine.ready' ? ready.python : '';
  try {
    // The recording replays the run in the UI: it is not in trace mode there.
    writeRecording(path, { created: new Date().toISOString(), engine: engineIdentity(python), program: { ...program, autoContinue: false }, events });
    write(2, `loopscope: recorded the run in ${path} (open it with: loopscope open ${path})\n`);
  } catch (error) {
    write(2, `loopscope: could not write the recording ${path}: ${(error as Error).message}\n`);
  }
}

function printJson(event: EngineEvent): void {
  write(1, JSON.stringify(event) + '\n');
}

function printPlain(event: EngineEvent): void {
  switch (event.type) {
    case 'output':
      write(event.stream === 'stdout' ? 1 : 2, event.text);
      break;
    case 'error':
      if (event.kind === 'crash' || event.kind === 'limit' || event.kind === 'refused') write(2, `loopscope: ${event.message}\n`);
      break;
    case 'warning':
      // What the embedded engine lacks is the run's failure, not a lint: say what to do.
      if (event.category === 'NativeModeSuggested') write(2, `loopscope: ${event.message}\n`);
      break;
    case 'exit':
      if (event.reason === 'crashed') write(2, `loopscope: the run ended because the engine crashed (exit status ${EXIT_CRASHED})\n`);
      break;
    default:
      break;
  }
}
