// Command line of `loopscope`. Loopscope's own options may stand before or after FILE;
// every other argument after FILE (and everything after `--`) is the program's.
import { BreakOnEvent, type Breakpoint } from '../protocol/index.js';
import { UsageError, integer } from './usage.js';
import { EXPLORE_USAGE, parseExplore, type ExploreArgs } from './explore-args.js';

export interface RunArgs {
  command: 'run';
  file: string;
  programArgs: string[];
  json: boolean;
  seed: number;
  breakpoints: Breakpoint[];
  breakOn: BreakOnEvent[];
  /** Run to this step, show the program there, and end (time travel from the command line). */
  stopAtStep?: number;
  /** Save the run as a recording (.loopscope) here. */
  record?: string;
  /** A replay token (loopscope explore prints them). */
  schedule?: string;
  /** Native mode: run in this Python interpreter; 'auto' (--native): the project's virtualenv
   * or python3 on PATH. */
  python?: string;
}

export interface ServeArgs {
  command: 'serve';
  file: string | undefined;
  /** `loopscope open FILE.loopscope`: serve the UI with this recording opened. */
  recording?: string;
  port: number;
  open: boolean;
}

export interface DapArgs {
  command: 'dap';
  /** Listen on 127.0.0.1 at this port (0: any free port) instead of speaking on stdio. */
  port: number | undefined;
}

export type Args = RunArgs | ServeArgs | DapArgs | ExploreArgs | { command: 'help' } | { command: 'version' };


/** Words of `text` on lines of up to `width` columns, every line after the first indented by `indent`. */
function wrap(text: string, indent: number, width: number): string {
  const lines = [''];
  for (const word of text.split(' ')) {
    const line = lines.at(-1)!;
    if (line && indent + line.length + 1 + word.length > width) lines.push(word);
    else lines[lines.length - 1] = line ? `${line} ${word}` : word;
  }
  return lines.join(`\n${' '.repeat(indent)}`);
}

export const USAGE = `Usage:
  loopscope run [options] FILE.py [args...]   run a program headless, as python3 would
  loopscope serve [FILE.py] [--port N] [--no-open]
                                              serve the debugger UI to a browser
  loopscope open FILE.loopscope [--port N] [--no-open]
                                              serve the UI with a recorded run opened
  loopscope dap [--port N]                    the Debug Adapter Protocol, on stdio or on
                                              127.0.0.1:N (for VS Code, nvim-dap, ...)
  loopscope explore [options] FILE.py         run it under many schedules, report failures
  loopscope explore --merge REPORT.json...    join the JSON reports of shards
  loopscope --help | --version

Options of run:
  --json                 print the event stream as JSON Lines on stdout
  --seed N               seed of the program's \`random\` (default 0)
  --break FILE:LINE[:CONDITION]
                         stop at a line (repeatable); with --json each stop is a
                         "paused" event and the run goes on
  --break-on EVENT[,EVENT...]
                         stop on these scheduler events too (the default is deadlock
                         ${wrap(`alone): ${BreakOnEvent.options.join(', ')}`, 25, 88)}
  --break-on none        no stop on any scheduler event, deadlock's included; a deadlock
                         still ends the run with its report and status 113
  --stop-at-step N       run to step N (the N-th task step; every stop on the way muted),
                         show each task there (with --json: the paused event), and end
  --schedule TOKEN       run the callbacks in the order a replay token records
                         (loopscope explore prints them for the failures it finds)
  --record FILE          save the run as a recording (open it with loopscope open FILE)
  --python PATH          native mode: run in this Python (3.11+), with real time, real
                         I/O (sockets, servers, C extensions) and your user's rights
  --native               native mode in the project's .venv/venv, $VIRTUAL_ENV or
                         python3 on PATH (time travel, --schedule, --stop-at-step and
                         --record need the embedded engine)
  --                     the rest are the program's arguments

${EXPLORE_USAGE}

Exit status of run: the program's (1 for an uncaught exception, 130 for an uncaught
KeyboardInterrupt, n for sys.exit(n)); 113 for a deadlock (a report on stderr);
124 when a schedule's limit of steps or virtual time ended the run; 130 when stopped (Ctrl+C);
141 when the reader of the output went away (loopscope run prog.py | head); 70 if the engine
crashed or ended a run that reached its bridge to JavaScript; 2 for a usage error, a file that
cannot be read or a --schedule token that does not fit the program.`;

