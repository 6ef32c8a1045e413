// `loopscope serve [FILE.py] [--port N] [--no-open]`: run the browser shell until Ctrl+C.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServeArgs } from '../../core/cli/args.js';
import { write } from '../../core/cli/output.js';
import { ProgramFileError } from '../../core/session/program-file.js';
import { RecordingError } from '../../core/session/recording-file.js';
import { startBrowserShell, type BrowserShell } from './server.js';

export { startBrowserShell } from './server.js';

export const EXIT_OK = 0;
export const EXIT_USAGE = 2;

export interface ServeIo {
  out(line: string): void;
  err(line: string): void;
  /** Open `url` in the user's browser; resolves with why it could not, or undefined. */
  openBrowser(url: string): Promise<string | undefined>;
  /** Resolves when the user asks the server to end (SIGINT, SIGTERM). */
  untilStopped(): Promise<void>;
}

const processIo: ServeIo = {
  // A server outlives the reader of what it prints (`loopscope serve | head -1`).
  out: (line) => write(1, `${line}\n`),
  err: (line) => write(2, `${line}\n`),
  openBrowser,
  untilStopped: () => new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }),
};

export async function serveCommand(args: ServeArgs, io: ServeIo = processIo): Promise<number> {
  let shell: BrowserShell;
  try {
    shell = await startBrowserShell({ port: args.port, ...(args.file ? { file: args.file } : {}), ...(args.recording ? { recording: args.recording } : {}) });
  } catch (error) {
    io.err(`loopscope: ${describeStartError(error, args.port)}`);
    return EXIT_USAGE;
  }
  io.out(`Loopscope is serving at ${shell.url}`);
  io.out('Press Ctrl+C to stop.');
  if (args.open) {
    const failed = await io.openBrowser(shell.url);
    if (failed) io.err(`loopscope: could not open a browser (${failed}); open the address above yourself.`);
  }
  await io.untilStopped();
  await shell.close();
  return EXIT_OK;
}

function describeStartError(error: unknown, port: number): string {
  if (error instanceof ProgramFileError || error instanceof RecordingError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return `port ${port} is in use: choose another with --port N, or --port 0 for any free port`;
  if (code === 'EACCES') return `port ${port} may not be used by this user: choose one above 1023`;
  return error instanceof Error ? error.message : String(error);
}

/** The command that opens a URL or file with the desktop's default application. */
function opener(target: string): [string, string[]] {
  if (process.platform === 'darwin') return ['open', [target]];
  if (process.platform === 'win32') return ['cmd', ['/c', 'start', '""', target]];
  return ['xdg-open', [target]];
}

/** Opens the page through a private file that redirects to it, as Jupyter does: a URL given on
 * a command line can be read by every user of the machine (ps, /proc), and the browser would
 * keep it in its own command line for as long as it runs. The file is readable by us alone. */
export async function openBrowser(url: string): Promise<string | undefined> {
  const dir = mkdtempSync(join(tmpdir(), 'loopscope-open-'));
  const page = join(dir, 'open-loopscope.html');
  const escaped = url.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  writeFileSync(page, `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${escaped}"><title>Loopscope</title><a href="${escaped}">Open Loopscope</a>\n`);
  chmodSync(page, 0o600);
  // The browser reads the file after the opener has exited: leave it a while, then clean up.
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  setTimeout(cleanUp, 60_000).unref();
  process.once('exit', cleanUp);
  const [command, args] = opener(page);
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(command, args, { stdio: 'ignore', detached: true });
    } catch (error) {
      resolve(`${command}: ${(error as Error).message}`);
      return;
    }
    child.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ENOENT' ? `${command} is not installed` : `${command}: ${error.message}`));
    child.once('exit', (code) => resolve(code === 0 ? undefined : `${command} exited with status ${code}`));
    child.unref();
  });
}
