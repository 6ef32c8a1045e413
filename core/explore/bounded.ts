// The systematic strategy: every schedule with one deviation from FIFO, then every one with
// two, and so on (iterative bounding, as CHESS bounds preemptions: here what is bounded is how
// often the loop's default order is left, which is delay bounding for a deterministic
// scheduler). A schedule's children add one deviation after its last, at a point of its own
// run (whose sizes the run records), so each schedule is enumerated once. Levels run one after
// the other, each in a fixed order: the search does not depend on which run ends first.
//
// Sharding splits the tree by the first deviation: shard i of N takes the first-level
// schedules of rank i-1, i-1+N, ... and everything below them.
import type { ScheduleDecision, Shard } from '../protocol/index.js';

export interface Candidate {
  decisions: ScheduleDecision[];
}

/** One deviation at each point of a run, after `after`: the other callbacks first, then the
 * first one alone (which only matters with a later deviation: it lets a task run twice). */
export function children(parent: ScheduleDecision[], sizes: readonly number[]): Candidate[] {
  const after = parent.length ? parent[parent.length - 1]![0] : -1;
  const out: Candidate[] = [];
  for (let point = after + 1; point < sizes.length; point++) {
    const size = sizes[point]!;
    for (let index = 1; index <= size; index++) out.push({ decisions: [...parent, [point, index % size]] });
  }
  return out;
}

/** The first level, less what other shards take. */
export function firstLevel(baselineSizes: readonly number[], shard: Shard | null): Candidate[] {
  const all = children([], baselineSizes);
  return shard ? all.filter((_, rank) => rank % shard.count === shard.index - 1) : all;
}
