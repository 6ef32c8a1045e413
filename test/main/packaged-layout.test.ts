// The packaged app finds its engine: electron-builder lays out the Linux app (`--dir`, no
// installer) from electron-builder.yml and the built dist/, with a stand-in for Electron's
// binary (which is downloaded, and not needed to lay out resources/), and the engine then runs
// from resources/app.asar.unpacked/ — the engine process reads plain files only, and only its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { findEngineAssets, unpackedPath } from '../../core/engine/assets.js';
import { EngineSession } from '../../core/session/engine-session.js';
import { collectRun } from '../../core/session/collect.js';
import { describeIsolationSuite } from '../core/engine/isolation/isolation-suite.js';

const ROOT = resolve(import.meta.dirname, '../..');
// @electron/asar, as electron-builder itself resolves it: nothing added to the project for it.
const builderRequire = createRequire(createRequire(join(ROOT, 'package.json')).resolve('app-builder-lib/package.json'));
const asar = builderRequire('@electron/asar') as {
  listPackage(archive: string, options: object): string[];
  statFile(archive: string, filename: string): { unpacked?: boolean };
};

const BUILDER = join(ROOT, 'node_modules', '.bin', 'electron-builder');

let temp: string;
let resources: string;

beforeAll(async () => {
  expect(existsSync(join(ROOT, 'dist', 'engine.mjs')), 'run `npm run build` first').toBe(true);
  temp = mkdtempSync(join(tmpdir(), 'loopscope-packaged-'));
  const electronDist = join(temp, 'electron-dist');
  mkdirSync(electronDist);
  writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(electronDist, 'electron'), 0o755);
  await promisify(execFile)(BUILDER, [
    '--dir', '--linux', '--x64', '--publish', 'never',
    `-c.electronDist=${electronDist}`,
    `-c.directories.output=${join(temp, 'release')}`,
  ], { cwd: ROOT, timeout: 240_000, env: { ...process.env, CI: '1' } });
  resources = join(temp, 'release', 'linux-unpacked', 'resources');
}, 300_000);

afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe('the packaged layout', () => {
  it('packs the app into app.asar and unpacks the engine, the agent and Pyodide beside it', () => {
    const archive = join(resources, 'app.asar');
    const packed = asar.listPackage(archive, {});
    expect(packed).toEqual(expect.arrayContaining(['/package.json', '/dist/main/main.mjs', '/dist/renderer/index.html']));
    expect(packed.filter((file) => file.startsWith('/dist/') && file.endsWith('.map'))).toEqual([]);
    expect(asar.statFile(archive, 'dist/main/main.mjs').unpacked).toBeFalsy();
    for (const file of ['dist/engine.mjs', 'dist/python/loopscope_agent/main.py', 'node_modules/pyodide/pyodide.asm.wasm']) {
      expect(asar.statFile(archive, file).unpacked, file).toBe(true);
      expect(existsSync(join(resources, 'app.asar.unpacked', file)), file).toBe(true);
    }
  });

  it("finds the engine's files in app.asar.unpacked from the packaged main's directory", () => {
    const unpacked = join(resources, 'app.asar.unpacked');
    expect(findEngineAssets(join(resources, 'app.asar', 'dist', 'main'))).toEqual({
      engineFile: join(unpacked, 'dist', 'engine.mjs'),
      agentDir: join(unpacked, 'dist', 'python'),
      pyodideDir: join(unpacked, 'node_modules', 'pyodide'),
    });
  });

  it('runs a program in an engine loaded from the packaged layout', async () => {
    const assets = findEngineAssets(join(resources, 'app.asar', 'dist', 'main'));
    // A cold load: Pyodide's .wasm and standard library are read from the layout, not a snapshot.
    const saved = process.env.LOOPSCOPE_NO_SNAPSHOT;
    process.env.LOOPSCOPE_NO_SNAPSHOT = '1';
    const session = new EngineSession({ assets, prewarm: false });
    try {
      const result = await collectRun(session, { filename: '/work/hello.py', source: 'import sys\nprint("hello from", sys.version.split()[0])\n' });
      expect(result.exit).toEqual({ type: 'exit', code: 0 });
      expect(result.stdout).toMatch(/^hello from 3\.\d+\.\d+\n$/);
    } finally {
      await session.dispose();
      if (saved === undefined) delete process.env.LOOPSCOPE_NO_SNAPSHOT;
      else process.env.LOOPSCOPE_NO_SNAPSHOT = saved;
    }
  }, 120_000);
});

// The same hostile programs against the engine as the packaged app lays it out.
describeIsolationSuite('isolation in the packaged layout', async () => {
  const session = new EngineSession({ assets: findEngineAssets(join(resources, 'app.asar', 'dist', 'main')) });
  return {
    async run(filename, source) {
      const result = await collectRun(session, { filename, source });
      const errors = result.events.flatMap((event) => (event.type === 'error' ? [event.message] : []));
      const { code, reason } = result.exit;
      return { stdout: result.stdout, stderr: result.stderr, exit: { code, ...(reason ? { reason } : {}) }, errors };
    },
    dispose: () => session.dispose(),
  };
}, { watched: [] });

describe('unpackedPath', () => {
  it('reads an app.asar component as app.asar.unpacked, and leaves other paths alone', () => {
    expect(unpackedPath('/opt/Loopscope/resources/app.asar/dist/main')).toBe('/opt/Loopscope/resources/app.asar.unpacked/dist/main');
    expect(unpackedPath('/opt/Loopscope/resources/app.asar')).toBe('/opt/Loopscope/resources/app.asar.unpacked');
    expect(unpackedPath('C:\\Loopscope\\resources\\app.asar\\dist')).toBe('C:\\Loopscope\\resources\\app.asar.unpacked\\dist');
    expect(unpackedPath('/opt/Loopscope/resources/app.asar.unpacked/dist')).toBe('/opt/Loopscope/resources/app.asar.unpacked/dist');
    expect(unpackedPath('/home/me/app.asarx/dist')).toBe('/home/me/app.asarx/dist');
  });
});

describe('the icons electron-builder.yml names', () => {
  /** Width and height from a PNG's IHDR chunk. */
  const pngSize = (file: string) => {
    const bytes = readFileSync(join(ROOT, file));
    expect(bytes.subarray(1, 4).toString('latin1'), file).toBe('PNG');
    return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
  };

  it('are rendered from assets/icon.svg at every size (npm run icons)', () => {
    expect(existsSync(join(ROOT, 'assets', 'icon.svg'))).toBe(true);
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) expect(pngSize(`assets/icons/${size}x${size}.png`)).toEqual([size, size]);
    expect(pngSize('assets/icon.png')).toEqual([1024, 1024]);
  });
});
