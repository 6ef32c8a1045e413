// Is there an Electron binary that runs here? `require('electron')` is no way to ask: when the
// binary is missing it tries to download it (slow, noisy, and impossible offline). This reads
// what the electron package's install step left behind, then runs the binary once.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The one command that fetches Electron's binary: npm install does not run it (allowScripts in
 * package.json denies electron's install script, so an install never fails for want of it). */
export const FETCH_ELECTRON = 'node node_modules/electron/install.js';

export type ElectronBinary =
  | { ok: true; path: string; version: string }
  | { ok: false; reason: string };

export function findElectronBinary(projectDir: string = process.cwd()): ElectronBinary {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(join(projectDir, 'package.json')).resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the electron package is not installed (npm install)' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!override && !existsSync(pathFile)) {
    return { ok: false, reason: `its download did not happen: ${pathFile} is missing` };
  }
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const binary = override ? join(override, relative) : join(packageDir, 'dist', relative);
  if (!existsSync(binary)) return { ok: false, reason: `${binary} is missing` };
  const probe = spawnSync(binary, ['--version'], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (probe.error) return { ok: false, reason: `${binary} does not run: ${probe.error.message}` };
  if (probe.status !== 0) {
    const said = (probe.stderr || probe.stdout).trim().split('\n')[0] ?? '';
    return { ok: false, reason: `${binary} --version failed (status ${probe.status})${said ? `: ${said}` : ''}` };
  }
  return { ok: true, path: binary, version: probe.stdout.trim() };
}

/** Why no window could be shown here, if that is so (Linux without X11 or Wayland). */
export function displayProblem(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  if (platform !== 'linux' || env.DISPLAY || env.WAYLAND_DISPLAY) return undefined;
  return 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)';
}
