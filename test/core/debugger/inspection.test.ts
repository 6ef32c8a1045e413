import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TaskStacks, type Variable } from '../../../core/protocol/index.js';
import { FILE, useDebugDriver, detailOf, lineOf, taskNamed } from './driver.js';

const driver = useDebugDriver();

const PRIMITIVES = `
import asyncio

class Account:
    def __init__(self):
        self.balance = {"alice": 10, "bob": [1, 2, 3]}

async def hold(lock, sem):
    async with lock, sem:
        await asyncio.sleep(1)

async def want(lock):
    async with lock:
        pass

async def main():
    account = Account()
    lock = asyncio.Lock()
    sem = asyncio.Semaphore(2)
    ready = asyncio.Event()
    queue = asyncio.Queue(maxsize=3)
    cond = asyncio.Condition()
    barrier = asyncio.Barrier(3)
    fut = asyncio.get_running_loop().create_future()
    queue.put_nowait("job")
    holder = asyncio.create_task(hold(lock, sem), name="holder")
    await asyncio.sleep(0)
    waiters = [asyncio.create_task(want(lock), name=f"want{i}") for i in range(2)]
    setter = asyncio.create_task(ready.wait(), name="event-waiter")
    barrier_task = asyncio.create_task(barrier.wait(), name="at-barrier")
    asyncio.get_running_loop().call_later(5, print, "later")
    await asyncio.sleep(0.5)
    fut.set_result(42)  # PAUSE
    ready.set()
    barrier_task.cancel()
    await asyncio.gather(holder, *waiters, setter, return_exceptions=True)

asyncio.run(main())
`;

describe('inspection while paused', () => {
  it('shows each primitive with its name, holders, waiters in order, and value', async () => {
    await driver.start(PRIMITIVES, { breakpoints: [{ file: FILE, line: lineOf(PRIMITIVES, '# PAUSE') }] });
    const paused = await driver.pause(1);
    const byName = Object.fromEntries(paused.snapshot.resources.map((r) => [r.name, r]));
    const id = (name: string) => taskNamed(paused, name).id;
    expect(byName.lock).toMatchObject({ kind: 'Lock', locked: true, holders: [id('holder')], waiters: [id('want0'), id('want1')] });
    expect(byName.sem).toMatchObject({ kind: 'Semaphore', value: 1, holders: [id('holder')] });
    expect(byName.ready).toMatchObject({ kind: 'Event', isSet: false, waiters: [id('event-waiter')] });
    expect(byName.queue).toMatchObject({ kind: 'Queue', size: 1, maxsize: 3 });
    expect(byName.cond).toMatchObject({ kind: 'Condition', locked: false });
    expect(byName.barrier).toMatchObject({ kind: 'Barrier', parties: 3, count: 1 });
    expect(byName.lock!.site).toEqual([FILE, lineOf(PRIMITIVES, 'lock = asyncio.Lock()')]);
    expect(paused.snapshot.futures).toEqual([expect.objectContaining({ state: 'pending', site: [FILE, lineOf(PRIMITIVES, 'create_future')] })]);
    expect(taskNamed(paused, 'want0')).toMatchObject({ state: 'waiting', waitingOn: { kind: 'resource', id: byName.lock!.id } });
    expect(taskNamed(paused, 'holder').waitingOn).toMatchObject({ kind: 'sleep', until: 1 });
    expect(paused.snapshot.loop.timers).toContainEqual({ when: 5, label: 'print' });
    expect(paused.graph.edges).toContainEqual({ from: `resource:${byName.lock!.id}`, to: `task:${id('holder')}`, kind: 'held-by' });
    expect(paused.graph.cycles).toEqual([]);

    const locals = detailOf(paused, paused.taskId!).locals;
    const account = locals.find((v) => v.name === 'account')!;
    expect(account.ref).toBeGreaterThan(0);
    const fields = (await driver.session.request({ type: 'inspect.variables', ref: account.ref })) as Variable[];
    const balance = fields.find((v) => v.name === 'balance')!;
    const entries = (await driver.session.request({ type: 'inspect.variables', ref: balance.ref })) as Variable[];
    expect(entries.map((v) => [v.name, v.value])).toEqual([["'alice'", '10'], ["'bob'", '[1, 2, 3]']]);

    const holderFrame = detailOf(paused, id('holder')).stack.find((f) => f.function === 'hold')!;
    expect(await driver.evaluate('sem._value + 40', holderFrame.id)).toMatchObject({ value: '41', type: 'int' });
    await expect(driver.evaluate('undefined_name')).rejects.toThrow(/NameError/);

    // All stacks at once, compactly: the same frames as the details, for every task.
    const stacks = TaskStacks.parse(await driver.session.request({ type: 'inspect.stacks' }));
    expect(stacks.tasks.map(([taskId]) => taskId).sort()).toEqual(paused.snapshot.tasks.map((t) => t.id).sort());
    const where = (taskId: number) => stacks.tasks.find(([tid]) => tid === taskId)![1]
      .map((index) => stacks.frames[index]!)
      .map(([fn, file, line]) => `${fn}@${stacks.files[file]!.user ? 'user' : 'lib'}:${line}`);
    expect(where(paused.taskId!)).toEqual([`main@user:${lineOf(PRIMITIVES, '# PAUSE')}`]);
    expect(where(id('holder'))).toEqual([`hold@user:${lineOf(PRIMITIVES, 'await asyncio.sleep(1)')}`, expect.stringMatching(/^sleep@lib:\d+$/)]);
    expect(where(id('want0'))).toEqual([`want@user:${lineOf(PRIMITIVES, 'async with lock:')}`,
      expect.stringMatching(/^.*__aenter__@lib:\d+$/), expect.stringMatching(/^.*acquire@lib:\d+$/)]);
    const some = TaskStacks.parse(await driver.session.request({ type: 'inspect.stacks', taskIds: [id('want1')] }));
    expect(some.tasks.map(([taskId]) => taskId)).toEqual([id('want1')]);
    driver.send({ type: 'debug.continue' });
    await driver.exit();
    expect((await driver.exit()).code).toBe(0);
  });
});

