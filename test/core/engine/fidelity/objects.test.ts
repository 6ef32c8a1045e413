// The debugger leaves no trace in the program's objects: what objects_probe.py prints of every
// primitive asyncio has, of tasks, futures and a TaskGroup (vars, dir, repr, copy.copy, deep
// copy, pickle) is the same in the engine as under the local python3, and the Variables panel
// lists a primitive's own fields and nothing of the debugger's.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Variable } from '../../../../core/protocol/index.js';
import { collectRun } from '../../../../core/session/collect.js';
import { readProgramFile } from '../../../../core/session/program-file.js';
import { FILE, detailOf, lineOf, useDebugDriver } from '../../debugger/driver.js';

const PROBE = join(import.meta.dirname, 'objects_probe.py');
const native = spawnSync('python3', [PROBE], {
  cwd: import.meta.dirname,
  encoding: 'utf8',
  env: { ...process.env, PYTHONHASHSEED: '0', PYTHONDONTWRITEBYTECODE: '1' },
});
const missing = native.error
  ? `python3 cannot be run: ${native.error.message}`
  : native.status !== 0
    ? `python3 failed on the probe (TaskGroup needs 3.11+): ${native.stderr.trim().split('\n').at(-1)}`
    : undefined;
if (missing) console.log(`object fidelity against python3: skipped: ${missing}`);

// Names asyncio's objects gained after 3.11, by the version that added them: where the local
// python3 predates one, the name is left out on both sides (the engine runs 3.14). Nothing else
// may differ.
const ADDED: Record<string, number> = {
  __module__: 12, get_context: 12, // in dir() of the C Task and Future
  __firstlineno__: 13, __static_attributes__: 13, // on every class a class statement makes
  _notify: 13, // Condition
  _is_shutdown: 13, shutdown: 13, // Queue.shutdown
  _asyncio_awaited_by: 14, // the C Task and Future
  _aexit: 14, // TaskGroup
};

type Outcome = [string, unknown];
interface Shown {
  label: string;
  type?: string;
  dir?: string[];
  repr?: string;
  vars?: Outcome;
  copy?: Outcome;
  deepcopy?: Outcome;
  pickle?: Outcome;
  version?: [number, number];
}

function parse(stdout: string): Shown[] {
  return stdout.trim().split('\n').map((line) => JSON.parse(line) as Shown);
}

/** `shown` without the names that the older of the two Pythons does not have yet. */
function comparable(shown: Shown[], minor: number): Shown[] {
  const kept = (name: string) => !(name in ADDED) || ADDED[name]! <= minor;
  const fields = (outcome?: Outcome): Outcome | undefined =>
    outcome && outcome[0] === 'ok' && Array.isArray(outcome[1])
      ? ['ok', (outcome[1] as Array<[string, string]>).filter(([name]) => kept(name))]
      : outcome;
  return shown
    .filter((s) => s.label !== 'python')
    .map((s) => ({
      ...s,
      dir: s.dir?.filter(kept),
      vars: fields(s.vars),
      copy: fields(s.copy),
      deepcopy: fields(s.deepcopy),
      pickle: s.label.endsWith(': pickle') ? s.pickle : fields(s.pickle),
    }));
}

describe('a program sees its asyncio objects as under python3', () => {
  const driver = useDebugDriver();

  it.skipIf(missing)('vars, dir, repr, copy, deepcopy and pickle of every primitive, task, future and TaskGroup', async () => {
    const expected = parse(native.stdout);
    const minor = Math.min(expected.at(-1)!.version![1], 14);
    const result = await collectRun(driver.session, { ...readProgramFile(PROBE), argv: [] });
    expect(result.exit.code, result.stderr).toBe(0);
    const got = parse(result.stdout);
    expect(got.at(-1)!.version).toEqual([3, 14]);
    expect(JSON.stringify(got)).not.toContain('_ls_');
    expect(got.map((s) => s.label)).toEqual(expected.map((s) => s.label));
    const want = comparable(expected, minor);
    comparable(got, minor).forEach((shown, i) => expect(shown, shown.label).toEqual(want[i]));
  });

  it('shows a primitive\'s own fields in the Variables panel, and no debugger field', async () => {
    const source = `
import asyncio

async def main():
    lock, sem, event, cond = asyncio.Lock(), asyncio.Semaphore(2), asyncio.Event(), asyncio.Condition()
    queue, barrier = asyncio.Queue(), asyncio.Barrier(2)
    group = asyncio.TaskGroup()
    async with lock, sem, group:
        queue.put_nowait(1)
        group.create_task(asyncio.sleep(0))
        print("here")  # PAUSE

asyncio.run(main())
`;
    await driver.start(source, { breakpoints: [{ file: FILE, line: lineOf(source, '# PAUSE') }] });
    const paused = await driver.pause(1);
    const locals = detailOf(paused, paused.taskId!).locals;
    const frameId = detailOf(paused, paused.taskId!).stack.at(-1)!.id;
    // What the panel lists under a local, and what the program's own vars() has.
    const panel = async (name: string) => {
      const local = locals.find((v) => v.name === name)!;
      const fields = (await driver.session.request({ type: 'inspect.variables', ref: local.ref })) as Variable[];
      return fields.map((v) => v.name).sort();
    };
    const isOwn = async (name: string, fields: string[]) =>
      ((await driver.evaluate(`sorted(vars(${name})) == ${JSON.stringify(fields)}`, frameId)) as { value: string }).value;
    for (const name of ['lock', 'sem', 'event', 'cond', 'queue', 'barrier', 'group']) {
      const fields = await panel(name);
      expect(await isOwn(name, fields), `${name}: ${fields.join(', ')}`).toBe('True');
      expect(fields.filter((field) => field.startsWith('_ls_')), name).toEqual([]);
    }
    expect(await panel('lock')).toEqual(['_locked', '_waiters']);
    driver.send({ type: 'debug.continue' });
    await driver.exit();
  });
});
