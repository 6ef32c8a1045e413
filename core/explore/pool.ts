// A pool of engines for exploration: one EngineSession (one engine process) per job, each
// reloading its interpreter after a run, so that N jobs are N warm engines. Runs queue for the
// first free engine; each run has a real-time limit, past which it is stopped.
import { EngineSession, type EngineSessionOptions } from '../session/engine-session.js';
import type {
  ErrorEvent, ExitEvent, RunOptions, ScheduleReportEvent, WarningEvent,
} from '../protocol/index.js';

export interface RunOutcome {
  exit: ExitEvent;
  stdout: string;
  stderr: string;
  /** The run's `schedule` event (every explored run has a schedule). */
  report: ScheduleReportEvent | undefined;
  warnings: WarningEvent[];
  errors: ErrorEvent[];
  /** Stopped for going past its real-time limit. */
  timedOut: boolean;
}

interface Waiting {
  options: RunOptions;
  timeoutMs: number;
  resolve: (outcome: RunOutcome) => void;
  reject: (error: unknown) => void;
}

export class EnginePool {
  private readonly idle: EngineSession[];
  private readonly all: EngineSession[];
  private readonly queue: Waiting[] = [];
  private disposed = false;

  constructor(readonly size: number, engine: EngineSessionOptions = {}) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`a pool needs at least one engine, not ${size}`);
    this.all = Array.from({ length: size }, () => new EngineSession({ prewarm: true, ...engine }));
    this.idle = [...this.all];
  }

  /** Run a program to its end on the next free engine. */
  run(options: RunOptions, timeoutMs: number): Promise<RunOutcome> {
    if (this.disposed) return Promise.reject(new Error('the engine pool is disposed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ options, timeoutMs, resolve, reject });
      this.dispatch();
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const waiting of this.queue.splice(0)) waiting.reject(new Error('the engine pool is disposed'));
    await Promise.all(this.all.map((session) => session.dispose()));
  }

  private dispatch(): void {
    while (this.idle.length && this.queue.length) {
      const session = this.idle.pop()!;
      const waiting = this.queue.shift()!;
      runOn(session, waiting.options, waiting.timeoutMs).then(waiting.resolve, waiting.reject).finally(() => {
        this.idle.push(session);
        if (!this.disposed) this.dispatch();
      });
    }
  }
}

async function runOn(session: EngineSession, options: RunOptions, timeoutMs: number): Promise<RunOutcome> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const warnings: WarningEvent[] = [];
  const errors: ErrorEvent[] = [];
  let report: ScheduleReportEvent | undefined;
  let timedOut = false;
  const dispose = session.onEvent((event) => {
    if (event.type === 'output') (event.stream === 'stdout' ? stdout : stderr).push(event.text);
    else if (event.type === 'warning') warnings.push(event);
    else if (event.type === 'error') errors.push(event);
    else if (event.type === 'schedule') report = event;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const exited = session.nextExit();
    await session.start(options);
    // The limit counts from the program's start, not from the wait for an engine.
    timer = setTimeout(() => {
      timedOut = true;
      void session.stop();
    }, timeoutMs);
    const exit = await exited;
    return { exit, stdout: stdout.join(''), stderr: stderr.join(''), report, warnings, errors, timedOut };
  } finally {
    clearTimeout(timer);
    dispose();
  }
}
