// The exploration suite (test/explore/programs): each program with the failure kind that
// exploration must find in it (null: a correct program, where it must find nothing).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FailureKind } from '../../core/protocol/index.js';
import type { ExploreOptions, ExploreProgram } from '../../core/explore/explorer.js';

export const PROGRAMS_DIR = join(import.meta.dirname, 'programs');

export interface SuiteProgram {
  file: string;
  expect: FailureKind | null;
  oracle?: 'output';
}

export const SUITE: SuiteProgram[] = (JSON.parse(readFileSync(join(PROGRAMS_DIR, 'manifest.json'), 'utf8')) as { programs: SuiteProgram[] }).programs;

export function program(file: string): ExploreProgram {
  const path = join(PROGRAMS_DIR, file);
  return { file: path, source: readFileSync(path, 'utf8') };
}

export function settings(overrides: Partial<ExploreOptions> = {}): ExploreOptions {
  return {
    strategy: 'random', seed: 0, runs: 12, timeSeconds: null, depth: 3, bound: null, oracle: null, shard: null,
    shrink: false, stopAtFirst: false, jobs: 2, ...overrides,
  };
}
