// Reports: reading one back (a shard's JSON), merging shards, and the text a person reads.
import { basename } from 'node:path';
import { ExploreReport, type ExploreFailure, type FoundSchedule } from '../protocol/explore.js';

export class ReportError extends Error {}

/** A report from JSON text, validated; `name` says which file in an error. */
export function parseReport(text: string, name: string): ExploreReport {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ReportError(`${name}: not JSON (${(error as Error).message})`);
  }
  const format = (raw as { format?: unknown; version?: unknown } | null);
  if (format?.format !== 'loopscope-explore') throw new ReportError(`${name}: not a report of loopscope explore --json`);
  if (format.version !== 1) throw new ReportError(`${name}: a report of version ${String(format.version)}; this Loopscope reads version 1`);
  const parsed = ExploreReport.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ReportError(`${name}: an invalid report (${issue.path.join('.') || 'report'}: ${issue.message})`);
  }
  return parsed.data;
}

const order = (a: FoundSchedule, b: FoundSchedule) => a.deviations - b.deviations || a.index - b.index;

/** Shards of one exploration (same program and settings but the shard) joined into one
 * report: counts add up, the first and shortest schedules are the earliest and shortest of
 * all, and the shrunk schedule is the one of the shortest. */
export function mergeReports(reports: Array<{ name: string; report: ExploreReport }>): ExploreReport {
  if (!reports.length) throw new ReportError('--merge needs at least one report');
  const [{ report: first }] = reports as [{ name: string; report: ExploreReport }];
  const settings = { ...first.settings, shard: null };
  const shards = new Map<number, string>();
  for (const { name, report } of reports) {
    if (report.program.fingerprint !== first.program.fingerprint) throw new ReportError(`${name}: explored another program (or another version of it) than ${reports[0]!.name}`);
    const shard = report.settings.shard;
    if (JSON.stringify({ ...report.settings, shard: null }) !== JSON.stringify(settings)) throw new ReportError(`${name}: explored with other settings than ${reports[0]!.name} (strategy, seed, runs, depth, bound, oracle must agree)`);
    const parts = report.mergedShards ?? (shard ? [shard.index] : []);
    if (!parts.length) throw new ReportError(`${name}: not a shard (explore with --shard i/N to split an exploration)`);
    const count = report.settings.shard?.count ?? first.settings.shard?.count;
    if (shard && first.settings.shard && shard.count !== first.settings.shard.count) throw new ReportError(`${name}: a shard of ${shard.count}, where ${reports[0]!.name} is one of ${first.settings.shard.count}`);
    for (const index of parts) {
      if (shards.has(index)) throw new ReportError(`${name}: shard ${index}/${count} is in ${shards.get(index)} too`);
      shards.set(index, name);
    }
  }
  const failures = new Map<string, ExploreFailure>();
  for (const { report } of reports) {
    for (const failure of report.failures) {
      const known = failures.get(failure.signature);
      if (!known) {
        failures.set(failure.signature, structuredClone(failure));
        continue;
      }
      known.count += failure.count;
      known.inDefaultOrder ||= failure.inDefaultOrder;
      if (failure.first.index < known.first.index) known.first = failure.first;
      if (order(failure.shortest, known.shortest) < 0) {
        known.shortest = failure.shortest;
        known.shrunk = failure.shrunk;
      }
    }
  }
  const all = reports.map(({ report }) => report);
  const bounds = all.map((report) => report.exhaustedBound);
  return {
    ...first,
    settings: { ...first.settings, shard: null },
    runs: all.reduce((sum, report) => sum + report.runs, 0),
    indices: all.flatMap((report) => report.indices),
    exhaustedBound: bounds.every((bound) => bound !== null) ? Math.min(...(bounds as number[])) : null,
    mergedShards: [...shards.keys()].sort((a, b) => a - b),
    stopped: all.some((report) => report.stopped),
    jobs: all.reduce((sum, report) => sum + report.jobs, 0),
    elapsedSeconds: Math.max(...all.map((report) => report.elapsedSeconds)),
    runsPerSecond: all.reduce((sum, report) => sum + report.runsPerSecond, 0),
    failures: [...failures.values()].sort((a, b) => a.first.index - b.first.index),
  };
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** The report as a person reads it in a terminal. */
export function formatReport(report: ExploreReport): string {
  const { settings } = report;
  const file = basename(report.program.file);
  const strategy = settings.strategy === 'pct' ? `pct, depth ${settings.depth}` : settings.strategy;
  const shard = settings.shard ? `, shard ${settings.shard.index}/${settings.shard.count}` : '';
  const merged = report.mergedShards ? `, ${plural(report.mergedShards.length, 'shard')} merged (${report.mergedShards.join(', ')})` : '';
  const lines = [
    `Explored ${file}: ${plural(report.runs, 'schedule')} (${strategy}, seed ${settings.seed}${shard}${merged}) in ${report.elapsedSeconds.toFixed(1)} s, ${report.runsPerSecond.toFixed(1)} schedules/s on ${plural(report.jobs, 'engine')}${report.stopped ? ' (stopped early)' : ''}`,
  ];
  if (report.exhaustedBound !== null && report.exhaustedBound > 0) lines.push(`Every schedule with at most ${plural(report.exhaustedBound, 'deviation')} from the default order was run.`);
  if (!report.failures.length) {
    lines.push('No failure found.');
    return lines.join('\n') + '\n';
  }
  lines.push(`${plural(report.failures.length, 'distinct failure')}:`);
  report.failures.forEach((failure, i) => {
    const where = failure.file ? ` (${basename(failure.file)}:${failure.line ?? '?'})` : '';
    lines.push('', `${i + 1}. ${failure.kind}: ${failure.message}${where}`);
    const first = failure.first.index < 0 ? 'the default order' : `schedule ${failure.first.index}`;
    lines.push(`   hit by ${plural(failure.count, 'schedule')}${failure.inDefaultOrder ? ', the default order too' : ''}; first: ${first}; shortest: ${plural(failure.shortest.deviations, 'deviation')}`);
    const shrunk = failure.shrunk;
    if (shrunk) {
      lines.push(`   shrunk to ${plural(shrunk.deviations, 'deviation')} (${plural(shrunk.runs, 'run')})${shrunk.reproduces ? '' : '; its replay did not fail the same way (the order depends on more than the schedule)'}`);
      for (const sentence of shrunk.explanation) lines.push(`     ${sentence}`);
    }
    lines.push(`   replay: loopscope run ${file} --schedule ${(shrunk ?? failure.shortest).token}`);
  });
  return lines.join('\n') + '\n';
}
