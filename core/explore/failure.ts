// What went wrong in one run, if anything, and what makes two failures the same one (its
// signature): the kind, and the places in the program it points at, not the words of a
// message (which may hold values that differ from run to run).
import type { FailureKind } from '../protocol/explore.js';
import type { RunOutcome } from './pool.js';

export interface Failure {
  kind: FailureKind;
  signature: string;
  message: string;
  file: string | null;
  line: number | null;
}

/** Exit status of a run that went past its schedule's limit (schedule.py). */
export const EXIT_LIMIT = 124;
export const EXIT_DEADLOCK = 113;

const at = (file: string | null | undefined, line: number | null | undefined) => (file ? `@${file}:${line ?? '?'}` : '');

/** The failure of a run, or undefined. `expectedStdout` is the default order's output, when
 * the output oracle is on. */
export function classify(outcome: RunOutcome, expectedStdout?: string): Failure | undefined {
  const { exit, report, stderr } = outcome;
  if (outcome.timedOut) {
    return { kind: 'timeout', signature: 'timeout:real', message: 'the run went past its real-time limit', file: null, line: null };
  }
  if (report?.limit) {
    const message = lastLine(stderr).replace(/^Loopscope: /, '') || `the run went past its limit of ${report.limit}`;
    return { kind: 'timeout', signature: `timeout:${report.limit}`, message, file: null, line: null };
  }
  if (exit.code === EXIT_DEADLOCK) return deadlock(stderr);
  const uncaught = report?.uncaught;
  if (uncaught) {
    const leaves = uncaught.leaves ?? [uncaught.type];
    const kind: FailureKind = leaves.every((type) => type === 'AssertionError') ? 'assertion' : 'exception';
    const type = uncaught.leaves ? `${uncaught.type}[${uncaught.leaves.join(',')}]` : uncaught.type;
    return { kind, signature: `${kind}:${type}${at(uncaught.file, uncaught.line)}`, message: uncaught.message, file: uncaught.file ?? null, line: uncaught.line ?? null };
  }
  if (exit.code !== 0) {
    const said = outcome.errors.at(-1)?.message ?? lastLine(stderr);
    const message = `the program exited with status ${exit.code}${said ? `: ${said}` : ''}`;
    return { kind: 'exit', signature: `exit:${exit.code}`, message, file: null, line: null };
  }
  // After the exit status: a task that ended the program (sys.exit in a task) leaves its
  // SystemExit unretrieved too, and that is not a second failure.
  const lost = outcome.warnings.find((warning) => warning.category === 'NeverRetrieved');
  if (lost) {
    // "Task exception was never retrieved: ValueError: ..." at the task's creation.
    const type = /retrieved: (\w+)/.exec(lost.message)?.[1] ?? 'Exception';
    const kind: FailureKind = type === 'AssertionError' ? 'assertion' : 'exception';
    return { kind, signature: `${kind}:${type}:never-retrieved${at(lost.file, lost.line)}`, message: lost.message, file: lost.file, line: lost.line };
  }
  if (expectedStdout !== undefined && outcome.stdout !== expectedStdout) return outputDiffers(outcome.stdout, expectedStdout);
  return undefined;
}

function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1)?.trim() ?? '';
}

/** The deadlock report (debugger.py) names the cycle, then each task with the line it waits at. */
function deadlock(stderr: string): Failure {
  const lines = stderr.split('\n');
  const start = lines.findIndex((line) => line.startsWith('Loopscope: deadlock'));
  const cycle = start >= 0 ? (lines[start + 1] ?? '').trim() : '';
  const sites = [...new Set(lines.slice(start + 1).flatMap((line) => {
    const match = / at (.+):(\d+)$/.exec(line);
    return match ? [`${match[1]}:${match[2]}`] : [];
  }))].sort();
  const [file, line] = sites[0]?.split(/:(?=\d+$)/) ?? [];
  return {
    kind: 'deadlock',
    signature: `deadlock@${sites.join(',')}`,
    message: cycle || 'every task is blocked',
    file: file ?? null,
    line: line ? Number(line) : null,
  };
}

function outputDiffers(actual: string, expected: string): Failure {
  const got = actual.split('\n');
  const want = expected.split('\n');
  let i = 0;
  while (i < got.length && i < want.length && got[i] === want[i]) i++;
  const shown = (text: string | undefined) => (text === undefined ? 'nothing' : JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text));
  return {
    kind: 'output',
    signature: `output:line ${i + 1}`,
    message: `output line ${i + 1} is ${shown(got[i])} where the default order prints ${shown(want[i])}`,
    file: null,
    line: null,
  };
}