const WAITS = `
import asyncio

async def nap(seconds):
    await asyncio.sleep(seconds)

async def guarded(inner):
    await asyncio.shield(inner)

async def waits_any(tasks):
    await asyncio.wait(tasks)

async def gathers(tasks):
    await asyncio.gather(*tasks)

async def awaits_task(task):
    await task

async def awaits_future(fut):
    await fut

async def in_group():
    async with asyncio.TaskGroup() as group:
        group.create_task(nap(3), name="grouped")

async def queue_get(queue):
    await queue.get()

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    a = asyncio.create_task(nap(2), name="a")
    b = asyncio.create_task(nap(4), name="b")
    tasks = [
        asyncio.create_task(guarded(a), name="shielding"),
        asyncio.create_task(waits_any([a, b]), name="waiting-any"),
        asyncio.create_task(gathers([a, b]), name="gathering"),
        asyncio.create_task(awaits_task(b), name="awaiting-b"),
        asyncio.create_task(awaits_future(fut), name="on-future"),
        asyncio.create_task(in_group(), name="group-owner"),
        asyncio.create_task(queue_get(asyncio.Queue()), name="getter"),
    ]
    await asyncio.sleep(0.5)
    fut.set_result(None)  # PAUSE
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, a, b, return_exceptions=True)

asyncio.run(main())
`;

describe('what a waiting task waits on', () => {
  it('is named for each way of waiting: sleep, shield, wait, gather, a task, a future, a TaskGroup, a queue', async () => {
    await driver.start(WAITS, { breakpoints: [{ file: FILE, line: lineOf(WAITS, '# PAUSE') }] });
    const paused = await driver.pause(1);
    const waiting = (name: string) => taskNamed(paused, name).waitingOn;
    const id = (name: string) => taskNamed(paused, name).id;
    expect(waiting('a')).toMatchObject({ kind: 'sleep', until: 2 });
    expect(waiting('shielding')).toMatchObject({ kind: 'shield' });
    expect(waiting('waiting-any')).toMatchObject({ kind: 'wait' });
    expect(waiting('gathering')).toMatchObject({ kind: 'gather', ids: [id('a'), id('b')] });
    expect(waiting('awaiting-b')).toMatchObject({ kind: 'task', id: id('b') });
    expect(waiting('on-future')).toMatchObject({ kind: 'future', id: paused.snapshot.futures[0]!.id });
    expect(waiting('group-owner')).toMatchObject({ kind: 'taskgroup', id: taskNamed(paused, 'grouped').group });
    expect(paused.graph.edges).toContainEqual(expect.objectContaining({ from: `task:${id('group-owner')}`, to: `task:${id('grouped')}`, kind: 'waits' }));
    const queue = paused.snapshot.resources.find((r) => r.kind === 'Queue')!;
    expect(waiting('getter')).toMatchObject({ kind: 'resource', id: queue.id });
    expect(queue.getters).toEqual([id('getter')]);
    driver.send({ type: 'debug.continue' });
    expect((await driver.exit()).code).toBe(0);
  });
});

