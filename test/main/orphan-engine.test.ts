// An engine process does not outlive its host: the built CLI, killed without a word (SIGKILL)
// while its program spins in virtual time, leaves no engine process running.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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

describe.skipIf(!built || !proc)(`an engine whose host is killed${!built ? ' (skipped: run npm run build first)' : !proc ? ' (skipped: needs /proc)' : ''}`, () => {
  it('ends too, though its program never reads a command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loopscope-orphan-'));
    const file = join(dir, 'spin.py');
    writeFileSync(file, 'import asyncio\nasync def main():\n    print("spinning", flush=True)\n    while True:\n        await asyncio.sleep(1)\nasyncio.run(main())\n');
    const host = spawn(process.execPath, [BIN, 'run', file], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    host.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await expect.poll(() => out, { timeout: 30_000 }).toContain('spinning');
    const engines = childrenOf(host.pid!);
    expect(engines.length).toBeGreaterThan(0);
    host.kill('SIGKILL');
    await expect.poll(() => engines.filter(alive), { timeout: 20_000, interval: 200 }).toEqual([]);
  }, 60_000);
});
