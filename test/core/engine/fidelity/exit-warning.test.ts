// A coroutine that is never awaited and only collected at interpreter exit is reported from no
// frame. CPython names that place "sys:1" up to 3.12 and "<sys>:0" from 3.13: the engine must
// print what its own CPython (Pyodide's 3.14) prints for a warning raised with no frame.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPyodide } from 'pyodide';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findEngineAssets } from '../../../../core/engine/assets.js';
import { collectRun } from '../../../../core/session/collect.js';
import { EngineSession } from '../../../../core/session/engine-session.js';

let session: EngineSession;
beforeAll(() => {
  session = new EngineSession();
});
afterAll(() => session.dispose());

/** What Pyodide's CPython prints for a RuntimeWarning raised with no Python frame at all. */
async function frameless(message: string): Promise<string> {
  const assets = findEngineAssets();
  const py = await loadPyodide(assets.pyodideDir ? { indexURL: assets.pyodideDir } : {});
  let printed = '';
  py.setStderr({ batched: (text: string) => (printed += `${text}\n`) });
  // Called from JavaScript: there is no Python frame on the stack.
  py.pyimport('warnings').warn(message, py.runPython('RuntimeWarning'), 1);
  return printed.trim();
}

it('names the place of a warning at exit as the engine\'s CPython does', async () => {
  const file = join(import.meta.dirname, '..', '..', '..', 'corpus', 'programs', 'exit_teardown.py');
  const result = await collectRun(session, { filename: file, source: readFileSync(file, 'utf8'), argv: [] });
  const lastLine = result.stderr.trim().split('\n').at(-1);
  const message = "coroutine 'boom' was never awaited";
  expect(lastLine).toBe(await frameless(message));
  expect(lastLine).toBe(`<sys>:0: RuntimeWarning: ${message}`);
});
