import { describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_CLIENT_MESSAGE_BYTES } from '../../../core/protocol/client.js';
import type { EngineEvent, SnapshotDeltaEvent, TaskRecord } from '../../../core/protocol/index.js';
import { applyEvents, initialState } from '../../../core/model/index.js';
import { HostSession } from '../../../core/session/host-session.js';
import { coalesceEvents } from '../../../core/session/coalesce.js';
import { docstringTitle } from '../../../core/session/examples.js';
import { RecordingClient, useHostSession } from './host-client.js';

const FILE = '/work/prog.py';
const hosted = useHostSession('loopscope-host-');
const { client, request } = hosted;

async function subscribed(): Promise<RecordingClient & { dispose: () => void }> {
  const c = client();
  expect((await request(c, { type: 'session.subscribe' })).ok).toBe(true);
  return c;
}

describe('HostSession: requests at the boundary', () => {
  it('answers every malformed request with ok:false and a clear error, and never throws', async () => {
    const c = client();
    const cases: Array<[unknown, RegExp]> = [
      ['hello', /must be a JSON object/],
      [null, /must be a JSON object/],
      [[1, 2], /must be a JSON object/],
      [{ id: 1 }, /unknown request type undefined/],
      [{ id: 2, type: 'session.explode' }, /unknown request type "session.explode" \(expected one of session.subscribe, /],
      [{ id: 3, type: 'session.run', source: 'print(1)' }, /invalid session.run request: filename: /],
      [{ id: 4, type: 'debug', command: { type: 'debug.fly' } }, /invalid debug request: command.type/],
      [{ id: -1, type: 'session.stop' }, /invalid session.stop request: id/],
    ];
    for (const [raw] of cases) await hosted.host.receive(c, raw);
    const responses = c.messages.filter((m) => m.type === 'response');
    expect(responses).toHaveLength(cases.length);
    responses.forEach((response, i) => {
      expect(response).toMatchObject({ ok: false });
      expect(response.type === 'response' && response.error).toMatch(cases[i]![1]);
    });
    // The id of a request that failed validation comes back when it is usable.
    expect(responses.map((r) => r.type === 'response' && r.id)).toEqual([0, 0, 0, 1, 2, 3, 4, 0]);
    c.dispose();
  });

  it('rejects malformed JSON and oversized text before parsing', async () => {
    const c = client();
    await hosted.host.receiveText(c, '{"id": 1, "type": ');
    await hosted.host.receiveText(c, JSON.stringify({ id: 9, type: 'file.save', path: '/x.py', source: 'x'.repeat(MAX_CLIENT_MESSAGE_BYTES) }));
    expect(c.messages).toMatchObject([
      { type: 'response', id: 0, ok: false, error: expect.stringMatching(/^malformed JSON: /) },
      { type: 'response', id: 0, ok: false, error: expect.stringMatching(/^message too large: \d+ bytes \(the limit is 20971520\)/) },
    ]);
    c.dispose();
  });

  it('refuses debugger commands, restarts and subscriptions that cannot be carried out', async () => {
    const fresh = new HostSession({ engine: { prewarm: false } });
    const c = new RecordingClient();
    await fresh.receive(c, { id: 1, type: 'session.subscribe' });
    const dispose = fresh.attach(c);
    await fresh.receive(c, { id: 2, type: 'debug', command: { type: 'debug.continue' } });
    await fresh.receive(c, { id: 3, type: 'debug', command: { type: 'inspect.evaluate', expression: '1' } });
    await fresh.receive(c, { id: 4, type: 'session.restart' });
    expect(c.messages).toMatchObject([
      { id: 1, ok: false, error: 'attach the client before subscribing' },
      { id: 2, ok: false, error: 'no program is running' },
      { id: 3, ok: false, error: 'no program is running' },
      { id: 4, ok: false, error: 'nothing to restart: run a program first' },
    ]);
    dispose();
    await fresh.dispose();
  });
});

describe('HostSession: streaming a run', () => {
  it('subscribes with the full state, then streams a run to every client, coalesced on a tick', async () => {
    const a = await subscribed();
    const b = await subscribed();
    expect(a.messages[0]).toMatchObject({ type: 'state.full', droppedEvents: 0, state: { status: expect.any(String) } });
    const source = [
      'import asyncio',
      'async def worker(n):',
      '    for i in range(50):',
      '        await asyncio.sleep(0.01)',
      '    print("worker", n, "done")',
      'async def main():',
      '    await asyncio.gather(*(worker(n) for n in range(3)))',
      'asyncio.run(main())',
    ].join('\n') + '\n';
    const run = await request(a, { type: 'session.run', filename: FILE, source });
    expect(run).toMatchObject({ ok: true });
    const [exitA, exitB] = await Promise.all([a.exit(), b.exit()]);
    expect(exitA.code).toBe(0);
    expect(exitB.code).toBe(0);
    expect(a.stdout()).toBe('worker 0 done\nworker 1 done\nworker 2 done\n');
    expect(b.stdout()).toBe(a.stdout());
    // What the client rebuilt from the stream is what the host holds.
    const replayed = a.replayedState();
    expect(replayed.status).toBe('exited');
    expect(replayed.tasks).toEqual(hosted.host.sessionState.tasks);
    expect(replayed.loop).toEqual(hosted.host.sessionState.loop);
    // Replies to inspections go back as responses, never into the stream.
    expect(a.events().some((e) => e.type === 'reply')).toBe(false);
    a.dispose();
    b.dispose();
  });

  it('gives a client that fell behind one fresh full state with a dropped count, not a queue', async () => {
    const slow = await subscribed();
    slow.backlogBytes = 64 * 1024 * 1024;
    const before = slow.messages.length;
    const source = 'import asyncio\nasync def main():\n    for i in range(200):\n        await asyncio.sleep(0.01)\n        print(i)\nasyncio.run(main())\n';
    await request(slow, { type: 'session.run', filename: FILE, source });
    // Wait for the run to end as another client sees it.
    const watcher = await subscribed();
    // Both clients are served on the same tick: once the watcher has the exit, so would `slow`.
    await watcher.exit();
    expect(slow.messages.slice(before).filter((m) => m.type === 'events')).toHaveLength(0);
    slow.backlogBytes = 0;
    const full = await slow.waitFor((ms) => ms.slice(before).find((m) => m.type === 'state.full'), 'a fresh state.full');
    expect(full.type === 'state.full' && full.droppedEvents).toBeGreaterThan(0);
    const state = slow.replayedState();
    expect(state.status).toBe('exited');
    expect(state.console.map((entry) => entry.text).join('')).toContain('199\n');
    slow.dispose();
    watcher.dispose();
  });

  it('reads the files beside the program from disk, so it can import its modules and packages and read its data', async () => {
    const folder = mkdtempSync(join(hosted.dir, 'prog-'));
    writeFileSync(join(folder, 'helper.py'), 'GREETING = "hi from helper"\n');
    writeFileSync(join(folder, 'config.json'), '{"workers": 3}\n');
    writeFileSync(join(folder, 'image.bin'), Buffer.from([0xff, 0xfe, 0x00, 0x81]));
    mkdirSync(join(folder, 'pkg', 'sub'), { recursive: true });
    writeFileSync(join(folder, 'pkg', '__init__.py'), '');
    writeFileSync(join(folder, 'pkg', 'sub', '__init__.py'), 'DEPTH = 2\n');
    writeFileSync(join(folder, 'main.py'), '');
    const source = [
      'import helper, json, os',
      'from pkg.sub import DEPTH',
      'print(helper.GREETING, DEPTH)',
      'with open(os.path.join(os.path.dirname(__file__), "config.json")) as f:',
      '    print(json.load(f)["workers"])',
      // Binary files are not copied: the program finds none, as it would find a missing file.
      'print(os.path.exists(os.path.join(os.path.dirname(__file__), "image.bin")))',
    ].join('\n');
    const c = await subscribed();
    await request(c, { type: 'session.run', filename: join(folder, 'main.py'), source });
    expect((await c.exit()).code).toBe(0);
    expect(c.stdout()).toBe('hi from helper 2\n3\nFalse\n');
    c.dispose();
  });

  it('restarts the last run with new source, and stops a runaway', async () => {
    const c = await subscribed();
    await request(c, { type: 'session.run', filename: FILE, source: 'print("first")\n', argv: ['x'] });
    await c.exit();
    c.clear();
    expect(await request(c, { type: 'session.restart', source: 'import sys\nprint("second", sys.argv[1:])\n' })).toMatchObject({ ok: true });
    await c.exit();
    expect(c.stdout()).toBe("second ['x']\n");
    c.clear();
    await request(c, { type: 'session.run', filename: FILE, source: 'while True:\n    pass\n' });
    expect(await request(c, { type: 'session.stop' })).toMatchObject({ ok: true });
    // (How fast a stop is, `npm run bench` measures.)
    expect(await c.exit()).toMatchObject({ code: 130, reason: 'stopped' });
    c.dispose();
  });

  it('forwards debugger commands and answers inspections with their result', async () => {
    const c = await subscribed();
    const source = [
      'import asyncio',
      'async def worker(n):',
      '    total = n * 2',
      '    await asyncio.sleep(1)',
      '    print("total", total)',
      'asyncio.run(worker(21))',
    ].join('\n') + '\n';
    await request(c, { type: 'session.run', filename: FILE, source, breakpoints: [{ file: FILE, line: 4 }] });
    const paused = await c.waitFor(() => c.events().find((e) => e.type === 'paused'), 'paused');
    expect(paused).toMatchObject({ reason: { kind: 'breakpoint' }, location: [FILE, 4] });
    const evaluated = await request(c, { type: 'debug', command: { type: 'inspect.evaluate', expression: 'total + 1' } });
    expect(evaluated).toMatchObject({ ok: true, result: { value: '43' } });
    const failed = await request(c, { type: 'debug', command: { type: 'inspect.evaluate', expression: 'nope' } });
    expect(failed).toMatchObject({ ok: false, error: expect.stringContaining('nope') });
    expect(await request(c, { type: 'debug', command: { type: 'debug.continue' } })).toMatchObject({ ok: true });
    expect((await c.exit()).code).toBe(0);
    expect(c.stdout()).toBe('total 42\n');
    c.dispose();
  });

  it('restarts with the breakpoints set during the run', async () => {
    const c = await subscribed();
    const source = 'import asyncio\nasync def main():\n    x = 1\n    await asyncio.sleep(1)\n    print("end")\nasyncio.run(main())\n';
    await request(c, { type: 'session.run', filename: FILE, source, breakpoints: [{ file: FILE, line: 3 }] });
    await c.waitFor(() => c.events().find((e) => e.type === 'paused'), 'paused at line 3');
    await request(c, { type: 'debug', command: { type: 'debug.setBreakpoints', breakpoints: [{ file: FILE, line: 5 }] } });
    c.clear();
    await request(c, { type: 'session.restart' });
    const paused = await c.waitFor(() => c.events().find((e) => e.type === 'paused'), 'paused after restart');
    expect(paused).toMatchObject({ location: [FILE, 5] });
    await request(c, { type: 'session.stop' });
    await c.exit();
    c.dispose();
  });

  it('gives a client that subscribes while paused the whole paused state (a renderer reload)', async () => {
    const c = await subscribed();
    const source = 'import asyncio\nasync def main():\n    x = 1\n    await asyncio.sleep(1)\nasyncio.run(main())\n';
    await request(c, { type: 'session.run', filename: FILE, source, breakpoints: [{ file: FILE, line: 4 }] });
    await c.waitFor(() => c.events().find((e) => e.type === 'paused'), 'paused');
    const reloaded = await subscribed();
    const full = reloaded.messages.find((m) => m.type === 'state.full');
    expect(full).toMatchObject({ state: { status: 'paused', paused: { reason: { kind: 'breakpoint' } } } });
    await request(reloaded, { type: 'session.stop' });
    await reloaded.exit();
    c.dispose();
    reloaded.dispose();
  });
});

describe('HostSession: files and examples', () => {
  it('opens a file, and refuses missing files, folders and non-UTF-8 with clear errors', async () => {
    const c = client();
    const path = join(hosted.dir, 'open_me.py');
    writeFileSync(path, '\uFEFFprint("hi")\n');
    const opened = await request(c, { type: 'file.open', path });
    expect(opened).toMatchObject({ ok: true, result: { path, source: 'print("hi")\n', mtimeMs: statSync(path).mtimeMs } });
    writeFileSync(join(hosted.dir, 'latin1.py'), Buffer.from([0x23, 0x20, 0xe9, 0x0a]));
    expect(await request(c, { type: 'file.open', path: join(hosted.dir, 'missing.py') })).toMatchObject({ ok: false, error: `${join(hosted.dir, 'missing.py')}: no such file` });
    expect(await request(c, { type: 'file.open', path: hosted.dir })).toMatchObject({ ok: false, error: `${hosted.dir}: is a directory, not a Python file` });
    expect(await request(c, { type: 'file.open', path: join(hosted.dir, 'latin1.py') })).toMatchObject({ ok: false, error: expect.stringMatching(/not a UTF-8 text file/) });
    c.dispose();
  });

  it('saves atomically, keeps the mode, and reports outside changes and deletion but not its own saves', async () => {
    const c = client();
    const path = join(hosted.dir, 'watched.py');
    writeFileSync(path, 'print(1)\n');
    chmodSync(path, 0o600);
    await request(c, { type: 'file.open', path });
    const saved = await request(c, { type: 'file.save', path, source: 'print(2)\n' });
    expect(saved).toMatchObject({ ok: true, result: { path, source: 'print(2)\n' } });
    expect(readFileSync(path, 'utf8')).toBe('print(2)\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(hosted.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // An event that does not come can only be shown by waiting past the watcher's settle time.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(c.messages.filter((m) => m.type === 'file.changed')).toEqual([]);

    writeFileSync(path, 'print(3)\n');
    await c.waitFor((ms) => ms.find((m) => m.type === 'file.changed' && !m.deleted), 'file.changed');
    rmSync(path);
    const deleted = await c.waitFor((ms) => ms.find((m) => m.type === 'file.changed' && m.deleted), 'file.changed (deleted)');
    expect(deleted).toEqual({ type: 'file.changed', path, deleted: true });

    expect(await request(c, { type: 'file.save', path: join(hosted.dir, 'no', 'such', 'folder.py'), source: '' }))
      .toMatchObject({ ok: false, error: expect.stringMatching(/cannot be saved \(its folder does not exist\)/) });
    mkdirSync(join(hosted.dir, 'a_folder.py'));
    expect(await request(c, { type: 'file.save', path: join(hosted.dir, 'a_folder.py'), source: '' }))
      .toMatchObject({ ok: false, error: expect.stringMatching(/is a directory/) });
    c.dispose();
  });

  it('tells every client when the host opens a file, and a new subscriber gets the open file', async () => {
    const c = client();
    const path = join(hosted.dir, 'from_menu.py');
    writeFileSync(path, 'print("menu")\n');
    hosted.host.openPath(path);
    expect(c.messages.at(-1)).toMatchObject({ type: 'file.opened', file: { path, source: 'print("menu")\n' } });
    const later = await subscribed();
    expect(later.messages.map((m) => m.type)).toEqual(['state.full', 'file.opened', 'response']);
    c.dispose();
    later.dispose();
  });

  it('lists the bundled examples with their docstring titles', async () => {
    const c = client();
    const listed = await request(c, { type: 'examples.list' });
    const examples = listed.result as Array<{ name: string; title: string; path: string }>;
    const hello = examples.find((example) => example.name === 'hello_tasks');
    expect(hello?.title).toMatch(/^Hello, tasks/);
    expect(readFileSync(hello!.path, 'utf8')).toContain('asyncio');
    c.dispose();
  });

  it('takes the first docstring line as the title', () => {
    expect(docstringTitle('"""Title here.\n\nMore."""\n')).toBe('Title here.');
    expect(docstringTitle('#!/usr/bin/env python3\n# comment\n\nr\'\'\'\n  Raw title\n\'\'\'\n')).toBe('Raw title');
    expect(docstringTitle('"""One line."""\n')).toBe('One line.');
    expect(docstringTitle('import asyncio\n"""Not a docstring."""\n')).toBeUndefined();
  });
});

describe('coalesceEvents', () => {
  const task = (id: number, state: TaskRecord['state']): TaskRecord => ({
    id, name: `t${id}`, parent: null, group: null, site: null, coro: 'c', state, since: 0, waitingOn: null, line: null, result: null, exception: null,
  });
  const loop = (steps: number) => ({ time: steps, steps, ready: [], readyCount: 0, timers: [], timerCount: 0, taskCount: 2 });
  const delta = (seq: number, tasks: TaskRecord[]): SnapshotDeltaEvent => ({ type: 'snapshot.delta', seq, loop: loop(seq), tasks, futures: [], resources: [] });

  it('merges runs of deltas (newest record wins) and keeps every other event in its place', () => {
    const events: EngineEvent[] = [
      delta(1, [task(1, 'running'), task(2, 'ready')]),
      delta(2, [task(1, 'waiting')]),
      { type: 'output', stream: 'stdout', text: 'a' },
      delta(3, [task(2, 'done')]),
      delta(4, [task(1, 'done')]),
      { type: 'exit', code: 0 },
    ];
    const out = coalesceEvents(events);
    expect(out.map((e) => e.type)).toEqual(['snapshot.delta', 'output', 'snapshot.delta', 'exit']);
    expect(out[0]).toMatchObject({ seq: 2, loop: { steps: 2 }, tasks: [{ id: 1, state: 'waiting' }, { id: 2, state: 'ready' }] });
    expect(out[2]).toMatchObject({ seq: 4, tasks: [{ id: 2, state: 'done' }, { id: 1, state: 'done' }] });
    expect(applyEvents(initialState(), out)).toEqual(applyEvents(initialState(), events));
  });

  it('passes a lone delta through untouched', () => {
    const lone = delta(7, [task(1, 'ready')]);
    expect(coalesceEvents([lone])[0]).toBe(lone);
  });
});

