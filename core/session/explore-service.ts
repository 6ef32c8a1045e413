// What a host needs to explore schedules for its clients. core/explore implements it; it
// comes in from the host (main/) because core/explore is built on this folder, not under it.
import type { ExploreProgress, ExploreReport, ExploreStrategy } from '../protocol/index.js';

export interface ExploreRequest {
  filename: string;
  source: string;
  /** The program's folder's other files (RunOptions.modules). */
  modules: Record<string, string>;
  strategy: ExploreStrategy;
  runs: number;
  seed: number;
  oracle: 'output' | null;
}

export interface ExploreService {
  /** Explore; progress as it goes; the report at the end. Aborting ends it early. */
  explore(request: ExploreRequest, onProgress: (progress: ExploreProgress) => void, signal: AbortSignal): Promise<ExploreReport>;
}
