import { describe, expect, it } from 'vitest';
import { FILE, useDebugDriver, detailOf, lineOf, taskNamed } from './driver.js';

const driver = useDebugDriver();

const PROGRAM = `
import asyncio

async def fetch(n):
    await asyncio.sleep(0.1)  # FETCH
    return n * 10  # RETURN

async def worker(name):
    total = 0
    total += await fetch(1)  # CALL
    await asyncio.sleep(0.2)  # SLEEP
    total += 1  # NEXT
    return total

async def noisy():
    for i in range(5):
        await asyncio.sleep(0.05)  # NOISY

async def main():
    child = asyncio.create_task(worker("w"), name="worker")
    other = asyncio.create_task(noisy(), name="noisy")
    await asyncio.gather(child, other)  # GATHER
    spawned = asyncio.create_task(fetch(5), name="spawned")  # SPAWN
    print(child.result(), await spawned)

asyncio.run(main())
`;
const at = (marker: string) => lineOf(PROGRAM, marker);
const where = (n: number) => driver.pause(n).then((p) => ({
  line: p.location?.[1], task: p.snapshot.tasks.find((t) => t.id === p.taskId)?.name, reason: p.reason.kind,
}));

describe('stepping, per task', () => {
  it('Step Over an await stays in the same task while the others run', async () => {
    await driver.start(PROGRAM, { breakpoints: [{ file: FILE, line: at('# SLEEP') }] });
    expect(await where(1)).toEqual({ line: at('# SLEEP'), task: 'worker', reason: 'breakpoint' });
    const timeBefore = (await driver.pause(1)).snapshot.loop.time;
    driver.send({ type: 'debug.step', kind: 'over' });
    expect(await where(2)).toEqual({ line: at('# NEXT'), task: 'worker', reason: 'step' });
    const second = await driver.pause(2);
    expect(second.snapshot.loop.time).toBeCloseTo(timeBefore + 0.2, 6);
    expect(driver.events.filter((e) => e.type === 'paused')).toHaveLength(2);
    driver.send({ type: 'debug.continue' });
    expect((await driver.exit()).code).toBe(0);
    expect(driver.output()).toBe('11 50\n');
  });

  it('Step Into enters an awaited coroutine and Step Out returns to the calling line', async () => {
    await driver.start(PROGRAM, { breakpoints: [{ file: FILE, line: at('# CALL') }] });
    expect(await where(1)).toMatchObject({ line: at('# CALL'), task: 'worker' });
    driver.send({ type: 'debug.step', kind: 'into' });
    expect(await where(2)).toEqual({ line: at('# FETCH'), task: 'worker', reason: 'step' });
    expect(detailOf(await driver.pause(2), (await driver.pause(2)).taskId!).stack.map((f) => f.function).slice(-2)).toEqual(['worker', 'fetch']);
    // Out: back on the calling line as fetch returns, the rest of that line (+=) yet to run.
    driver.send({ type: 'debug.step', kind: 'out' });
    expect(await where(3)).toEqual({ line: at('# CALL'), task: 'worker', reason: 'step' });
    const out = await driver.pause(3);
    expect(out.reason.description).toBe('Stepped out of fetch, which returned 10');
    expect(detailOf(out, out.taskId!).stack.map((f) => f.function)).toEqual(['worker']);
    expect((await driver.evaluate('total')) as { value: string }).toMatchObject({ value: '0' });
    driver.send({ type: 'debug.step', kind: 'over' });
    expect(await where(4)).toEqual({ line: at('# SLEEP'), task: 'worker', reason: 'step' });
    expect((await driver.evaluate('total')) as { value: string }).toMatchObject({ value: '10' });
    driver.send({ type: 'debug.step', kind: 'over' });
    expect(await where(5)).toMatchObject({ line: at('# NEXT'), task: 'worker' });
    driver.send({ type: 'debug.continue' });
    expect((await driver.exit()).code).toBe(0);
  });

  it('Step Out of a plain function, and of one call of a recursive one, stops in its own caller', async () => {
    const source = `
import asyncio

def double(x):
    return x * 2  # DOUBLE

def fact(n):
    if n <= 1:
        return 1  # BASE
    return n * fact(n - 1)  # RECURSE

async def main():
    y = double(3) + 1  # SYNC-CALL
    print(y, fact(3))

asyncio.run(main())
`;
    await driver.start(source, { breakpoints: [{ file: FILE, line: lineOf(source, '# DOUBLE') }, { file: FILE, line: lineOf(source, '# BASE') }] });
    await driver.pause(1);
    driver.send({ type: 'debug.step', kind: 'out' });
    const fromDouble = await driver.pause(2);
    expect(fromDouble.location?.[1]).toBe(lineOf(source, '# SYNC-CALL'));
    expect(fromDouble.reason.description).toBe('Stepped out of double, which returned 6');
    driver.send({ type: 'debug.continue' });
    await driver.pause(3);
    driver.send({ type: 'debug.step', kind: 'out' });
    const fromBase = await driver.pause(4);
    expect(fromBase.location?.[1]).toBe(lineOf(source, '# RECURSE'));
    expect(fromBase.reason.description).toBe('Stepped out of fact, which returned 1');
    // In fact(2), the call that made fact(1): not fact(3).
    expect(detailOf(fromBase, fromBase.taskId!).stack.map((f) => f.function)).toEqual(['main', 'fact', 'fact']);
    expect((await driver.evaluate('n')) as { value: string }).toMatchObject({ value: '2' });
    driver.send({ type: 'debug.continue' });
    expect((await driver.exit()).code).toBe(0);
    expect(driver.output()).toBe('7 6\n');
  });

  it('Step Into a line that creates a task stops in the new task', async () => {
    await driver.start(PROGRAM, { breakpoints: [{ file: FILE, line: at('# SPAWN') }] });
    await where(1);
    driver.send({ type: 'debug.step', kind: 'into' });
    expect(await where(2)).toMatchObject({ line: at('# SPAWN') + 1, task: 'Task-1' });
    driver.send({ type: 'debug.step', kind: 'into' });
    expect(await where(3)).toMatchObject({ line: at('# FETCH'), task: 'spawned' });
    driver.send({ type: 'debug.continue' });
    await driver.exit();
  });

  it('Step to Next Switch stops when the loop resumes another task', async () => {
    await driver.start(PROGRAM, { breakpoints: [{ file: FILE, line: at('# SLEEP') }] });
    await where(1);
    driver.send({ type: 'debug.step', kind: 'switch' });
    const switched = await driver.pause(2);
    expect(switched.reason.description).toMatch(/^Switched to task /);
    expect(taskNamed(switched, 'noisy').id).toBe(switched.taskId);
    driver.send({ type: 'debug.continue' });
    await driver.exit();
  });

  it('Run to Line stops at that line in whichever task gets there', async () => {
    await driver.start(PROGRAM, { breakpoints: [{ file: FILE, line: at('# CALL') }] });
    await where(1);
    driver.send({ type: 'debug.runToLine', file: FILE, line: at('# NOISY') });
    expect(await where(2)).toMatchObject({ line: at('# NOISY'), task: 'noisy' });
    driver.send({ type: 'debug.continue' });
    await driver.exit();
  });

  it('Step Over across a cancellation and a failing TaskGroup stops where the task goes on', async () => {
    const source = `
import asyncio

async def fails():
    await asyncio.sleep(0.1)
    raise ValueError("bad")

async def victim():
    try:
        await asyncio.sleep(10)  # VICTIM
    except asyncio.CancelledError:
        print("victim cancelled")  # HANDLER
        raise

async def main():
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(fails())
            group.create_task(victim(), name="victim")
    except* ValueError as errors:
        print("caught", len(errors.exceptions))

asyncio.run(main())
`;
    await driver.start(source, { breakpoints: [{ file: FILE, line: lineOf(source, '# VICTIM') }] });
    const first = await driver.pause(1);
    expect(first.snapshot.tasks.find((t) => t.id === first.taskId)?.name).toBe('victim');
    driver.send({ type: 'debug.step', kind: 'over' });
    const second = await driver.pause(2);
    expect(second.location?.[1]).toBe(lineOf(source, 'except asyncio.CancelledError'));
    expect(second.taskId).toBe(first.taskId);
    driver.send({ type: 'debug.step', kind: 'over' });
    expect((await driver.pause(3)).location?.[1]).toBe(lineOf(source, '# HANDLER'));
    driver.send({ type: 'debug.continue' });
    await driver.exit();
    expect(driver.output()).toBe('victim cancelled\ncaught 1\n');
  });

  it('cancels a task while paused, and the cancellation arrives', async () => {
    await driver.start(PROGRAM, { breakpoints: [{ file: FILE, line: at('# GATHER') }] });
    const paused = await driver.pause(1);
    driver.send({ type: 'debug.cancelTask', taskId: taskNamed(paused, 'noisy').id });
    driver.send({ type: 'debug.continue' });
    expect((await driver.exit()).code).toBe(1);
    expect(driver.output('stderr')).toMatch(/CancelledError/);
  });
});

