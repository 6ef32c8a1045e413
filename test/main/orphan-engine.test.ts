// Nothing of a run outlives its host: the built CLI, killed without a word (SIGKILL) while its
// engine loads or its program spins, leaves no engine process and no native program running.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { local, skipNote } from '../core/native/python.js';

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

function spinningProgram(): string {
  const dir = mkdtempSync(join(tmpdir(), 'loopscope-orphan-'));
  const file = join(dir, 'spin.py');
  writeFileSync(file, 'import asyncio\nasync def main():\n    print("spinning", flush=True)\n    while True:\n        await asyncio.sleep(1)\nasyncio.run(main())\n');
  return file;
}

function startHost(file: string, flags: string[] = []) {
  const host = spawn(process.execPath, [BIN, 'run', ...flags, file], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  host.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return { host, output: () => out };
}

describe.skipIf(!built || !proc)(`an engine whose host is killed${!built ? ' (skipped: run npm run build first)' : !proc ? ' (skipped: needs /proc)' : ''}`, () => {
  it('ends too, though its program never reads a command', async () => {
    const { host, output } = startHost(spinningProgram());
    await expect.poll(output, { timeout: 30_000 }).toContain('spinning');
    const engines = childrenOf(host.pid!);
    expect(engines.length).toBeGreaterThan(0);
    host.kill('SIGKILL');
    await expect.poll(() => engines.filter(alive), { timeout: 20_000, interval: 200 }).toEqual([]);
  }, 60_000);

  // Its first word to the host (ready) then meets a broken pipe, and so does its stderr.
  it('ends too when the host goes while the engine still loads its interpreter', async () => {
    const { host, output } = startHost(spinningProgram());
    await expect.poll(() => childrenOf(host.pid!), { timeout: 30_000, interval: 5 }).not.toEqual([]);
    const engines = childrenOf(host.pid!);
    host.kill('SIGKILL');
    await expect.poll(() => engines.filter(alive), { timeout: 20_000, interval: 200 }).toEqual([]);
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

describe.skipIf(!built || !proc || !local.python)(`a native program whose host is killed${!built ? ' (skipped: run npm run build first)' : !proc ? ' (skipped: needs /proc)' : skipNote}`, () => {
  it('ends too, though it ignores signals and swallows every exception', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loopscope-orphan-'));
    const file = join(dir, 'stubborn.py');
    writeFileSync(file, STUBBORN);
    const { host, output } = startHost(file, ['--python', local.python!]);
    await expect.poll(output, { timeout: 30_000 }).toContain('spinning');
    const pythons = childrenOf(host.pid!);
    expect(pythons.length).toBeGreaterThan(0);
    host.kill('SIGKILL');
    await expect.poll(() => pythons.filter(alive), { timeout: 20_000, interval: 200 }).toEqual([]);
  }, 60_000);
});
