import { describe, expect, it } from 'vitest';
import { FILE, useDebugDriver, detailOf, lineOf, taskNamed } from './driver.js';

const driver = useDebugDriver();

const WORKERS = `
import asyncio

async def worker(name, delay, log):
    for i in range(2):
        await asyncio.sleep(delay)  # AWAIT
        log.append((name, i))  # AFTER

async def main():
    log = []
    await asyncio.gather(worker("a", 0.1, log), worker("b", 0.15, log))
    print(log)

asyncio.run(main())
`;

describe('line breakpoints', () => {
  it('stop once per arrival at an await line, with the task, its stack and locals', async () => {
    const line = lineOf(WORKERS, '# AWAIT');
    await driver.start(WORKERS, { breakpoints: [{ file: FILE, line }] });
    const seen: Array<[string, number]> = [];
    for (let n = 1; n <= 4; n++) {
      const paused = await driver.pause(n);
      expect(paused.reason.kind).toBe('breakpoint');
      expect(paused.location).toEqual([FILE, line]);
      const task = paused.snapshot.tasks.find((t) => t.id === paused.taskId)!;
      const detail = detailOf(paused, task.id);
      expect(detail.stack.at(-1)).toMatchObject({ function: 'worker', line, user: true });
      // The task's own frames only: nothing of the loop that runs its step.
      expect(detail.stack.map((f) => f.function)).toEqual(['worker']);
      const locals = Object.fromEntries(detail.locals.map((v) => [v.name, v.value]));
      seen.push([JSON.parse(locals.name!.replace(/'/g, '"')) as string, Number(locals.i)]);
      driver.send({ type: 'debug.continue' });
    }
    expect((await driver.exit()).code).toBe(0);
    expect(driver.pauses()).toHaveLength(4);
    expect(seen).toEqual([['a', 0], ['b', 0], ['a', 1], ['b', 1]]);
    expect(driver.output()).toBe("[('a', 0), ('b', 0), ('a', 1), ('b', 1)]\n");
  });

  it('do not stop again when a cancellation is thrown into the await', async () => {
    const source = `
import asyncio

async def sleeper():
    try:
        await asyncio.sleep(10)  # AWAIT
    except asyncio.CancelledError:
        print("cancelled")
        raise

async def main():
    task = asyncio.create_task(sleeper())
    await asyncio.sleep(1)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)

asyncio.run(main())
`;
    await driver.start(source, { breakpoints: [{ file: FILE, line: lineOf(source, '# AWAIT') }], autoContinue: true });
    expect((await driver.exit()).code).toBe(0);
    expect(driver.pauses()).toHaveLength(1);
    expect(driver.output()).toBe('cancelled\n');
  });

  it('honour a condition, a hit count and a log message', async () => {
    const after = lineOf(WORKERS, '# AFTER');
    await driver.start(WORKERS, {
      autoContinue: true,
      breakpoints: [
        { file: FILE, line: after, condition: 'name == "b"', hitCount: 2 },
        { file: FILE, line: lineOf(WORKERS, '# AWAIT'), logMessage: 'worker {name} round {i}' },
      ],
    });
    await driver.exit();
    const pauses = driver.pauses();
    expect(pauses).toHaveLength(1);
    expect(Object.fromEntries(detailOf(pauses[0]!, pauses[0]!.taskId!).locals.map((v) => [v.name, v.value]))).toMatchObject({ name: "'b'", i: '1' });
    const logs = driver.events.flatMap((e) => (e.type === 'warning' && e.category === 'Logpoint' ? [e.message] : []));
    expect(logs).toEqual(['worker a round 0', 'worker b round 0', 'worker a round 1', 'worker b round 1']);
  });
});

describe('breakpoints in module code', () => {
  it('stop before the program has made a loop, and after its loop has closed', async () => {
    const source = 'import asyncio\nx = 41  # BEFORE\n\nasync def main():\n    return x + 1\n\ny = asyncio.run(main())\nprint(y)  # AFTER\n';
    await driver.start(source, { breakpoints: [{ file: FILE, line: lineOf(source, '# BEFORE') }, { file: FILE, line: lineOf(source, '# AFTER') }] });
    const before = await driver.pause(1);
    expect(before).toMatchObject({ taskId: null, location: [FILE, lineOf(source, '# BEFORE')], snapshot: { tasks: [] } });
    expect(await driver.evaluate('asyncio.__name__')).toMatchObject({ value: "'asyncio'" });
    driver.send({ type: 'debug.continue' });
    const after = await driver.pause(2);
    expect(after.location).toEqual([FILE, lineOf(source, '# AFTER')]);
    expect(await driver.evaluate('y')).toMatchObject({ value: '42' });
    driver.send({ type: 'debug.continue' });
    expect((await driver.exit()).code).toBe(0);
    expect(driver.output()).toBe('42\n');
  });
});

describe('breakpoints in a module the program imports', () => {
  it('stop there too, with the module\'s locals', async () => {
    const helper = 'import asyncio\n\nasync def work(n):\n    await asyncio.sleep(0.1)\n    return n * 2\n';
    const main = 'import asyncio\nimport helper\n\nasync def main():\n    print(await helper.work(21))\n\nasyncio.run(main())\n';
    const helperFile = FILE.replace(/[^/]+$/, 'helper.py');
    await driver.start(main, { modules: { 'helper.py': helper }, breakpoints: [{ file: helperFile, line: 5 }], autoContinue: true });
    expect((await driver.exit()).code).toBe(0);
    const [paused] = driver.pauses();
    expect(paused?.location).toEqual([helperFile, 5]);
    expect(detailOf(paused!, paused!.taskId!).locals).toContainEqual(expect.objectContaining({ name: 'n', value: '21' }));
    expect(driver.output()).toBe('42\n');
  });
});

describe('scheduler breakpoints', () => {
  const SCHEDULER = `
import asyncio

async def child(n):
    await asyncio.sleep(0.1 * n)
    if n == 2:
        raise ValueError("two")
    return n

async def hold(lock, fut):
    async with lock:
        await asyncio.sleep(0.5)
    fut.set_result("released")

async def main():
    lock = asyncio.Lock()
    fut = asyncio.get_running_loop().create_future()
    waiter = asyncio.create_task(asyncio.sleep(100), name="sleeper")
    tasks = [asyncio.create_task(child(n), name=f"child{n}") for n in range(1, 4)]
    holder = asyncio.create_task(hold(lock, fut), name="holder")
    await asyncio.sleep(0.2)
    async with lock:
        pass
    print(await fut)
    waiter.cancel()
    print(await asyncio.gather(*tasks, waiter, return_exceptions=True))

asyncio.run(main())
`;
  const kinds = async (events: string[], names: string[] = []) => {
    await driver.start(SCHEDULER, { autoContinue: true, breakOn: events as never, breakOnTaskNames: names });
    await driver.exit();
    return driver.pauses().map((p) => `${p.reason.kind}: ${p.reason.description}`);
  };

  it('break on task creation, completion, cancellation and failure', async () => {
    const pauses = await kinds(['task-created', 'task-finished', 'task-cancelled', 'task-failed']);
    expect(pauses.filter((p) => p.startsWith('task-created'))).toHaveLength(6);
    expect(pauses).toContain('task-failed: Task child2 failed: ValueError: two');
    expect(pauses).toContain('task-cancelled: Task sleeper was cancelled');
    expect(pauses).toContain('task-finished: Task child1 finished');
    expect(driver.output()).toMatch(/\[1, ValueError\('two'\), 3, CancelledError\(('')?\)\]/);
  });

  it('break on lock contention, acquisition and release, and on futures', async () => {
    const pauses = await kinds(['lock-contended', 'lock-acquired', 'lock-released', 'future-resolved']);
    expect(pauses[0]).toMatch(/^lock-acquired: Lock #1 acquired/);
    expect(pauses).toContain('lock-contended: Lock #1 is contended');
    expect(pauses.filter((p) => p.startsWith('lock-released'))).toHaveLength(2);
    expect(pauses.at(-1)).toMatch(/^future-resolved: Future #1 resolved/);
    const contended = driver.pauses().find((p) => p.reason.kind === 'lock-contended')!;
    const lock = contended.snapshot.resources.find((r) => r.kind === 'Lock')!;
    expect(lock.name).toBe('lock');
    expect(lock.holders).toEqual([taskNamed(contended, 'holder').id]);
  });

  it('break on every task switch, or only on switches to named tasks', async () => {
    const all = await kinds(['task-switch']);
    expect(all.length).toBeGreaterThan(8);
    const named = await kinds(['task-switch'], ['holder']);
    expect(named).toEqual(['task-switch: Task switch to holder', 'task-switch: Task switch to holder']);
  });

  it('break on an uncaught exception and on an exception never retrieved', async () => {
    const source = `
import asyncio, gc

async def boom():
    raise RuntimeError("lost")

async def main():
    asyncio.create_task(boom())
    await asyncio.sleep(0.1)
    gc.collect()
    raise KeyError("top")

asyncio.run(main())
`;
    await driver.start(source, { autoContinue: true, breakOn: ['exception', 'never-retrieved'] });
    expect((await driver.exit()).code).toBe(1);
    const reasons = driver.pauses().map((p) => p.reason.kind);
    expect(reasons).toEqual(['exception', 'never-retrieved', 'exception']);
    expect(driver.pauses()[2]!.reason.description).toBe("Task Task-1 failed: KeyError: 'top'");
    expect(driver.pauses()[2]!.location).toEqual([FILE, lineOf(source, 'KeyError')]);
    expect(driver.events.some((e) => e.type === 'warning' && e.category === 'NeverRetrieved')).toBe(true);
  });
});