const DEADLOCKS: Record<string, [string, RegExp]> = {
  'a lock cycle': [`
import asyncio
async def philosopher(name, left, right):
    async with left:
        await asyncio.sleep(0.1)
        async with right:
            print(name, "eats")
async def main():
    fork_a, fork_b = asyncio.Lock(), asyncio.Lock()
    await asyncio.gather(philosopher("p1", fork_a, fork_b), philosopher("p2", fork_b, fork_a))
asyncio.run(main())
`, /^Lock cycle: .*Lock fork_a is held by Task-2.*Task-2 waits for Lock fork_b/],
  'tasks awaiting each other': [`
import asyncio
tasks = {}
async def a():
    await asyncio.sleep(0.1)
    await tasks["b"]
async def b():
    await asyncio.sleep(0.1)
    await tasks["a"]
async def main():
    tasks["a"] = asyncio.create_task(a(), name="A")
    tasks["b"] = asyncio.create_task(b(), name="B")
    await asyncio.gather(tasks["a"], tasks["b"])
asyncio.run(main())
`, /^Await cycle: A waits for B, B waits for A/],
  'a queue nobody will feed': [`
import asyncio
async def consumer(queue):
    while True:
        item = await queue.get()
        print("got", item)
async def main():
    queue = asyncio.Queue()
    await queue.put(1)
    await consumer(queue)
asyncio.run(main())
`, /^Every task is blocked .*Task-1 waits on Queue queue/],
  'a deadlock hidden by a ticking timer': [`
import asyncio
async def heartbeat():
    while True:
        await asyncio.sleep(0.1)
async def philosopher(left, right):
    async with left:
        await asyncio.sleep(0.1)
        async with right:
            pass
async def main():
    asyncio.create_task(heartbeat(), name="heartbeat")
    l1, l2 = asyncio.Lock(), asyncio.Lock()
    await asyncio.gather(philosopher(l1, l2), philosopher(l2, l1))
asyncio.run(main())
`, /^Lock cycle: /],
};

describe('deadlock detection', () => {
  for (const [what, [source, description]] of Object.entries(DEADLOCKS)) {
    it(`finds and names ${what}`, async () => {
      await driver.start(source, { autoContinue: true });
      const exit = await driver.exit();
      expect(exit.code).toBe(113);
      const paused = driver.pauses();
      expect(paused).toHaveLength(1);
      expect(paused[0]!.reason.kind).toBe('deadlock');
      expect(paused[0]!.reason.description.replace(/^Deadlock: /, '')).toMatch(description);
      expect(driver.output('stderr')).toContain('Loopscope: deadlock. No task can ever run again.');
      if (what.includes('timer')) expect(paused[0]!.snapshot.loop.time).toBeLessThan(1);
    });
  }

  it('is reported by the CLI with each task, what it waits on and who holds it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loopscope-'));
    const file = join(dir, 'philosophers.py');
    writeFileSync(file, DEADLOCKS['a lock cycle']![0]);
    const result = spawnSync(process.execPath, ['bin/loopscope.js', 'run', file], { encoding: 'utf8' });
    expect(result.status).toBe(113);
    expect(result.stderr).toContain('Lock cycle: Lock fork_a is held by Task-2');
    expect(result.stderr).toMatch(new RegExp(`Task-2: waits on Lock fork_b \\(held by Task-3\\) at ${file}:6`));
  });
});

describe('determinism', () => {
  it('the same breakpoints pause at the same places with the same snapshots every run', async () => {
    const source = DEADLOCKS['a deadlock hidden by a ticking timer']![0];
    const options = { autoContinue: true, breakpoints: [{ file: FILE, line: 8 }], breakOn: ['task-switch' as const, 'deadlock' as const] };
    await driver.start(source, options);
    await driver.exit();
    const first = JSON.stringify(driver.events.filter((e) => e.type !== 'engine.ready'));
    await driver.start(source, options);
    await driver.exit();
    expect(JSON.stringify(driver.events.filter((e) => e.type !== 'engine.ready'))).toBe(first);
    expect(driver.pauses().length).toBeGreaterThan(5);
  });
});

const LINTS = `
import asyncio

flag = []

async def poller():
    while not flag:
        await asyncio.sleep(0)  # POLL

async def main():
    task = asyncio.create_task(poller(), name="poller")
    for _ in range(5000):
        await asyncio.sleep(0)
    total = 0
    for i in range(5_000_000):  # SLOW
        total += i
    flag.append(total)
    await task  # JOIN

asyncio.run(main())
`;

describe('lints', () => {
  it('report a task polling in a busy loop, and a step that holds the loop, with where they are', async () => {
    await driver.start(LINTS);
    expect((await driver.exit()).code).toBe(0);
    const warnings = driver.events.flatMap((e) => (e.type === 'warning' ? [e] : []));
    const busy = warnings.find((w) => w.category === 'BusyLoop' && w.message.includes('poller'));
    expect(busy).toMatchObject({ file: FILE, line: lineOf(LINTS, '# POLL'), message: expect.stringMatching(/woke itself \d+ times in a row/) });
    const slow = warnings.find((w) => w.category === 'SlowStep');
    expect(slow).toMatchObject({ file: FILE, line: lineOf(LINTS, '# JOIN'), message: expect.stringMatching(/task Task-1 held the event loop for \d+ ms/) });
  });
});
