// Exploration as a host offers it to its clients (HostSession's explore.start): one pool of
// engines per exploration, one engine per core.
import { availableParallelism } from 'node:os';
import type { ExploreService } from '../session/explore-service.js';
import { explore } from './explorer.js';

export function exploreService(jobs: number = availableParallelism()): ExploreService {
  return {
    explore: ({ filename, source, modules, strategy, runs, seed, oracle }, onProgress, signal) => explore(
      { file: filename, source, modules },
      { strategy, seed, runs, timeSeconds: null, depth: 3, bound: null, oracle, shard: null, shrink: true, stopAtFirst: false, jobs },
      { onProgress, signal },
    ),
  };
}
