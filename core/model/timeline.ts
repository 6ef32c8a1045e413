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
}

export const EMPTY_TIMELINE: Timeline = { chunks: [], steps: 0, pauses: [] };

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
  return { chunks, steps: Math.max(0, lastStep), pauses: timeline.pauses.filter(([step]) => step <= lastStep) };
}
