// `loopscope explore`: explore a program's schedules, or merge the reports of shards.
import { readFileSync } from 'node:fs';
import { explore, ExploreError } from '../explore/explorer.js';
import { formatReport, mergeReports, parseReport, ReportError } from '../explore/report.js';
import type { ExploreProgress, ExploreReport } from '../protocol/index.js';
import { ProgramFileError, readProgramFile } from '../session/program-file.js';
import type { ExploreArgs } from './explore-args.js';

const EXIT_FOUND = 1;
const EXIT_USAGE = 2;

type Write = (fd: 1 | 2, text: string) => void;

export async function exploreCommand(args: ExploreArgs, write: Write): Promise<number> {
  let report: ExploreReport;
  try {
    report = args.merge.length ? merge(args.merge) : await run(args, write);
  } catch (error) {
    if (!(error instanceof ReportError || error instanceof ExploreError || error instanceof ProgramFileError)) throw error;
    write(2, `loopscope: ${error.message}\n`);
    return EXIT_USAGE;
  }
  write(1, args.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report));
  return report.failures.length ? EXIT_FOUND : 0;
}

function merge(files: string[]): ExploreReport {
  return mergeReports(files.map((name) => {
    let text;
    try {
      text = readFileSync(name, 'utf8');
    } catch (error) {
      throw new ReportError(`${name}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    }
    return { name, report: parseReport(text, name) };
  }));
}

async function run(args: ExploreArgs, write: Write): Promise<ExploreReport> {
  const { strategy, seed, runs, timeSeconds, depth, bound, oracle, shard, shrink, stopAtFirst, jobs } = args;
  const program = readProgramFile(args.file!);
  const abort = new AbortController();
  // Ctrl+C ends the exploration with the report of what ran.
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const live = process.stderr.isTTY;
  try {
    return await explore(
      { file: program.filename, source: program.source, modules: program.modules, argv: args.programArgs },
      { strategy, seed, runs, timeSeconds, depth, bound, oracle, shard, shrink, stopAtFirst, jobs },
      { signal: abort.signal, ...(live ? { onProgress: (progress: ExploreProgress) => write(2, `\r${status(progress)}\x1b[K`) } : {}) },
    );
  } finally {
    if (live) write(2, '\r\x1b[K');
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

function status(progress: ExploreProgress): string {
  const total = progress.total !== null ? `/${progress.total}` : '';
  const failures = `${progress.failures} distinct failure${progress.failures === 1 ? '' : 's'}`;
  return `${progress.phase}: ${progress.runs}${total} schedules, ${progress.runsPerSecond.toFixed(1)}/s, ${failures}`;
}
