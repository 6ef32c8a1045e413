// Where the engine's files are: the bundled worker script and the Python agent. They sit
// beside the bundle in dist/ (and in a packaged app's resources); from source (tests), the
// project root's dist/ holds the worker and core/engine/python the agent.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface EngineAssets {
  workerFile: string;
  agentDir: string;
  pyodideDir?: string;
}

const WORKER = 'engine-worker.js';

export function findEngineAssets(from: string = dirname(fileURLToPath(import.meta.url))): EngineAssets {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    for (const dist of [dir, join(dir, 'dist')]) {
      const workerFile = join(dist, WORKER);
      const agentDir = join(dist, 'python');
      if (existsSync(workerFile) && existsSync(agentDir)) return { workerFile, agentDir };
    }
    if (dirname(dir) === dir) break;
  }
  throw new Error(`Loopscope's engine is not built: ${WORKER} not found above ${from}. Run \`npm run build\`.`);
}
