// Shrinking a failing schedule: delta debugging (Zeller and Hildebrandt's ddmin) over its
// deviations from FIFO, down to a set from which no single deviation (nor, on the way, no
// chunk) can be dropped with the failure kept. Candidates of a round are tried together on the
// pool, and the first in a fixed order that still fails is taken, so the result does not
// depend on which run finishes first.
import type { ScheduleDecision } from '../protocol/index.js';

/** Runs `decisions` (a lenient replay); says whether the same failure happened and, if so,
 * which choices the run really made (a choice that no longer fits is skipped). */
export type ShrinkTest = (decisions: ScheduleDecision[]) => Promise<ScheduleDecision[] | undefined>;

export interface ShrinkResult {
  decisions: ScheduleDecision[];
  runs: number;
}

export async function shrinkSchedule(initial: ScheduleDecision[], test: ShrinkTest, options: { budget: number; parallel: number }): Promise<ShrinkResult> {
  let runs = 0;
  let current = initial;
  const tried = new Map<string, ScheduleDecision[] | undefined>();
  const once = async (candidate: ScheduleDecision[]) => {
    const key = JSON.stringify(candidate);
    if (!tried.has(key)) {
      runs++;
      tried.set(key, await test(candidate));
    }
    return tried.get(key);
  };
  /** The first candidate, in order, that still fails (tried `parallel` at a time). */
  const firstFailing = async (candidates: ScheduleDecision[][]): Promise<ScheduleDecision[] | undefined> => {
    for (let i = 0; i < candidates.length && runs < options.budget; i += options.parallel) {
      const batch = candidates.slice(i, i + Math.min(options.parallel, options.budget - runs));
      const found = (await Promise.all(batch.map(once))).find((result) => result !== undefined);
      if (found) return found;
    }
    return undefined;
  };

  if (current.length === 0) return { decisions: current, runs };
  // Choices after the failure cannot matter: find a short failing prefix first, by halving.
  let keep = current.length;
  while (keep > 1 && runs < options.budget) {
    const half = Math.floor(keep / 2);
    const applied = await firstFailing([current.slice(0, half)]);
    if (!applied) break;
    current = applied;
    keep = current.length;
  }
  let granularity = 2;
  while (current.length >= 1 && runs < options.budget) {
    const chunks = split(current, Math.min(granularity, current.length));
    // With two chunks the complements are the subsets; with one, its complement is no deviation.
    const complements = chunks.length > 2 ? chunks.map((_, i) => chunks.filter((__, j) => j !== i).flat())
      : chunks.length === 1 ? [[]] : [];
    // Subsets first (a big cut), then complements (drop one chunk), as ddmin does.
    const subsets = chunks.length > 1 ? chunks : [];
    const fromSubset = await firstFailing(subsets);
    if (fromSubset) {
      current = fromSubset;
      granularity = 2;
      continue;
    }
    const fromComplement = await firstFailing(complements);
    if (fromComplement) {
      current = fromComplement;
      granularity = Math.max(granularity - 1, 2);
      continue;
    }
    if (granularity >= current.length) break;
    granularity = Math.min(granularity * 2, current.length);
  }
  return { decisions: current, runs };
}

function split<T>(items: T[], parts: number): T[][] {
  const out: T[][] = [];
  let start = 0;
  for (let i = 0; i < parts; i++) {
    const end = start + Math.floor((items.length - start) / (parts - i));
    out.push(items.slice(start, end));
    start = end;
  }
  return out.filter((part) => part.length > 0);
}
