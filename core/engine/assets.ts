// Where the engine's files are: the bundled engine process script, the Python agent and
// Pyodide. They sit beside the bundle in dist/ (and in a packaged app's resources); from source
// (tests), the project root's dist/ holds them.
//
// In a packaged app the bundles are inside resources/app.asar, but the engine process is plain
// Node (it cannot read an asar archive, and its permissions name real paths) and Pyodide reads
// its files with plain fs: electron-builder's asarUnpack puts those files in
// resources/app.asar.unpacked/, and that is where we look.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export interface EngineAssets {
  /** The engine process's script (engine-main.ts, bundled). */
  engineFile: string;
  agentDir: string;
  /** Pyodide's package folder. */
  pyodideDir: string;
}

const ENGINE = 'engine.mjs';

/** The same path with an `app.asar` component read as `app.asar.unpacked`. */
export function unpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar(?=[\\/]|$)/, '$1app.asar.unpacked');
}

/** The `pyodide` package as this module resolves it (a checkout whose dist/ is elsewhere). */
function installedPyodide(): string {
  return dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
}

export function findEngineAssets(from: string = dirname(fileURLToPath(import.meta.url))): EngineAssets {
  const start = unpackedPath(resolve(from));
  for (let dir = start; ; dir = dirname(dir)) {
    for (const dist of [dir, join(dir, 'dist')]) {
      const engineFile = join(dist, ENGINE);
      const agentDir = join(dist, 'python');
      if (existsSync(engineFile) && existsSync(agentDir)) {
        const beside = join(dirname(dist), 'node_modules', 'pyodide');
        // By its real path: the engine's module loader resolves symbolic links (a node_modules
        // shared between checkouts) and may read only what its permissions name.
        return { engineFile, agentDir, pyodideDir: realpathSync(existsSync(beside) ? beside : installedPyodide()) };
      }
    }
    if (dirname(dir) === dir) break;
  }
  throw new Error(`Loopscope's engine is not built: ${ENGINE} not found above ${from}. Run \`npm run build\`.`);
}
