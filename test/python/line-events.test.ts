// LineEvents under the local native python3 (settrace before 3.12, sys.monitoring after): what
// the debugger's callbacks see must be the program's frame, and a coroutine's suspension is no
// return. The engine's Python (3.14) is covered by the debugger tests.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { expect, it } from 'vitest';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'line_events_check.py');
const run = spawnSync('python3', [script], { encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
const missing = run.error ? `python3 cannot be run: ${run.error.message}` : undefined;
if (missing) console.log(`line events (native): skipped: ${missing}`);

it.skipIf(missing)('LineEvents gives its callbacks the program\'s frame and tells a return from a suspension, on the local python3', () => {
  expect(run.stderr).toBe('');
  const result = JSON.parse(run.stdout) as { lines: unknown[]; returns: unknown[]; monitoring: boolean };
  const twice = [['main', 1, []], ['main', 2, ['total']]];
  // Lines of main only (fetch is watched for its return, not its lines), in both runs; fetch's
  // return once (it was unwatched before the second run), never its suspension at sleep(0).
  expect(result.lines).toEqual([...twice, ...twice]);
  expect(result.returns).toEqual([['fetch', 10]]);
});
