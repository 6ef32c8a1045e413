// Tasks as DAP threads, and a task's stack as DAP frames: its coroutine chain, innermost
// first, then for each task that awaits it (nearest first) a label frame and that task's frames.
import { basename } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { Frame, TaskDetail, TaskRecord } from '../protocol/index.js';

/** The thread of a stop outside any task (module code before asyncio.run, a loop callback).
 * Task ids are small positive integers; this one is out of their way. */
export const PROGRAM_THREAD_ID = 2_147_483_647;
export const PROGRAM_THREAD_NAME = 'Program (outside any task)';

export function taskLabel(task: Pick<TaskRecord, 'id' | 'name'>): string {
  return `${task.name} #${task.id}`;
}

/** "worker #3 (waiting: sleep until t=0.2)": the state in the name, as the issue asks, since
 * DAP threads have no other place for it. */
export function threadName(task: TaskRecord): string {
  const waiting = task.state === 'waiting' && task.waitingOn ? `: ${task.waitingOn.label}` : '';
  return `${taskLabel(task)} (${task.state}${waiting})`;
}

export function threadsOf(tasks: Iterable<TaskRecord>): DebugProtocol.Thread[] {
  return [...tasks].sort((a, b) => a.id - b.id).map((task) => ({ id: task.id, name: threadName(task) }));
}

/** One row of a stack trace before it gets its DAP id. */
export type FrameRow =
  | { kind: 'frame'; frame: Frame; taskId: number | null }
  | { kind: 'label'; name: string };

/** `detail`'s task's rows, then each awaiter's (whose details `detailOf` gives). */
export function stackRows(detail: TaskDetail, detailOf: (taskId: number) => TaskDetail | undefined,
  recordOf: (taskId: number) => TaskRecord | undefined): FrameRow[] {
  const own = (d: TaskDetail): FrameRow[] => [...d.stack].reverse().map((frame) => ({ kind: 'frame', frame, taskId: d.id }));
  const rows = own(detail);
  for (const awaiter of detail.awaitedBy) {
    const record = recordOf(awaiter);
    rows.push({ kind: 'label', name: `awaited by ${record ? taskLabel(record) : `task #${awaiter}`}` });
    const awaiterDetail = detailOf(awaiter);
    if (awaiterDetail) rows.push(...own(awaiterDetail));
  }
  return rows;
}

export function sourceOf(file: string, user: boolean): DebugProtocol.Source {
  return user
    ? { name: basename(file), path: file }
    : { name: basename(file), path: file, presentationHint: 'deemphasize', origin: 'Python standard library, inside the embedded engine' };
}
