// Checkpoints in a long run (past CHECKPOINT_MIN_STEPS): the scout waits a little before the
// moment the run rests at, trips go on from there, and where they arrive is what a trip from
// the start arrives at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_MIN_STEPS, checkpointStep } from '../../../core/timetravel/scout.js';
import type { Paused, RunOptions } from '../../../core/protocol/index.js';
import { TravelDriver, moment } from './travel-driver.js';

const FILE = '/work/travel/long.py';
// 300 tasks of 100 switches each, a print every 50 rounds, then a line to stop at.
const LONG = `import asyncio

async def spin(n):
    for i in range(100):
        if n == 7 and i % 50 == 0:
            print("spin", n, i)
        await asyncio.sleep(0)

async def main():
    await asyncio.gather(*(spin(n) for n in range(300)))
    done = True

asyncio.run(main())
`;
const options: RunOptions = { filename: FILE, source: LONG, breakOn: [], breakpoints: [{ file: FILE, line: 11 }] };

let withCheckpoints: TravelDriver;
let fromStart: TravelDriver;
beforeAll(() => {
  withCheckpoints = new TravelDriver();
  fromStart = new TravelDriver({ checkpointMinSteps: Number.MAX_SAFE_INTEGER });
});
afterAll(async () => {
  await withCheckpoints.dispose();
  await fromStart.dispose();
});

async function pausedAtEnd(driver: TravelDriver): Promise<Paused> {
  await driver.start(options);
  return driver.paused();
}

describe('checkpoints', () => {
  it('wait 2% before the pause of a long run; going back from one arrives where a trip from the start does', async () => {
    const paused = await pausedAtEnd(withCheckpoints);
    const step = paused.step!;
    expect(step).toBeGreaterThan(CHECKPOINT_MIN_STEPS);
    await withCheckpoints.session.checkpointSettled();
    expect(withCheckpoints.session.checkpoint).toBe(checkpointStep(step));
    expect(checkpointStep(step)).toBe(step - Math.ceil(step / 50));

    await pausedAtEnd(fromStart);
    await fromStart.session.checkpointSettled();
    expect(fromStart.session.checkpoint).toBe(0);

    // Back to the previous switch, twice (the second trip waits for the next checkpoint),
    // then Step Back from there (a scan from the checkpoint, the target from the start).
    for (const request of [{ to: 'previous-switch' }, { to: 'previous-switch' }, { to: 'step-back' }] as const) {
      const there = await withCheckpoints.travel(request);
      expect(moment(there), request.to).toEqual(moment(await fromStart.travel(request)));
    }
    // After each trip, the next checkpoint is made before where it arrived.
    await withCheckpoints.session.checkpointSettled();
    const at = (await withCheckpoints.travel({ to: 'previous-switch' })).step!;
    await withCheckpoints.session.checkpointSettled();
    expect(withCheckpoints.session.checkpoint).toBe(checkpointStep(at));

    // Forward again, the run goes on as it did: it prints what it printed and stops at the end.
    withCheckpoints.session.send({ type: 'debug.continue' });
    expect(await withCheckpoints.paused()).toMatchObject({ step, location: [FILE, 11] });
  }, 120_000);

  it('are not made for a run that does not repeat itself, and a trip says why', async () => {
    const clock = LONG.replace('print("spin", n, i)', 'print("spin", n, i, __import__("datetime").datetime.now())');
    await withCheckpoints.start({ ...options, source: clock });
    await withCheckpoints.paused();
    await withCheckpoints.session.checkpointSettled();
    expect(withCheckpoints.session.checkpoint).toBe(0);
    await expect(withCheckpoints.session.travel({ to: 'previous-switch' })).rejects.toThrow(/does not repeat itself/);
  }, 120_000);
});
