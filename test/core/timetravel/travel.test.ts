// Going back in a run as a user does: Reverse Continue to the previous stop of each kind of
// breakpoint, Step Back across an await, Back to the previous task switch, and the run that does
// not repeat itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Breakpoint, BreakOnEvent, Paused, RunOptions } from '../../../core/protocol/index.js';
import { TravelDriver, moment } from './travel-driver.js';

const FILE = '/work/travel/workers.py';
const WORKERS = `import asyncio

async def worker(name, lock, n):
    for i in range(n):
        async with lock:
            value = i * 10
            await asyncio.sleep(0.1)
        print(name, i, value)
    if name in "cd":
        raise KeyError(name)

async def main():
    lock = asyncio.Lock()
    loop = asyncio.get_running_loop()
    first, second = loop.create_future(), loop.create_future()
    tasks = [asyncio.create_task(worker(name, lock, 2), name=name) for name in "abcd"]
    results = await asyncio.gather(*tasks, return_exceptions=True)
    first.set_result(results)
    second.set_result(await first)
    print(await second)

asyncio.run(main())
`;
const LINE = { with: 5, value: 6, sleep: 7, print: 8 };

// Every trip twice: re-executed from the start (the runs here are short: no checkpoint), and on
// from a checkpoint the session makes before each moment it rests at, whatever the run's length.
const WAYS = [['from the start', {}], ['from checkpoints', { checkpointMinSteps: 1 }]] as const;

