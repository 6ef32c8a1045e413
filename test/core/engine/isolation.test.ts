// A program in the engine cannot reach JavaScript, the host's files, processes or network,
// and what it cannot do fails with a message that says so.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EngineSession } from '../../../core/session/engine-session.js';
import { collectRun } from '../../../core/session/collect.js';

let session: EngineSession;
beforeAll(() => {
  session = new EngineSession();
});
afterAll(() => session.dispose());

const run = (source: string) => collectRun(session, { filename: '/work/escape.py', source });

it('refuses every import of the JavaScript bridge', async () => {
  const result = await run(`
for name in ("js", "pyodide", "pyodide.ffi", "pyodide_js", "_pyodide", "loopscope_host"):
    try:
        __import__(name)
        print(name, "IMPORTED")
    except ImportError as error:
        print(name, "refused:", "cannot reach JavaScript" in str(error))
`);
  expect(result.stdout.split('\n').filter(Boolean)).toEqual([
    'js refused: True', 'pyodide refused: True', 'pyodide.ffi refused: True',
    'pyodide_js refused: True', '_pyodide refused: True', 'loopscope_host refused: True',
  ]);
});

it('leaves no JavaScript object through which a program reaches require, process or fetch', async () => {
  const result = await run(`
import gc, sys
found = []
for obj in gc.get_objects():
    if "JsProxy" in type(obj).__name__ or "JsProxy" in str(type(obj)):
        for attr in ("require", "process", "fetch", "globalThis"):
            try:
                if getattr(obj, attr, None) is not None:
                    found.append(attr)
            except Exception:
                pass
print("reachable:", sorted(set(found)))
print("js finder:", any("pyodide" in type(f).__module__ for f in sys.meta_path))
`);
  expect(result.stdout).toBe('reachable: []\njs finder: False\n');
});

it('cannot read the host machine\'s files', async () => {
  const result = await run(`
import os
for path in ("/etc/passwd", ${JSON.stringify(process.cwd() + '/package.json')}):
    try:
        open(path).read()
        print(path, "READ")
    except OSError as error:
        print(type(error).__name__)
`);
  expect(result.stdout).toBe('FileNotFoundError\nFileNotFoundError\n');
});

it('says that sockets, subprocesses, threads and stdin are not supported here', async () => {
  const result = await run(`
import asyncio, socket, subprocess, threading
async def main():
    for attempt in (lambda: asyncio.open_connection("example.com", 80),
                    lambda: asyncio.create_subprocess_exec("ls"),
                    lambda: asyncio.to_thread(print, "thread")):
        try:
            await attempt()
        except Exception as error:
            print(type(error).__name__, "not supported" in str(error))
asyncio.run(main())
for attempt in (lambda: socket.create_connection(("example.com", 80)), lambda: subprocess.run(["ls"])):
    try:
        attempt()
    except OSError as error:
        print("OSError", "not supported" in str(error) or "does not support" in str(error))
try:
    threading.Thread(target=print).start()
except RuntimeError as error:
    print("RuntimeError", "not supported" in str(error))
try:
    input()
except EOFError:
    print("EOFError")
`);
  expect(result.stdout).toBe(
    'NotSupportedInEngine True\nNotSupportedInEngine True\nNotSupportedInEngine True\nOSError True\nOSError True\nRuntimeError True\nEOFError\n',
  );
  expect(result.events.some((event) => event.type === 'warning' && event.category === 'NoInput')).toBe(true);
  expect(result.exit.code).toBe(0);
});
