// The default order stays asyncio's: a run under the FIFO schedule (the exploration's
// baseline, counting points) or an empty replay gives the same event stream, byte for byte,
// as a run with no schedule, for corpus programs full of timers, tasks, locks and queues; a
// replay that does not fit the program ends with a clear error.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineSession } from '../../core/session/engine-session.js';
import { collectRun } from '../../core/session/collect.js';
import { readProgramFile } from '../../core/session/program-file.js';
import type { EngineEvent, ScheduleSpec } from '../../core/protocol/index.js';
import { program } from './programs.js';

const CORPUS = join(import.meta.dirname, '..', 'corpus', 'programs');
// Not as_completed_order.py: asyncio.as_completed makes its tasks in the order of a set of
// futures, which is the order of their addresses, and any other option (a schedule, an
// argument) moves those: its tasks then start in another order, schedule or not.
const PROGRAMS = [
  'sleep_round_robin.py', 'timer_handles.py', 'call_soon_later_at.py', 'lock_basic.py', 'producer_consumer_pipeline.py',
  'taskgroup_failure.py', 'gather_cancel.py', 'wait_first_completed.py', 'condition_notify.py',
  'queue_join.py', 'barrier_basic.py', 'semaphore_limit.py', 'shutdown_cleanup.py', 'cancel_handling.py', 'lock_order_deadlock.py',
];

const session = new EngineSession();
afterAll(() => session.dispose());

const stream = (events: EngineEvent[]) => JSON.stringify(events.filter((event) => event.type !== 'engine.ready' && event.type !== 'schedule'));

async function run(file: string, schedule?: ScheduleSpec) {
  const { filename, source, modules } = readProgramFile(file);
  return collectRun(session, { filename, source, modules, ...(schedule ? { schedule } : {}) });
}

describe('the default order', () => {
  for (const name of PROGRAMS) {
    it(`is unchanged by a schedule that chooses nothing: ${name}`, async () => {
      const file = join(CORPUS, name);
      const plain = await run(file);
      const fifo = await run(file, { strategy: 'fifo' });
      expect(stream(fifo.events)).toBe(stream(plain.events));
      const report = fifo.events.find((event) => event.type === 'schedule');
      expect(report).toMatchObject({ decisions: [] });
      const replay = await run(file, { strategy: 'replay', decisions: [] });
      expect(stream(replay.events)).toBe(stream(plain.events));
    });
  }

  it('ends a replay that does not fit the program with a clear error, exit status 2', async () => {
    const { file } = program('lost_update.py');
    const result = await run(file, { strategy: 'replay', decisions: [[0, 7]] });
    expect(result.exit.code).toBe(2);
    expect(result.events).toContainEqual(expect.objectContaining({
      type: 'error', kind: 'input', message: expect.stringMatching(/does not fit this program: at scheduling point 0 it runs callback 8 of 2 ready/),
    }));
    // Lenient (shrinking): the choice is skipped and the run goes on in the default order.
    const lenient = await run(file, { strategy: 'replay', decisions: [[0, 7]], strict: false });
    expect([lenient.exit.code, lenient.stdout]).toEqual([0, 'balance 175\n']);
  });
});
