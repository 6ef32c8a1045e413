// `loopscope run --stop-at-step N`: run to step N (every pause on the way muted), show the
// program there, and end the run.
import type { EngineEvent, Paused } from '../protocol/index.js';
import type { RunEngine } from '../session/run-engine.js';

/** The moment in a few lines: where it is, and each task with what it does. */
export function describeMoment(paused: Paused): string {
  const loop = paused.snapshot.loop;
  const lines = [`loopscope: at step ${paused.step ?? '?'} (t = ${loop.time} s): ${paused.reason.description}`];
  for (const task of paused.snapshot.tasks) {
    const where = task.line ? ` at ${task.line[0]}:${task.line[1]}` : '';
    const what = task.waitingOn ? `waits on ${task.waitingOn.label}` : task.state;
    lines.push(`  ${task.name} #${task.id}: ${what}${where}`);
  }
  return lines.join('\n') + '\n';
}

/** Stop the run once it pauses at its target step; says whether it got there. */
export function stopAtTarget(session: RunEngine, report: (paused: Paused) => void): { reached(): boolean; dispose(): void } {
  let reached = false;
  const dispose = session.onEvent((event: EngineEvent) => {
    if (event.type !== 'paused' || !event.replay || reached) return;
    reached = true;
    report(event);
    void session.stop();
  });
  return { reached: () => reached, dispose };
}
