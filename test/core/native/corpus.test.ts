// The corpus in native mode: every program prints the same stdout, the same last line of
// stderr and exits with the same status under Loopscope's native mode as under the same
// python3 run plainly, side by side (the expected/ files are another Python's, so the reference
// is this machine's python3, run now).
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NativeSession } from '../../../core/session/native-session.js';
import { collectRun } from '../../../core/session/collect.js';
import { readProgramFile } from '../../../core/session/program-file.js';
import { local, skipNote } from './python.js';

const PROGRAMS = join(import.meta.dirname, '../../corpus/programs');
const names = readdirSync(PROGRAMS).filter((name) => name.endsWith('.py')).sort();

const lastLine = (stderr: string) => stderr.split('\n').filter((line) => line.trim() !== '').at(-1) ?? '';

function plainPython(file: string): Promise<{ stdout: string; stderrLastLine: string; exitCode: number }> {
  return new Promise((resolve) => {
    execFile(local.python!, [file], { cwd: PROGRAMS, timeout: 60_000 }, (error, stdout, stderr) => {
      // Killed by a signal (Python dies of an uncaught KeyboardInterrupt by SIGINT): 128 + n, as a shell says.
      const signal = error?.signal ? constants.signals[error.signal] : undefined;
      const code = !error ? 0 : signal !== undefined ? 128 + signal : typeof error.code === 'number' ? error.code : 1;
      resolve({ stdout, stderrLastLine: lastLine(stderr), exitCode: code });
    });
  });
}

/** Two programs at a time (each beside its python3 run): most of the corpus sleeps, and a few
 * print what real time gave them, so the machine must not be so busy that it shows. */
const slots = { free: 2, waiting: [] as Array<() => void> };
async function turn(): Promise<() => void> {
  while (slots.free === 0) await new Promise<void>((resolve) => slots.waiting.push(resolve));
  slots.free--;
  return () => {
    slots.free++;
    slots.waiting.shift()?.();
  };
}

describe.skipIf(!local.python)(`the corpus in native mode runs as under plain python3${skipNote}`, () => {
  describe.concurrent.each(names)('%s', (name) => {
    // Real time: a program whose timers fall close together takes the order the machine gives
    // it, under python3 as in native mode; on a busy machine a run is tried again (twice).
    it('prints and exits alike', { timeout: 300_000, retry: 2 }, async () => {
      const file = join(PROGRAMS, name);
      const session = new NativeSession();
      const done = await turn();
      try {
        const [expected, result] = await Promise.all([
          plainPython(file),
          collectRun(session, { ...readProgramFile(file), argv: [], python: local.python!, cwd: PROGRAMS, autoContinue: true }),
        ]);
        expect({ stdout: result.stdout, stderrLastLine: lastLine(result.stderr), exitCode: result.exit.code }).toEqual(expected);
      } finally {
        done();
        await session.dispose();
      }
    });
  });
});