describe('pausing', () => {
  it('pauses the program when Pause is sent the moment the run starts (not the engine setting it up)', async () => {
    // Long enough in real time for the pause to land before the end, however warm the engine.
    const source = 'import asyncio\n\nasync def main():\n    total = 0\n    for i in range(3_000_000):\n        total += i\n    print("done", i)\n\nasyncio.run(main())\n';
    await driver.start(source);
    driver.send({ type: 'debug.pause' });
    const paused = await driver.pause(1);
    expect(paused.reason.kind).toBe('pause');
    expect(paused.location?.[0]).toBe(FILE);
    driver.send({ type: 'debug.continue' });
    expect((await driver.exit()).code).toBe(0);
    expect(driver.output()).toBe('done 2999999\n');
    expect(driver.output('stderr')).toBe('');
  });

  it('pauses a runaway loop at its current line, with locals, and can stop it', async () => {
    const source = 'import asyncio\n\nasync def spin():\n    n = 0\n    while True:\n        n += 1\n\nasyncio.run(spin())\n';
    await driver.start(source);
    await driver.waitFor((e): e is Extract<typeof e, { type: 'engine.ready' }> => e.type === 'engine.ready');
    await new Promise((resolve) => setTimeout(resolve, 300));
    driver.send({ type: 'debug.pause' });
    const paused = await driver.pause(1);
    expect(paused.reason.kind).toBe('pause');
    expect([5, 6]).toContain(paused.location?.[1]);
    const n = Number(await driver.evaluate('n').then((v) => (v as { value: string }).value));
    expect(n).toBeGreaterThan(0);
    driver.send({ type: 'debug.continue' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    driver.send({ type: 'debug.pause' });
    const again = await driver.pause(2);
    const later = Number(await driver.evaluate('n', detailOf(again, again.taskId!).stack.at(-1)!.id).then((v) => (v as { value: string }).value));
    expect(later).toBeGreaterThan(n);
    await driver.session.stop();
    expect((await driver.exit()).reason).toBe('stopped');
  });

  it('pauses a program that set its own SIGINT handler, which keeps it but is not run', async () => {
    const source = [
      'import asyncio, signal',
      'stop = False',
      'def on_interrupt(signum, frame):',
      '    global stop',
      '    stop = True',
      'signal.signal(signal.SIGINT, on_interrupt)',
      'print("kept:", signal.getsignal(signal.SIGINT) is on_interrupt)',
      'async def main():',
      '    n = 0',
      '    while not stop:',
      '        n += 1',
      'asyncio.run(main())',
      '',
    ].join('\n');
    await driver.start(source);
    await driver.waitFor((e): e is Extract<typeof e, { type: 'engine.ready' }> => e.type === 'engine.ready');
    await new Promise((resolve) => setTimeout(resolve, 300));
    driver.send({ type: 'debug.pause' });
    expect((await driver.pause(1)).reason.kind).toBe('pause');
    expect((await driver.evaluate('stop')) as { value: string }).toMatchObject({ value: 'False' });
    await driver.session.stop();
    expect((await driver.exit()).reason).toBe('stopped');
    expect(driver.output()).toBe('kept: True\n');
  });
});
