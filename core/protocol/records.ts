// Snapshot records: what the engine knows about one task, future, primitive or the loop.
// Deltas carry whole records: a record whose id is absent from a delta has not changed.
import { z } from 'zod';

/** [file, line] of a place in the program's source. */
export const Site = z.tuple([z.string(), z.number().int()]);
export type Site = z.infer<typeof Site>;

export const TaskState = z.enum(['running', 'ready', 'waiting', 'done', 'cancelled', 'failed']);
export type TaskState = z.infer<typeof TaskState>;

export const WaitTarget = z.object({
  /** sleep | task | gather | resource | future | taskgroup | wait | shield */
  kind: z.string(),
  id: z.number().int().nullable().optional(),
  ids: z.array(z.number().int()).optional(),
  until: z.number().optional(),
  label: z.string(),
});
export type WaitTarget = z.infer<typeof WaitTarget>;

export const TaskRecord = z.object({
  id: z.number().int(),
  name: z.string(),
  /** Task that created this one, or null for the main task. */
  parent: z.number().int().nullable(),
  /** TaskGroup this task was created in, or null. */
  group: z.number().int().nullable(),
  /** Where the program created the task. */
  site: Site.nullable(),
  coro: z.string(),
  state: TaskState,
  /** Virtual time of the task's last step: with state `waiting`, the time it started waiting. */
  since: z.number(),
  waitingOn: WaitTarget.nullable(),
  /** Line of the program where the task is suspended. */
  line: Site.nullable(),
  result: z.string().nullable(),
  exception: z.string().nullable(),
  /** The step during which it was created (0: before the loop ran a task). */
  createdStep: z.number().int().optional(),
});
export type TaskRecord = z.infer<typeof TaskRecord>;

export const FutureRecord = z.object({
  id: z.number().int(),
  label: z.string(),
  site: Site.nullable(),
  state: z.enum(['pending', 'done', 'cancelled', 'failed']),
  result: z.string().nullable(),
  exception: z.string().nullable(),
  callbacks: z.array(z.string()),
  awaiters: z.array(z.number().int()),
});
export type FutureRecord = z.infer<typeof FutureRecord>;

export const ResourceKind = z.enum([
  'Lock', 'Semaphore', 'BoundedSemaphore', 'Event', 'Condition', 'Barrier',
  'Queue', 'PriorityQueue', 'LifoQueue',
]);

export const ResourceRecord = z.object({
  id: z.number().int(),
  /** One of ResourceKind, or the name of a user subclass. */
  kind: z.string(),
  /** The variable or attribute name the program keeps it under, where one is known. */
  name: z.string().nullable(),
  site: Site.nullable(),
  holders: z.array(z.number().int()),
  /** Tasks waiting, in the order they will be woken. */
  waiters: z.array(z.number().int()),
  locked: z.boolean().optional(),
  value: z.number().optional(),
  isSet: z.boolean().optional(),
  parties: z.number().optional(),
  count: z.number().optional(),
  state: z.string().optional(),
  size: z.number().optional(),
  maxsize: z.number().optional(),
  unfinished: z.number().optional(),
  getters: z.array(z.number().int()).optional(),
  putters: z.array(z.number().int()).optional(),
});
export type ResourceRecord = z.infer<typeof ResourceRecord>;

export const LoopRecord = z.object({
  time: z.number(),
  steps: z.number().int(),
  ready: z.array(z.string()),
  readyCount: z.number().int(),
  timers: z.array(z.object({ when: z.number(), label: z.string() })),
  timerCount: z.number().int(),
  taskCount: z.number().int(),
});
export type LoopRecord = z.infer<typeof LoopRecord>;
