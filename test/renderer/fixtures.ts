// Protocol records for renderer tests.
import type { Paused, TaskRecord } from '../../core/protocol/index.js';

export const FILE = '/examples/philosophers.py';

export function task(id: number, overrides: Partial<TaskRecord> = {}): TaskRecord {
  return {
    id, name: `task-${id}`, parent: null, group: null, site: null, coro: 'work', state: 'waiting', since: 0,
    waitingOn: { kind: 'sleep', until: 1, label: 'sleep until t=1' }, line: [FILE, 3], result: null, exception: null,
    ...overrides,
  };
}

export const loop = { time: 0.5, steps: 12, ready: [], readyCount: 0, timers: [], timerCount: 0, taskCount: 2 };

/** Two tasks, each holding one lock and waiting on the other's. */
export function deadlockPause(): Paused {
  const tasks = [
    task(1, { name: 'Aristotle', waitingOn: { kind: 'resource', id: 11, label: 'Lock fork_b' }, line: [FILE, 9] }),
    task(2, { name: 'Kant', waitingOn: { kind: 'resource', id: 10, label: 'Lock fork_a' }, line: [FILE, 9] }),
  ];
  return {
    type: 'paused',
    reason: { kind: 'deadlock', description: 'Deadlock: Lock cycle: Aristotle waits for Lock fork_b, Lock fork_b is held by Kant, Kant waits for Lock fork_a, Lock fork_a is held by Aristotle' },
    taskId: null,
    location: [FILE, 9],
    snapshot: {
      type: 'snapshot.full', seq: 3, loop, tasks, futures: [],
      resources: [
        { id: 10, kind: 'Lock', name: 'fork_a', site: [FILE, 14], holders: [1], waiters: [2], locked: true },
        { id: 11, kind: 'Lock', name: 'fork_b', site: [FILE, 14], holders: [2], waiters: [1], locked: true },
      ],
    },
    details: [
      {
        id: 1,
        stack: [
          { id: 5, function: 'main', file: FILE, line: 20, user: true },
          { id: 6, function: 'philosopher', file: FILE, line: 9, user: true },
        ],
        awaitedBy: [],
        locals: [{ name: 'name', value: "'Aristotle'", type: 'str', ref: 0 }, { name: 'left', value: '<Lock [locked]>', type: 'Lock', ref: 7 }],
      },
      { id: 2, stack: [{ id: 8, function: 'philosopher', file: FILE, line: 9, user: true }], awaitedBy: [], locals: [] },
    ],
    graph: {
      nodes: [
        { id: 'task:1', kind: 'task', label: 'Aristotle' }, { id: 'task:2', kind: 'task', label: 'Kant' },
        { id: 'resource:10', kind: 'resource', label: 'Lock fork_a' }, { id: 'resource:11', kind: 'resource', label: 'Lock fork_b' },
      ],
      edges: [
        { from: 'task:1', to: 'resource:11', kind: 'waits' }, { from: 'resource:11', to: 'task:2', kind: 'held-by' },
        { from: 'task:2', to: 'resource:10', kind: 'waits' }, { from: 'resource:10', to: 'task:1', kind: 'held-by' },
      ],
      cycles: [{
        kind: 'lock-cycle',
        nodes: ['resource:10', 'task:1', 'resource:11', 'task:2'],
        description: 'Lock cycle: Aristotle waits for Lock fork_b, Lock fork_b is held by Kant, Kant waits for Lock fork_a, Lock fork_a is held by Aristotle',
      }],
    },
  };
}
