// `loopscope serve` as a user runs it: the built command, a real process, real signals.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { once } from 'node:events';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'bin/loopscope.js');
const EXAMPLE = resolve(ROOT, 'assets/examples/hello_tasks.py');
const built = existsSync(resolve(ROOT, 'dist/serve.js')) && existsSync(resolve(ROOT, 'dist/cli.js'));

function serve(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, exited, out: () => stdout, err: () => stderr };
}

describe.skipIf(!built)('loopscope serve', () => {
  it('prints its address with a token, serves it, and ends cleanly on Ctrl+C', async () => {
    const run = serve([EXAMPLE, '--port', '0', '--no-open']);
    await expect.poll(() => run.out(), { timeout: 20_000 }).toMatch(/\n/);
    const [first] = run.out().split('\n');
    expect(first).toMatch(/^Loopscope is serving at http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    const url = first!.slice('Loopscope is serving at '.length);
    expect([200, 503]).toContain((await fetch(url)).status);
    expect((await fetch(url.split('?')[0]!)).status).toBe(403);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.err()).toBe('');
  });

  it('refuses a file it cannot open, and a port in use, with a clear message and status 2', async () => {
    const missing = serve([resolve(ROOT, 'no-such-program.py'), '--no-open']);
    expect(await missing.exited).toBe(2);
    expect(missing.err()).toBe(`loopscope: ${resolve(ROOT, 'no-such-program.py')}: no such file\n`);

    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const port = (blocker.address() as { port: number }).port;
    const busy = serve(['--port', String(port), '--no-open']);
    expect(await busy.exited).toBe(2);
    expect(busy.err()).toMatch(new RegExp(`^loopscope: port ${port} is in use`));
    blocker.close();
  });

  it('keeps serving when the reader of what it prints goes (serve | head -1)', async () => {
    const finder = createServer();
    await new Promise<void>((done) => finder.listen(0, '127.0.0.1', done));
    const port = (finder.address() as { port: number }).port;
    await new Promise((done) => finder.close(done));
    const run = serve([EXAMPLE, '--port', String(port), '--no-open']);
    run.child.stdout.destroy();
    await expect.poll(async () => (await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined))?.status, { timeout: 20_000 }).toBe(403);
    expect(run.child.exitCode).toBeNull();
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.err()).toBe('');
  });

  it('is explained by --help', async () => {
    const child = spawn(process.execPath, [BIN, '--help'], { cwd: ROOT });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await once(child, 'exit');
    expect(out).toContain('loopscope serve [FILE.py] [--port N] [--no-open]');
  });
});