for (const [way, rewindable] of WAYS) describe(`time travel ${way}`, () => {
  let driver: TravelDriver;
  beforeAll(() => {
    driver = new TravelDriver(rewindable);
  });
  afterAll(() => driver.dispose());

  async function pausesOf(options: RunOptions, count: number): Promise<Paused[]> {
    await driver.start(options);
    const pauses: Paused[] = [];
    for (let i = 0; i < count; i++) {
      pauses.push(await driver.paused());
      if (i < count - 1) driver.session.send({ type: 'debug.continue' });
    }
    return pauses;
  }

  describe('Reverse Continue', () => {
    const cases: Array<[string, { breakpoints?: Breakpoint[]; breakOn?: BreakOnEvent[] }]> = [
      ['a line breakpoint', { breakpoints: [{ file: FILE, line: LINE.value }] }],
      ['a conditional breakpoint', { breakpoints: [{ file: FILE, line: LINE.print, condition: "name in 'bc'" }] }],
      ['a breakpoint with a hit count', { breakpoints: [{ file: FILE, line: LINE.sleep, hitCount: 2 }] }],
      ['task switches', { breakOn: ['task-switch'] }],
      ['task creation', { breakOn: ['task-created'] }],
      ['lock acquired', { breakOn: ['lock-acquired'] }],
      ['lock released', { breakOn: ['lock-released'] }],
      ['lock contended', { breakOn: ['lock-contended'] }],
      ['task finished', { breakOn: ['task-finished'] }],
      ['exceptions', { breakOn: ['exception', 'future-resolved', 'task-failed'] }],
    ];
    for (const [what, config] of cases) {
      it(`goes back to the previous stop, then the one before, for ${what}`, async () => {
        const options: RunOptions = { filename: FILE, source: WORKERS, breakOn: config.breakOn ?? [], breakpoints: config.breakpoints ?? [], realtime: true };
        const [first, second, third] = await pausesOf(options, 3);
        expect(third!.step).toBeGreaterThanOrEqual(second!.step!);
        expect(moment(await driver.travel({ to: 'reverse-continue' }))).toEqual(moment(second!));
        expect(moment(await driver.travel({ to: 'reverse-continue' }))).toEqual(moment(first!));
        await expect(driver.session.travel({ to: 'reverse-continue' })).rejects.toThrow(/no breakpoint or armed scheduler event was hit before/);
        // Forward again from the past: the run goes on as it did.
        driver.session.send({ type: 'debug.continue' });
        expect(moment(await driver.paused())).toEqual(moment(second!));
      }, 120_000);
    }
  });

  describe('Step Back', () => {
    it('goes to the previous line of the paused task, across its await, with the values it had', async () => {
      const [paused] = await pausesOf({ filename: FILE, source: WORKERS, breakOn: [], breakpoints: [{ file: FILE, line: LINE.print }] }, 1);
      expect(paused!.location).toEqual([FILE, LINE.print]);
      const task = paused!.taskId;
      const localsOf = (at: Paused) => at.details.find((detail) => detail.id === task)!.locals;
      // Before the print, in the same step: leaving the `async with` (Python puts it on its line).
      const exit = await driver.travel({ to: 'step-back' });
      expect(exit).toMatchObject({ location: [FILE, LINE.with], step: paused!.step, taskId: task });
      // Before that, across the await: the sleep, in the task's previous step.
      const sleep = await driver.travel({ to: 'step-back' });
      expect(sleep).toMatchObject({ location: [FILE, LINE.sleep], taskId: task });
      expect(sleep.step).toBeLessThan(paused!.step!);
      expect(localsOf(sleep).find((v) => v.name === 'value')?.value).toBe('0');
      const assignment = await driver.travel({ to: 'step-back' });
      expect(assignment).toMatchObject({ location: [FILE, LINE.value], step: sleep.step });
      expect(localsOf(assignment).find((v) => v.name === 'value')).toBeUndefined();
    }, 120_000);
  });

  describe('Back to the previous task switch and Go to step', () => {
    it('goes to the moment before the paused step ran, then to any step', async () => {
      const [paused] = await pausesOf({ filename: FILE, source: WORKERS, breakOn: [], breakpoints: [{ file: FILE, line: LINE.print }] }, 1);
      const before = await driver.travel({ to: 'previous-switch' });
      expect(before).toMatchObject({ step: paused!.step, aboutToRun: true, taskId: paused!.taskId });
      const earlier = await driver.travel({ to: 'previous-switch' });
      expect(earlier).toMatchObject({ step: paused!.step! - 1, aboutToRun: true });
      const first = await driver.travel({ to: 'step', step: 1 });
      expect(first).toMatchObject({ step: 1, aboutToRun: true, taskId: 1 });
      await expect(driver.session.travel({ to: 'previous-switch' })).rejects.toThrow(/first task switch/);
      await expect(driver.session.travel({ to: 'step', step: 100_000 })).rejects.toThrow(/ends \(status 0\) before that moment/);
      // Still where it was after the refusals.
      driver.session.send({ type: 'debug.continue' });
      expect(await driver.paused()).toMatchObject({ location: [FILE, LINE.print] });
    }, 120_000);

    it('refuses to travel while the program runs, or before any run', async () => {
      const fresh = new TravelDriver();
      await expect(fresh.session.travel({ to: 'step', step: 1 })).rejects.toThrow(/run a program first/);
      await fresh.start({ filename: FILE, source: 'import asyncio\nasync def main():\n    while True:\n        await asyncio.sleep(1)\nasyncio.run(main())\n', breakOn: [] });
      await expect(fresh.session.travel({ to: 'step', step: 1 })).rejects.toThrow(/pause it first/);
      await fresh.dispose();
    }, 60_000);
  });

  describe('a run that does not repeat itself', () => {
    // datetime reads the machine's clock (Loopscope's clock is time's, not datetime's): a
    // re-execution prints another microsecond, and so takes another path for the user.
    const CLOCK = `import asyncio, datetime

async def main():
    print("now", datetime.datetime.now().microsecond, datetime.datetime.now())
    for i in range(5):
        await asyncio.sleep(1)
    print("done")

asyncio.run(main())
`;
    it('is told so, is never shown a wrong past, and stays where it is', async () => {
      const [paused] = await pausesOf({ filename: FILE, source: CLOCK, breakOn: [], breakpoints: [{ file: FILE, line: 7 }] }, 1);
      const seen = driver.events.length;
      await expect(driver.session.travel({ to: 'step', step: 3 })).rejects.toThrow(/does not repeat itself \(a re-execution printed other things than the run before step \d+/);
      expect(driver.events.slice(seen).some((e) => e.type === 'travel.arrived')).toBe(false);
      await expect(driver.session.travel({ to: 'previous-switch' })).rejects.toThrow(/does not repeat itself/);
      expect(paused!.location).toEqual([FILE, 7]);
      driver.session.send({ type: 'debug.continue' });
      expect(await driver.exit()).toMatchObject({ code: 0 });
    }, 60_000);

    it('sees the same bytes of os.urandom on every run: they are seeded like random', async () => {
      const URANDOM = 'import asyncio, os, uuid\nasync def main():\n    print(os.urandom(8).hex(), uuid.uuid4())\n    await asyncio.sleep(1)\n    print("done")\nasyncio.run(main())\n';
      const [paused] = await pausesOf({ filename: FILE, source: URANDOM, breakOn: [], breakpoints: [{ file: FILE, line: 5 }] }, 1);
      const back = await driver.travel({ to: 'step', step: 1 });
      expect(back.step).toBe(1);
      expect(paused!.step).toBeGreaterThan(1);
    }, 60_000);
  });
});
