// Native mode's process, as the user sees it: Stop ends the program and what it started, also
// when it ignores SIGINT; a crash of the interpreter is an error and the next run works; the
// program's stdin is the user's; a virtualenv's interpreter runs C extensions.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NativeSession } from '../../../core/session/native-session.js';
import { findInterpreters } from '../../../core/engine/native/interpreters.js';
import { useDebugDriver } from '../debugger/driver.js';
import { local, programFile, skipNote } from './python.js';

/** Gone, or a zombie no one has reaped yet (a container's init may never). */
function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

async function eventually(check: () => boolean, ms = 5000): Promise<boolean> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

describe.skipIf(!local.python)(`a native run's process${skipNote}`, () => {
  const driver = useDebugDriver(() => new NativeSession());
  const python = local.python!;
  const run = (file: string, options: Record<string, unknown> = {}) =>
    driver.start(readFileSync(file, 'utf8'), { filename: file, python, ...options });

  it.skipIf(process.platform === 'win32')('Stop ends a program that ignores SIGINT, and the process it started', async () => {
    const file = programFile('stubborn.py', `import asyncio, os, signal
signal.signal(signal.SIGINT, signal.SIG_IGN)
async def main():
    child = await asyncio.create_subprocess_exec("sleep", "300")
    print(os.getpid(), child.pid, flush=True)
    await child.wait()
asyncio.run(main())
`);
    await run(file);
    await driver.waitFor((event): event is typeof event => event.type === 'output' && /^\d+ \d+/.test(event.text));
    const [agent, child] = driver.output().trim().split(' ').map(Number) as [number, number];
    expect(processGone(agent)).toBe(false);
    expect(processGone(child)).toBe(false);
    await driver.session.stop();
    expect((await driver.exit()).code).toBe(130);
    expect(await eventually(() => processGone(agent) && processGone(child))).toBe(true);
  });

  it('reports an interpreter that dies as an error with its last words, and runs again after it', async () => {
    const file = programFile('abort.py', 'import asyncio, os, sys\nasync def main():\n    print("about to abort", file=sys.stderr, flush=True)\n    os.abort()\nasyncio.run(main())\n');
    await run(file);
    expect((await driver.exit()).code).not.toBe(0);
    const error = driver.events.find((event) => event.type === 'error');
    expect(error).toMatchObject({ kind: 'crash', message: expect.stringMatching(/SIGABRT|killed/) });
    expect(driver.output('stderr')).toContain('about to abort');

    const again = programFile('again.py', 'import asyncio\nasync def main():\n    print("fine")\nasyncio.run(main())\n');
    await run(again);
    expect((await driver.exit()).code).toBe(0);
    expect(driver.output()).toBe('fine\n');
  });

  it('says which interpreter cannot be run, without starting anything', async () => {
    const file = programFile('any.py', 'print(1)\n');
    await driver.start('print(1)\n', { filename: file, python: '/nonexistent/python3' });
    expect((await driver.exit()).reason).toBe('crashed');
    expect(driver.events.find((event) => event.type === 'error')).toMatchObject({ kind: 'crash', message: expect.stringContaining('/nonexistent/python3 cannot be run: not found') });
  });

  it('gives the program what the user types, and the end of input', async () => {
    const file = programFile('ask.py', `import asyncio, sys
async def main():
    loop = asyncio.get_running_loop()
    name = await loop.run_in_executor(None, sys.stdin.readline)
    print(f"hello {name.strip()}", flush=True)
    rest = await loop.run_in_executor(None, sys.stdin.read)
    print(f"then {rest.split()}")
asyncio.run(main())
`);
    await run(file);
    const session = driver.session as NativeSession;
    session.writeStdin('ada\n');
    await driver.waitFor((event): event is typeof event => event.type === 'output' && event.text.includes('hello'));
    session.writeStdin('two words', true);
    expect((await driver.exit()).code).toBe(0);
    expect(driver.output()).toBe("hello ada\nthen ['two', 'words']\n");
  });

  it('runs in a project\'s virtualenv, found beside the program, with a C extension', async () => {
    const file = programFile('sums.py', `import asyncio, decimal, sqlite3, sys, _decimal
async def main():
    db = sqlite3.connect(":memory:")
    db.execute("create table t (x)")
    db.executemany("insert into t values (?)", [(i,) for i in range(10)])
    total = await asyncio.to_thread(lambda: sqlite3.connect(":memory:").execute("select 6 * 7").fetchone()[0])
    print(db.execute("select sum(x) from t").fetchone()[0], total, decimal.Decimal(1) / 8)
    print(sys.prefix != sys.base_prefix)
asyncio.run(main())
`);
    const dir = dirname(file);
    execFileSync(python, ['-m', 'venv', '--without-pip', join(dir, '.venv')]);
    const [found] = await findInterpreters(dir);
    expect(found?.source).toBe('project .venv');
    expect(found?.executable.startsWith(join(dir, '.venv'))).toBe(true);
    expect(existsSync(found!.executable)).toBe(true);
    await driver.start(readFileSync(file, 'utf8'), { filename: file, python: found!.executable });
    expect((await driver.exit()).code).toBe(0);
    expect(driver.output()).toBe('45 42 0.125\nTrue\n');
  });
});
