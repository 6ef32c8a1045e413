// Going back (and forward again) in a run shows the program exactly as reaching that moment
// directly does: for every program of the corpus, at five steps spread over its run. The
// session makes checkpoints whatever the run's length: from the end, the first trip
// re-executes from the start; each trip forward after it goes on from the checkpoint made
// before the moment it arrived at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EngineSession } from '../../../core/session/engine-session.js';
import { readProgramFile } from '../../../core/session/program-file.js';
import type { EngineEvent, Paused, RunOptions } from '../../../core/protocol/index.js';
import { TravelDriver, moment } from './travel-driver.js';

const PROGRAMS = join(import.meta.dirname, '..', '..', 'corpus', 'programs');
const names = readdirSync(PROGRAMS).filter((name) => name.endsWith('.py')).sort();

let driver: TravelDriver;
let direct: EngineSession;
beforeAll(() => {
  driver = new TravelDriver({ checkpointMinSteps: 1 });
  direct = new EngineSession();
});
afterAll(async () => {
  await driver.dispose();
  await direct.dispose();
});

/** The program at `step`, reached by one re-execution from the start. */
async function reachDirectly(options: RunOptions, step: number): Promise<Paused> {
  const paused = new Promise<Paused>((resolve, reject) => {
    const dispose = direct.onEvent((event: EngineEvent) => {
      if (event.type === 'paused' && event.replay) {
        dispose();
        resolve(event);
      } else if (event.type === 'exit') {
        dispose();
        reject(new Error(`exited before step ${step}`));
      }
    });
  });
  await direct.start({ ...options, replay: { to: { step } } });
  const event = await paused;
  await direct.stop();
  return event;
}

/** Five steps spread over a run of `total`, in order. */
function chosen(total: number): number[] {
  return [...new Set([0.1, 0.3, 0.5, 0.7, 0.95].map((f) => Math.min(total, Math.max(1, Math.round(total * f)))))];
}

describe('time travel over the corpus', () => {
  for (const name of names) {
    it(name, async (ctx) => {
      const program = readProgramFile(join(PROGRAMS, name));
      const options: RunOptions = { ...program, breakOn: [], realtime: true };
      await driver.start(options);
      await driver.exit();
      const total = driver.steps();
      if (total === 0) return ctx.skip(`${name} runs no task step: there is no moment to go back to`);
      // From the end back to the first chosen step, then forward to each of the others.
      for (const step of chosen(total)) {
        const travelled = await driver.travel({ to: 'step', step });
        expect(travelled.step).toBe(step);
        expect(moment(travelled), `${name} at step ${step}`).toEqual(moment(await reachDirectly(options, step)));
      }
    }, 120_000);
  }
});
