// Drives a debugging session the way a UI would: start, wait for pauses, send commands.
import { afterAll, beforeAll } from 'vitest';
import { EngineSession } from '../../../core/session/engine-session.js';
import type { RunEngine } from '../../../core/session/run-engine.js';
import type { DebugCommand, EngineEvent, ExitEvent, Paused, RunOptions } from '../../../core/protocol/index.js';

export const FILE = '/work/debuggee.py';

/** A driver over its own engine (an EngineSession unless `makeEngine` says otherwise), opened
 * before the tests of a file and disposed after. */
export function useDebugDriver(makeEngine?: () => RunEngine): DebugDriver {
  const driver = new DebugDriver(makeEngine);
  beforeAll(() => driver.open());
  afterAll(() => driver.close());
  return driver;
}

export class DebugDriver {
  readonly events: EngineEvent[] = [];
  private waiters: Array<() => void> = [];
  private exited: Promise<ExitEvent> | undefined;
  private engine: RunEngine | undefined;

  constructor(private readonly makeEngine: () => RunEngine = () => new EngineSession()) {}

  get session(): RunEngine {
    if (!this.engine) throw new Error('the driver is not open');
    return this.engine;
  }

  open(): void {
    this.engine = this.makeEngine();
    this.engine.onEvent((event) => {
      this.events.push(event);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  close(): Promise<void> {
    return this.session.dispose();
  }

  async start(source: string, options: Partial<RunOptions> = {}): Promise<void> {
    await this.session.stop();
    this.events.length = 0;
    this.exited = this.session.nextExit();
    await this.session.start({ source, filename: FILE, ...options });
  }

  /** The next event matching `predicate` after the `after`-th event. */
  async waitFor<T extends EngineEvent>(predicate: (event: EngineEvent) => event is T, after = 0): Promise<T> {
    for (;;) {
      const found = this.events.slice(after).find(predicate);
      if (found) return found;
      if (this.events.some((event) => event.type === 'exit')) throw new Error(`the program exited first: ${this.output()}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  pauses(): Paused[] {
    return this.events.filter((event): event is Paused => event.type === 'paused');
  }

  /** Wait for the n-th pause (1-based) of this run. */
  async pause(n: number): Promise<Paused> {
    for (;;) {
      const pauses = this.pauses();
      if (pauses.length >= n) return pauses[n - 1]!;
      if (this.events.some((event) => event.type === 'exit')) throw new Error(`exited after ${pauses.length} pauses: ${this.output()}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  send(command: DebugCommand): void {
    this.session.send(command);
  }

  evaluate(expression: string, frameId?: number): Promise<unknown> {
    return this.session.request({ type: 'inspect.evaluate', expression, ...(frameId ? { frameId } : {}) });
  }

  exit(): Promise<ExitEvent> {
    return this.exited!;
  }

  output(stream: 'stdout' | 'stderr' = 'stdout'): string {
    return this.events.flatMap((event) => (event.type === 'output' && event.stream === stream ? [event.text] : [])).join('');
  }
}

export function lineOf(source: string, marker: string): number {
  const index = source.split('\n').findIndex((line) => line.includes(marker));
  if (index < 0) throw new Error(`no line with ${marker}`);
  return index + 1;
}

export function taskNamed(paused: Paused, name: string) {
  const task = paused.snapshot.tasks.find((record) => record.name === name);
  if (!task) throw new Error(`no task ${name} in ${paused.snapshot.tasks.map((t) => t.name).join(', ')}`);
  return task;
}

export function detailOf(paused: Paused, taskId: number) {
  const detail = paused.details.find((d) => d.id === taskId);
  if (!detail) throw new Error(`no detail for task ${taskId}`);
  return detail;
}
