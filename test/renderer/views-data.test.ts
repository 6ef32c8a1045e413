// What the panels draw, computed without a page: task rows with groups, the graph layout,
// console lines and links, pause headlines, command names and keys.
import { describe, expect, it } from 'vitest';
import { applyEvent, initialState } from '../../core/model/index.js';
import { commandNamed, commandEnabled } from '../../renderer/app/commands.js';
import { commandsForKey } from '../../renderer/app/keyboard.js';
import { collapseFans, layoutGraph } from '../../renderer/graph/layout.js';
import { linkify } from '../../renderer/state/console-links.js';
import { consoleLines } from '../../renderer/state/console-lines.js';
import { pauseHeadline, resourceState, selectSuspendedLines } from '../../renderer/state/selectors.js';
import { buildTaskRows } from '../../renderer/state/task-rows.js';
import { sessionMachine } from '../../renderer/session.machine.js';
import { createActor } from 'xstate';
import { deadlockPause, FILE, task } from './fixtures.js';

const byId = (...tasks: ReturnType<typeof task>[]) => Object.fromEntries(tasks.map((t) => [t.id, t]));

describe('task rows', () => {
  const tasks = byId(
    task(1, { name: 'main', state: 'running' }),
    task(2, { name: 'users', parent: 1, group: 7 }),
    task(3, { name: 'orders', parent: 1, group: 7 }),
    task(4, { name: 'fetch-page', parent: 3 }),
    task(5, { name: 'logger', parent: 1 }),
  );

  it('puts a TaskGroup row over the tasks created in it', () => {
    const rows = buildTaskRows(tasks, '', new Set());
    expect(rows.map((row) => (row.kind === 'group' ? `${'  '.repeat(row.depth)}[group ${row.groupId}]` : `${'  '.repeat(row.depth)}${row.task.name}`))).toEqual([
      'main',
      '  [group 7]',
      '    users',
      '    orders',
      '      fetch-page',
      '  logger',
    ]);
  });

  it('filters to matches and the path to them, and hides collapsed children', () => {
    expect(buildTaskRows(tasks, 'fetch', new Set()).filter((r) => r.kind === 'task').map((r) => r.kind === 'task' && r.task.name)).toEqual(['main', 'orders', 'fetch-page']);
    expect(buildTaskRows(tasks, '', new Set([1])).map((r) => r.kind === 'task' && r.task.name)).toEqual(['main']);
  });

  it('builds ten thousand rows quickly', () => {
    const many = byId(task(1, { name: 'main' }), ...Array.from({ length: 10_000 }, (_, i) => task(i + 2, { parent: 1, name: `worker-${i}` })));
    const start = performance.now();
    const rows = buildTaskRows(many, '', new Set());
    expect(rows).toHaveLength(10_001);
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe('graph layout', () => {
  it('places every node of a deadlock and marks the cycle', () => {
    const layout = layoutGraph(deadlockPause().graph);
    expect(layout.nodes.map((node) => node.id).sort()).toEqual(['resource:10', 'resource:11', 'task:1', 'task:2']);
    expect(layout.nodes.every((node) => node.inCycle)).toBe(true);
    expect(layout.edges.filter((edge) => edge.inCycle)).toHaveLength(4);
    // No two nodes overlap.
    for (const a of layout.nodes) {
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart).toBe(true);
      }
    }
    for (const node of layout.nodes) expect(node.x + node.width).toBeLessThanOrEqual(layout.width);
  });

  it('draws a crowd waiting on one semaphore as a few tasks and a "+N more"', () => {
    const waiters = Array.from({ length: 1000 }, (_, i) => ({ id: `task:${i + 2}`, kind: 'task' as const, label: `w${i}` }));
    const graph = collapseFans({
      nodes: [{ id: 'resource:1', kind: 'resource', label: 'Semaphore gate' }, ...waiters],
      edges: waiters.map((w) => ({ from: w.id, to: 'resource:1', kind: 'waits' as const })),
      cycles: [],
    });
    expect(graph.edges).toHaveLength(9);
    expect(graph.nodes.find((node) => node.id.startsWith('more:'))?.label).toBe('+992 more');
    const layout = layoutGraph({ nodes: [{ id: 'resource:1', kind: 'resource', label: 'Semaphore gate' }, ...waiters], edges: graph.edges.slice(0, 8), cycles: [] });
    expect(layout.width).toBeLessThan(1000);
  });

  it('draws a bounded number of nodes, cycles and locks first, and leaves out tasks that wait on nothing', () => {
    const nodes = [
      { id: 'resource:1', kind: 'resource' as const, label: 'Semaphore gate' },
      ...Array.from({ length: 500 }, (_, i) => ({ id: `task:${i + 2}`, kind: 'task' as const, label: `w${i}` })),
      { id: 'task:999', kind: 'task' as const, label: 'idle' },
    ];
    const edges = Array.from({ length: 500 }, (_, i) => ({ from: `task:${i + 2}`, to: 'resource:1', kind: 'waits' as const }));
    const edges2 = Array.from({ length: 100 }, (_, i) => ({ from: 'resource:1', to: `task:${i + 2}`, kind: 'held-by' as const }));
    const layout = layoutGraph({ nodes, edges: [...edges, ...edges2].slice(0, 60).concat(Array.from({ length: 60 }, (_, i) => ({ from: `task:${i + 100}`, to: `task:${i + 300}`, kind: 'waits' as const }))), cycles: [] }, 50);
    expect(layout.nodes).toHaveLength(50);
    expect(layout.nodes.some((node) => node.id === 'resource:1')).toBe(true);
    expect(layout.nodes.some((node) => node.id === 'task:999')).toBe(false);
    expect(layout.hidden).toBeGreaterThan(0);
  });
});

describe('console', () => {
  it('links traceback places and file:line', () => {
    expect(linkify('  File "/x/prog.py", line 12, in main')).toEqual([
      { text: '  ' }, { text: 'File "/x/prog.py", line 12', link: { file: '/x/prog.py', line: 12 } }, { text: ', in main' },
    ]);
    expect(linkify('prog.py:3: RuntimeWarning').find((s) => s.link)?.link).toEqual({ file: 'prog.py', line: 3 });
    expect(linkify('no places here')).toEqual([{ text: 'no places here' }]);
  });

  it('splits output into lines and puts evaluations after the output before them', () => {
    const entries = [{ kind: 'stdout' as const, text: 'a\nb\n' }, { kind: 'stderr' as const, text: 'oops\n' }];
    const lines = consoleLines(entries, [{ id: 1, expression: 'x', result: { ok: true, value: '1', type: 'int', ref: 0 }, after: { entries: 1, lastLength: 4 } }]);
    expect(lines.map((line) => `${line.kind}:${line.text}`)).toEqual(['stdout:a', 'stdout:b', 'input:› x', 'result:1', 'stderr:oops']);
  });

  it('keeps an evaluation where it was asked when later output joins the same entry', () => {
    const entries = [{ kind: 'stdout' as const, text: 'produced 0\nproduced 1\n' }];
    const lines = consoleLines(entries, [{ id: 1, expression: 'x', result: { ok: false, error: 'NameError' }, after: { entries: 1, lastLength: 11 } }]);
    expect(lines.map((line) => line.text)).toEqual(['produced 0', '› x', 'NameError', 'produced 1']);
  });
});

describe('selectors', () => {
  it('says why the program paused, naming the cycle', () => {
    const state = applyEvent(initialState(), deadlockPause());
    expect(pauseHeadline(state)).toEqual({ title: 'Paused: deadlock', detail: expect.stringContaining('Lock cycle: Aristotle waits for Lock fork_b') });
    expect(pauseHeadline(initialState())).toBeNull();
  });

  it('finds where other tasks are suspended in the open file', () => {
    const tasks = byId(task(1, { name: 'a', line: [FILE, 4] }), task(2, { name: 'b', line: [FILE, 4] }), task(3, { name: 'c', line: ['/other.py', 4] }), task(4, { name: 'd', state: 'done', line: [FILE, 5] }));
    expect([...selectSuspendedLines(tasks, 2, FILE)]).toEqual([[4, { count: 1, names: ['a'] }]]);
  });

  it('describes a primitive briefly', () => {
    expect(resourceState({ id: 1, kind: 'Queue', name: 'q', site: null, holders: [], waiters: [], size: 2, maxsize: 5 })).toBe('2/5 items');
    expect(resourceState({ id: 2, kind: 'Lock', name: null, site: null, holders: [1], waiters: [], locked: true })).toBe('locked');
  });
});

describe('commands', () => {
  it('accepts menu actions however the host spells them', () => {
    expect(commandNamed('Step Over')).toBe('Step Over');
    expect(commandNamed('step-over')).toBe('Step Over');
    expect(commandNamed('stepToNextSwitch')).toBe('Step to Next Switch');
    expect(commandNamed('format disk')).toBeUndefined();
  });

  it('maps VS Code debugger keys', () => {
    const key = (k: string, mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}) =>
      commandsForKey({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });
    expect(key('F5')).toEqual(['Run', 'Continue']);
    expect(key('F5', { shiftKey: true })).toEqual(['Stop']);
    expect(key('F6')).toEqual(['Pause']);
    expect(key('F9')).toEqual(['Toggle Breakpoint']);
    expect(key('F10')).toEqual(['Step Over']);
    expect(key('F11')).toEqual(['Step Into']);
    expect(key('F11', { shiftKey: true })).toEqual(['Step Out']);
    expect(key('s', { ctrlKey: true })).toEqual(['Save']);
    expect(key('a')).toEqual([]);
    expect(key('F10', { shiftKey: true })).toEqual(['Step Back']);
    expect(key('F8', { shiftKey: true })).toEqual(['Reverse Continue']);
    expect(key('F6', { shiftKey: true })).toEqual(['Back to Previous Switch']);
  });

  it('needs a file to run', () => {
    const actor = createActor(sessionMachine).start();
    expect(commandEnabled('Run', actor.getSnapshot(), { file: null, traveling: false })).toBe(false);
    expect(commandEnabled('Run', actor.getSnapshot(), { file: { path: 'x', source: '', savedSource: '', loadId: 1 }, traveling: false })).toBe(true);
    actor.stop();
  });

  it('goes back from a pause, or (to the previous switch) after the end; on the way, neither back nor on', () => {
    const actor = createActor(sessionMachine).start();
    const ui = { file: null, traveling: false };
    expect(commandEnabled('Step Back', actor.getSnapshot(), ui)).toBe(false);
    actor.send({ type: 'ENGINE.PAUSED' });
    // On the way to another moment, nothing goes on from this one (the pause there replaces it).
    for (const command of ['Step Back', 'Reverse Continue', 'Back to Previous Switch', 'Continue', 'Step Over', 'Step to Next Switch'] as const) {
      expect(commandEnabled(command, actor.getSnapshot(), ui), command).toBe(true);
      expect(commandEnabled(command, actor.getSnapshot(), { ...ui, traveling: true }), command).toBe(false);
    }
    actor.send({ type: 'ENGINE.EXITED', crashed: false });
    expect(commandEnabled('Back to Previous Switch', actor.getSnapshot(), ui)).toBe(true);
    expect(commandEnabled('Step Back', actor.getSnapshot(), ui)).toBe(false);
    actor.stop();
  });
});