export { UsageError };

export function parseBreakpoint(spec: string): Breakpoint {
  const match = /^(.+?):(\d+)(?::(.*))?$/.exec(spec);
  if (!match) throw new UsageError(`--break needs FILE:LINE[:CONDITION], got ${spec}`);
  const [, file, line, condition] = match;
  return { file: file!, line: Number(line), ...(condition ? { condition } : {}) };
}

function parseBreakOn(spec: string): BreakOnEvent[] {
  return spec.split(',').map((name) => {
    const parsed = BreakOnEvent.safeParse(name.trim());
    if (!parsed.success) throw new UsageError(`unknown --break-on event: ${name} (one of ${BreakOnEvent.options.join(', ')})`);
    return parsed.data;
  });
}

export function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') return { command: 'help' };
  if (command === '--version' || command === '-V') return { command: 'version' };
  if (command === 'run') return parseRun(rest);
  if (command === 'serve') return parseServe(rest);
  if (command === 'open') {
    const served = parseServe(rest);
    if (served.file === undefined) throw new UsageError('open needs a FILE.loopscope (a recording: loopscope run --record FILE)');
    return { ...served, file: undefined, recording: served.file };
  }
  if (command === 'dap') return parseDap(rest);
  if (command === 'explore') return parseExplore(rest);
  throw new UsageError(`unknown command: ${command}`);
}

function parseRun(argv: string[]): RunArgs {
  const args: RunArgs = { command: 'run', file: '', programArgs: [], json: false, seed: 0, breakpoints: [], breakOn: ['deadlock'] };
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      if (file === undefined) file = argv[++i];
      args.programArgs.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--json') args.json = true;
    else if (arg === '--seed') args.seed = integer('--seed', argv[++i]);
    else if (arg === '--break') args.breakpoints.push(parseBreakpoint(argv[++i] ?? ''));
    else if (arg === '--schedule') {
      args.schedule = argv[++i];
      if (!args.schedule) throw new UsageError('--schedule needs a token');
    }
    else if (arg === '--break-on') {
      const spec = argv[++i] ?? '';
      args.breakOn = spec === 'none' ? [] : [...new Set([...args.breakOn, ...parseBreakOn(spec)])];
    } else if (arg === '--record') {
      const target = argv[++i];
      if (!target) throw new UsageError('--record needs a FILE to write the recording to');
      args.record = target;
    } else if (arg === '--stop-at-step') {
      const step = integer('--stop-at-step', argv[++i]);
      if (step < 1) throw new UsageError(`--stop-at-step needs a step from 1, got ${step}`);
      args.stopAtStep = step;
    } else if (arg === '--python') {
      const python = argv[++i];
      if (!python) throw new UsageError('--python needs the path of a Python interpreter');
      args.python = python;
    } else if (arg === '--native') args.python ??= 'auto';
    else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else if (arg.startsWith('--') && file === undefined) throw new UsageError(`unknown option: ${arg}`);
    else if (file === undefined) file = arg;
    else args.programArgs.push(arg);
  }
  if (file === undefined) throw new UsageError('run needs a FILE.py');
  if (args.python !== undefined) {
    const embeddedOnly = [['--schedule', args.schedule], ['--stop-at-step', args.stopAtStep], ['--record', args.record]] as const;
    for (const [option, value] of embeddedOnly) {
      if (value !== undefined) throw new UsageError(`${option} needs the embedded engine: it cannot be used with --python or --native`);
    }
  }
  args.file = file;
  return args;
}

function parseServe(argv: string[]): ServeArgs {
  const args: ServeArgs = { command: 'serve', file: undefined, port: 0, open: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--port') args.port = integer('--port', argv[++i]);
    else if (arg === '--no-open') args.open = false;
    else if (arg.startsWith('--')) throw new UsageError(`unknown option: ${arg}`);
    else if (args.file === undefined) args.file = arg;
    else throw new UsageError(`unexpected argument: ${arg}`);
  }
  return args;
}

function parseDap(argv: string[]): DapArgs {
  const args: DapArgs = { command: 'dap', port: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--port') {
      const port = integer('--port', argv[++i]);
      if (port < 0 || port > 65535) throw new UsageError(`--port needs a port number (0 to 65535), got ${port}`);
      args.port = port;
    } else throw new UsageError(`${arg.startsWith('--') ? 'unknown option' : 'unexpected argument'} of dap: ${arg}`);
  }
  return args;
}
