// Where the engine's files are: the bundled worker script, the Python agent and Pyodide. They
// sit beside the bundle in dist/ (and in a packaged app's resources); from source (tests), the
// project root's dist/ holds the worker and core/engine/python the agent.
//
// In a packaged app the bundles are inside resources/app.asar, but a worker thread cannot load
// a script from an asar archive and Pyodide reads its files with plain fs: electron-builder's
// asarUnpack puts those files in resources/app.asar.unpacked/, and that is where we look.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface EngineAssets {
  workerFile: string;
  agentDir: string;
  pyodideDir?: string;
}

const WORKER = 'engine-worker.js';

/** The same path with an `app.asar` component read as `app.asar.unpacked`. */
export function unpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar(?=[\\/]|$)/, '$1app.asar.unpacked');
}

export function findEngineAssets(from: string = dirname(fileURLToPath(import.meta.url))): EngineAssets {
  const start = unpackedPath(resolve(from));
  for (let dir = start; ; dir = dirname(dir)) {
    for (const dist of [dir, join(dir, 'dist')]) {
      const workerFile = join(dist, WORKER);
      const agentDir = join(dist, 'python');
      if (existsSync(workerFile) && existsSync(agentDir)) {
        const pyodideDir = join(dirname(dist), 'node_modules', 'pyodide');
        return { workerFile, agentDir, ...(existsSync(pyodideDir) ? { pyodideDir } : {}) };
      }
    }
    if (dirname(dir) === dir) break;
  }
  throw new Error(`Loopscope's engine is not built: ${WORKER} not found above ${from}. Run \`npm run build\`.`);
}
