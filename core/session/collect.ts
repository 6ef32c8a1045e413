// Run a program to its end and collect what it printed and reported: for tests, benchmarks
// and scripts that want a whole run as one value.
import type { EngineEvent, ExitEvent, RunOptions } from '../protocol/index.js';
import type { RunEngine } from './run-engine.js';

export interface CollectedRun {
  stdout: string;
  stderr: string;
  exit: ExitEvent;
  events: EngineEvent[];
}

export async function collectRun(session: RunEngine, options: RunOptions): Promise<CollectedRun> {
  const events: EngineEvent[] = [];
  const dispose = session.onEvent((event) => events.push(event));
  try {
    const exit = await session.run(options);
    const text = (stream: 'stdout' | 'stderr') =>
      events.flatMap((event) => (event.type === 'output' && event.stream === stream ? [event.text] : [])).join('');
    return { stdout: text('stdout'), stderr: text('stderr'), exit, events };
  } finally {
    dispose();
  }
}
