// The run's timeline as clients keep it: which task ran each step, the virtual time from each
// step on, marks (locks), and the run's pauses. Kept in the chunks the engine sent (appending
// one copies no steps), and read by step with a binary search over the chunks.
import type { TimelineEvent } from '../protocol/index.js';

export interface TimelineChunk {
  fromStep: number;
  tasks: number[];
  times: Array<[number, number]>;
  marks: Array<[number, string, number | null, number | null]>;
}

export interface Timeline {
  chunks: TimelineChunk[];
  /** Steps known: the last step of the last chunk. */
  steps: number;
  /** Where the run paused: [step, reason kind, task id]. */
  pauses: Array<[number, string, number | null]>;
  /** What each task was seen waiting on, by task id: [step, kind, label], from the snapshots
   * (so at the steps they were taken, not at every suspension). */
  waits: Record<number, Array<[number, string, string]>>;
  /** Every task that ever showed, by id (the session's records forget finished ones). */
  tasks: Record<number, TimelineTask>;
}

export interface TimelineTask {
  name: string;
  parent: number | null;
  group: number | null;
  createdStep: number;
  state: string;
}

export const EMPTY_TIMELINE: Timeline = { chunks: [], steps: 0, pauses: [], waits: {}, tasks: {} };

interface TaskLike {
  id: number;
  name: string;
  parent: number | null;
  group: number | null;
  state: string;
  createdStep?: number | undefined;
  waitingOn: { kind: string; label: string } | null;
}

/** Note the tasks of a snapshot taken at `step`: who they are, and what they wait on. */
export function noteTasks(timeline: Timeline, step: number, tasks: readonly TaskLike[]): Timeline {
  let known: Timeline['tasks'] | undefined;
  for (const task of tasks) {
    const before = timeline.tasks[task.id];
    if (before && before.state === task.state && before.name === task.name) continue;
    known ??= { ...timeline.tasks };
    known[task.id] = { name: task.name, parent: task.parent, group: task.group, createdStep: task.createdStep ?? 0, state: task.state };
  }
  const waited = addWaits(timeline, step, tasks);
  return known ? { ...waited, tasks: known } : waited;
}

function addWaits(timeline: Timeline, step: number, tasks: readonly TaskLike[]): Timeline {
  let waits: Timeline['waits'] | undefined;
  for (const task of tasks) {
    if (!task.waitingOn) continue;
    const seen = (waits ?? timeline.waits)[task.id];
    const last = seen?.at(-1);
    if (last && last[1] === task.waitingOn.kind && last[2] === task.waitingOn.label) continue;
    waits ??= { ...timeline.waits };
    waits[task.id] = [...(seen ?? []), [step, task.waitingOn.kind, task.waitingOn.label]];
  }
  return waits ? { ...timeline, waits } : timeline;
}

/** What `taskId` was last seen waiting on at or before `step`. */
export function waitAt(timeline: Timeline, taskId: number, step: number): [number, string, string] | undefined {
  const seen = timeline.waits[taskId];
  if (!seen) return undefined;
  let found: [number, string, string] | undefined;
  for (const entry of seen) {
    if (entry[0] > step) break;
    found = entry;
  }
  return found ?? seen[0];
}

/** Add what a timeline event brings. Steps already known are not added again (a re-execution
 * sends them anew: the host compares them, see firstDifference). */
export function appendTimeline(timeline: Timeline, event: TimelineEvent): Timeline {
  const skip = Math.max(0, timeline.steps - event.fromStep + 1);
  const tasks = skip > 0 ? event.tasks.slice(skip) : event.tasks;
  const times = event.times.filter(([step]) => step > timeline.steps || (timeline.steps === 0 && step >= 1));
  const marks = event.marks.filter(([step]) => step > timeline.steps || skip === 0);
  if (tasks.length === 0 && times.length === 0 && marks.length === 0) return timeline;
  const chunk: TimelineChunk = { fromStep: timeline.steps + 1, tasks, times, marks };
  return { ...timeline, chunks: [...timeline.chunks, chunk], steps: timeline.steps + tasks.length };
}

export function addPause(timeline: Timeline, step: number, kind: string, taskId: number | null): Timeline {
  return { ...timeline, pauses: [...timeline.pauses, [step, kind, taskId]] };
}

function chunkOf(timeline: Timeline, step: number): TimelineChunk | undefined {
  const { chunks } = timeline;
  let low = 0;
  let high = chunks.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const chunk = chunks[mid]!;
    if (step < chunk.fromStep) high = mid - 1;
    else if (step >= chunk.fromStep + chunk.tasks.length) low = mid + 1;
    else return chunk;
  }
  return undefined;
}

/** The id of the task that ran `step` (from 1), if known. */
export function taskAtStep(timeline: Timeline, step: number): number | undefined {
  const chunk = chunkOf(timeline, step);
  return chunk ? chunk.tasks[step - chunk.fromStep] : undefined;
}

/** The last step before `before` in which `taskId` ran. */
export function lastStepOf(timeline: Timeline, taskId: number, before: number): number | undefined {
  for (let c = timeline.chunks.length - 1; c >= 0; c--) {
    const chunk = timeline.chunks[c]!;
    const end = Math.min(chunk.tasks.length, before - chunk.fromStep);
    for (let i = end - 1; i >= 0; i--) if (chunk.tasks[i] === taskId) return chunk.fromStep + i;
  }
  return undefined;
}

/** The virtual time at `step`. */
export function timeAtStep(timeline: Timeline, step: number): number {
  let time = 0;
  for (const chunk of timeline.chunks) {
    for (const [at, value] of chunk.times) {
      if (at > step) return time;
      time = value;
    }
  }
  return time;
}

/** Every step of one task, in order (for its lane). */
export function stepsOf(timeline: Timeline, taskId: number): number[] {
  const out: number[] = [];
  for (const chunk of timeline.chunks) {
    chunk.tasks.forEach((id, i) => {
      if (id === taskId) out.push(chunk.fromStep + i);
    });
  }
  return out;
}

export interface Difference {
  step: number;
  expected: number;
  actual: number;
}

/** Where a re-execution's timeline first differs from the known one, over the steps both have. */
export function firstDifference(known: Timeline, event: TimelineEvent): Difference | undefined {
  for (let i = 0; i < event.tasks.length; i++) {
    const step = event.fromStep + i;
    if (step > known.steps) return undefined;
    const expected = taskAtStep(known, step)!;
    const actual = event.tasks[i]!;
    if (expected !== actual) return { step, expected, actual };
  }
  return undefined;
}

/** The timeline up to `lastStep` (what a diverged re-execution leaves standing). */
export function truncateTimeline(timeline: Timeline, lastStep: number): Timeline {
  if (lastStep >= timeline.steps) return timeline;
  const chunks: TimelineChunk[] = [];
  for (const chunk of timeline.chunks) {
    if (chunk.fromStep > lastStep) break;
    const keep = lastStep - chunk.fromStep + 1;
    chunks.push(keep >= chunk.tasks.length ? chunk : {
      fromStep: chunk.fromStep,
      tasks: chunk.tasks.slice(0, keep),
      times: chunk.times.filter(([step]) => step <= lastStep),
      marks: chunk.marks.filter(([step]) => step <= lastStep),
    });
  }
  const waits: Timeline['waits'] = {};
  for (const [id, seen] of Object.entries(timeline.waits)) waits[Number(id)] = seen.filter(([step]) => step <= lastStep);
  return { ...timeline, chunks, steps: Math.max(0, lastStep), pauses: timeline.pauses.filter(([step]) => step <= lastStep), waits };
}
