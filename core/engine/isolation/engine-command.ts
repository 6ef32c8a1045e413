// How the host starts an engine process: the same Node (or Electron run as Node) as the host,
// under Node's permission model, reading only the engine's own files, with an empty
// environment and its working directory in the engine's folder. Nothing of the host's
// environment, files or rights is handed down (docs/ARCHITECTURE.md, "Isolation").
import { dirname, resolve, sep } from 'node:path';
import process from 'node:process';
import type { EngineAssets } from '../assets.js';

export interface EngineCommand {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
}

/** Node 22.13 and later call it --permission; Node 20 only knows the experimental flag. */
function permissionFlag(): string {
  return process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
}

/** The paths, without those that another one already covers (Node 20 aborts on a path
 * granted after a path inside it). */
function outermost(paths: string[]): string[] {
  const resolved = [...new Set(paths.map((path) => resolve(path)))];
  return resolved.filter((path) => !resolved.some((other) => other !== path && path.startsWith(other + sep)));
}

/** @param readable files and folders the engine reads besides its own (a cached snapshot). */
export function engineCommand(assets: EngineAssets, readable: string[] = []): EngineCommand {
  const reads = outermost([assets.engineFile, assets.agentDir, assets.pyodideDir, ...readable]);
  return {
    command: process.execPath,
    args: [
      permissionFlag(),
      ...reads.map((path) => `--allow-fs-read=${path}`),
      // eval and new Function: a program that reached JavaScript could not compile more of it.
      '--disallow-code-generation-from-strings',
      // The permission model's "experimental" notice would be the first line of every crash report.
      '--no-warnings',
      assets.engineFile,
    ],
    env: {
      // Electron's binary is Node only when told so.
      ...(process.versions.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {}),
      // Windows cannot start its crypto (random numbers for Python) without it.
      ...(process.platform === 'win32' && process.env.SystemRoot ? { SystemRoot: process.env.SystemRoot } : {}),
    },
    cwd: dirname(assets.engineFile),
  };
}
