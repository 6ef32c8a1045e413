// Nothing of a run outlives its host: the built CLI, killed without a word (SIGKILL) while its
// engine loads or its program spins, leaves no engine process and no native program running.
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { local, programFile, skipNote } from '../core/native/python.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'bin/loopscope.js');
const built = existsSync(resolve(ROOT, 'dist/cli.js'));
const proc = existsSync('/proc/self/status');

/** The processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number).filter((child) => {
    try {
      return Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${child}/status`, 'utf8'))?.[1]) === pid;
    } catch {
      return false;
    }
  });
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/State:\s+Z/.test(readFileSync(`/proc/${pid}/status`, 'utf8'));

const spinningProgram = () => programFile('spin.py', 'import asyncio\nasync def main():\n    print("spinning", flush=True)\n    while True:\n        await asyncio.sleep(1)\nasyncio.run(main())\n');

function startHost(file: string, flags: string[] = []) {
  const host = spawn(process.execPath, [BIN, 'run', ...flags, file], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  host.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return { host, output: () => out };
}

/** Kill the host without a word; resolves when its children (engine, or native python3) have
 * all ended. */
async function killHost(host: ChildProcess): Promise<void> {
  const children = childrenOf(host.pid!);
  expect(children.length).toBeGreaterThan(0);
  host.kill('SIGKILL');
  await expect.poll(() => children.filter(alive), { timeout: 20_000, interval: 200 }).toEqual([]);
}

async function killHostOnceSpinning({ host, output }: ReturnType<typeof startHost>): Promise<void> {
  await expect.poll(output, { timeout: 30_000 }).toContain('spinning');
  await killHost(host);
}

const cannot = !built ? ' (skipped: run npm run build first)' : !proc ? ' (skipped: needs /proc)' : '';

describe.skipIf(cannot !== '')(`an engine whose host is killed${cannot}`, () => {
  it('ends too, though its program never reads a command', async () => {
    await killHostOnceSpinning(startHost(spinningProgram()));
  }, 60_000);

  // Its first word to the host (ready) then meets a broken pipe, and so does its stderr.
  it('ends too when the host goes while the engine still loads its interpreter', async () => {
    const { host, output } = startHost(spinningProgram());
    await expect.poll(() => childrenOf(host.pid!), { timeout: 30_000, interval: 5 }).not.toEqual([]);
    await killHost(host);
    expect(output()).not.toContain('spinning');
  }, 60_000);
});

// Native mode: the user's python3 running a program that ignores SIGINT and SIGTERM and
// swallows every exception, so only the agent's own end can stop it.
const STUBBORN = `import asyncio, signal, time
signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.signal(signal.SIGTERM, signal.SIG_IGN)
async def main():
    print("spinning", flush=True)
    while True:
        try:
            time.sleep(0.05)
            await asyncio.sleep(0)
        except BaseException:
            pass
asyncio.run(main())
`;

describe.skipIf(cannot !== '' || !local.python)(`a native program whose host is killed${cannot || skipNote}`, () => {
  it('ends too, though it ignores signals and swallows every exception', async () => {
    await killHostOnceSpinning(startHost(programFile('stubborn.py', STUBBORN), ['--python', local.python!]));
  }, 60_000);
});
