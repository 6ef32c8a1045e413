// Native mode's overhead (BENCH_ONLY=native): cases (a)-(d) in one Python, run plainly, under
// Loopscope's native mode and under debugpy, each with one armed breakpoint that never hits.
// The figure is the program's own (asyncio.run's wall time, printed as BENCH): start-up of
// either debugger is not in it. debugpy comes from the Python that has it (pip install
// debugpy, or Debian's python3-debugpy for /usr/bin/python3); the bench tries pip once and
// says so when there is none.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import { NativeSession } from '../core/session/native-session.js';
import { collectRun } from '../core/session/collect.js';
import { median, ms, PYTHON } from './measure.js';

const PROGRAMS = join(import.meta.dirname, '..', 'bench', 'programs');
const CASES: Array<[string, string]> = [
  ['(a) 1000 tasks x 100 sleep(0)', 'switch.py'],
  ['(b) 100k tasks blocked on Events', 'events.py'],
  ['(c) 100 tasks x 1000 Lock', 'lock.py'],
  ['(d) Queue producer/consumer 100k', 'queue.py'],
];

const benchFigure = (stdout: string) => Number(/BENCH (\d+\.\d+)/.exec(stdout)?.[1] ?? NaN);
const neverLine = (file: string) => readFileSync(file, 'utf8').split('\n').findIndex((line) => line.includes('BREAK-NEVER')) + 1;

function hasDebugpy(python: string): string | undefined {
  const result = spawnSync(python, ['-c', 'import debugpy; print(debugpy.__version__)'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** A Python with debugpy: python3 on PATH (after `pip install debugpy`, tried once) or Debian's. */
function findDebugpy(): { python: string; version: string } | { missing: string } {
  for (const python of [PYTHON, '/usr/bin/python3']) {
    const version = hasDebugpy(python);
    if (version) return { python, version };
  }
  const pip = spawnSync(PYTHON, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', 'debugpy'], { encoding: 'utf8', timeout: 120_000 });
  const version = hasDebugpy(PYTHON);
  if (version) return { python: PYTHON, version };
  const why = (pip.stderr || pip.error?.message || '').trim().split('\n').at(-1) ?? '';
  return { missing: `pip install debugpy failed (${why.slice(0, 120)}); apt-get install python3-debugpy gives it to /usr/bin/python3` };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A connection to debugpy's adapter, once it listens on `port` (it takes one client: no probing). */
async function connectTo(port: number): Promise<Socket> {
  for (let tries = 0; tries < 400; tries++) {
    const socket = await new Promise<Socket | undefined>((resolve) => {
      const attempt = connect(port, '127.0.0.1', () => resolve(attempt));
      attempt.once('error', () => resolve(undefined));
    });
    if (socket) return socket;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`debugpy did not listen on port ${port}`);
}

/** One run under debugpy, driven as VS Code does: attach, one breakpoint, configurationDone. */
async function underDebugpy(python: string, file: string): Promise<number> {
  const port = await freePort();
  const child = spawn(python, ['-m', 'debugpy', '--listen', `127.0.0.1:${port}`, '--wait-for-client', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const socket = await connectTo(port);
  socket.on('error', () => undefined);
  const client = new DebugClient('unused', 'unused', 'python');
  // DebugClient.start(port) would connect once, and throw on a refused connection from an
  // event handler: the socket it speaks over is given instead (ProtocolClient.connect).
  (client as unknown as { connect(readable: Socket, writable: Socket): void }).connect(socket, socket);
  await client.initializeRequest({ adapterID: 'python', clientID: 'loopscope-bench', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true });
  const attached = client.attachRequest({ justMyCode: true } as never);
  await client.waitForEvent('initialized');
  await client.setBreakpointsRequest({ source: { path: file }, breakpoints: [{ line: neverLine(file) }] });
  await client.configurationDoneRequest();
  await attached;
  await exited;
  socket.destroy();
  return benchFigure(stdout);
}

function plain(python: string, file: string): number {
  return benchFigure(spawnSync(python, [file], { encoding: 'utf8', env: { ...process.env, PYTHONHASHSEED: '0' } }).stdout);
}

async function underNative(session: NativeSession, python: string, file: string): Promise<number> {
  const run = await collectRun(session, {
    filename: file, source: readFileSync(file, 'utf8'), python, cwd: PROGRAMS, breakpoints: [{ file, line: neverLine(file) }],
  });
  return benchFigure(run.stdout);
}

export async function benchNative(rounds: number): Promise<void> {
  const debugpy = findDebugpy();
  const python = 'python' in debugpy ? debugpy.python : PYTHON;
  const version = spawnSync(python, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`\nNative mode in ${python} (${version}), one armed breakpoint that never hits (median of ${rounds}; asyncio.run's own time)`);
  if ('missing' in debugpy) console.log(`debugpy: not measured: ${debugpy.missing}`);
  else console.log(`debugpy ${debugpy.version} (${debugpy.python}), attached as VS Code does`);
  console.log('case                              python3      native     debugpy   native/py3  debugpy/py3');
  const session = new NativeSession();
  try {
    for (const [label, name] of CASES) {
      const file = join(PROGRAMS, name);
      const figures: number[][] = [[], [], []];
      for (let i = 0; i < rounds; i++) {
        figures[0]!.push(plain(python, file));
        figures[1]!.push(await underNative(session, python, file));
        if ('python' in debugpy) figures[2]!.push(await underDebugpy(debugpy.python, file));
      }
      const [p, n, d] = figures.map((values) => (values.length ? median(values) : NaN)) as [number, number, number];
      const ratio = (x: number) => (Number.isNaN(x) ? '        n/a' : `${(x / p).toFixed(2).padStart(10)}x`);
      console.log(`${label.padEnd(32)} ${ms(p)}  ${ms(n)}  ${Number.isNaN(d) ? '       n/a' : ms(d)}  ${ratio(n)}  ${ratio(d)}`);
    }
  } finally {
    await session.dispose();
  }
}
