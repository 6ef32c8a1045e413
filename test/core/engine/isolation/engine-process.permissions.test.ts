// The engine process's own layer, alone: JavaScript that tries to leave (as a program that got
// past the import gate would run), in a process started exactly as the engine process is
// (engineCommand: Node's permission model, no environment) and hardened as it is
// (hardenEngineProcess). Judged from the host's side: no file, connection, datagram, signal or
// secret got out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { engineCommand } from '../../../../core/engine/isolation/engine-command.js';
import { HostWitness, NOTHING_ESCAPED } from './host-witness.js';

interface Attempt {
  what: string;
  outcome: 'refused' | 'done';
  detail: string;
}

let witness: HostWitness;
let dir: string;
let attempts: Attempt[];
let output: string;

beforeAll(async () => {
  witness = await HostWitness.start();
  dir = mkdtempSync(join(tmpdir(), 'loopscope-probe-'));
  const probe = join(dir, 'probe.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'fixtures', 'escape-probe.ts')],
    // The probe's eval is the point: the engine process must refuse it.
    outfile: probe, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'error',
  });
  const { command, args, env, cwd } = engineCommand({ engineFile: probe, agentDir: dir, pyodideDir: dir });
  const { dir: targetDir, secretFile, tcpPort, udpPort, hostPid } = witness.target;
  const result = spawnSync(command, [...args, JSON.stringify({ dir: targetDir, secretFile, tcpPort, udpPort, hostPid })], { env, cwd, encoding: 'utf8', timeout: 60_000 });
  output = result.stdout + result.stderr;
  attempts = result.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Attempt);
}, 120_000);

afterAll(async () => {
  await witness?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the engine process, if a program ran JavaScript in it', () => {
  it('made every attempt, and none of them got out', () => {
    const written = readFileSync(join(import.meta.dirname, 'fixtures', 'escape-probe.ts'), 'utf8').match(/^await attempt\(/gm)!.length;
    expect(attempts.length, output).toBe(written);
    expect(witness.escapes(output)).toEqual(NOTHING_ESCAPED);
  });

  it('is refused every host file, process, worker, connection, signal and string of code', () => {
    const done = attempts.filter((attempt) => attempt.outcome === 'done' && attempt.what !== 'the environment');
    expect(done, JSON.stringify(done, null, 1)).toEqual([]);
    for (const what of ['read a host file', 'write a host file', 'execSync', 'a worker with no permission flags']) {
      expect(attempts.find((attempt) => attempt.what === what)?.detail).toMatch(/ERR_ACCESS_DENIED/);
    }
  });

  it('has an empty environment', () => {
    expect(attempts.find((attempt) => attempt.what === 'the environment')).toMatchObject({ outcome: 'done', detail: '{}' });
  });
});
