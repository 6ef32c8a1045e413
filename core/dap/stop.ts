// One stop of the program: its tasks as threads, their stacks as frames, the references handed
// out while it lasts. A new Stop is made at each `paused` event; the program running again
// ends it (and its references: see Handles).
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { Paused, TaskDetail, TaskRecord } from '../protocol/index.js';
import { DapError } from './errors.js';
import type { Handles } from './handles.js';
import { PROGRAM_THREAD_ID, PROGRAM_THREAD_NAME, sourceOf, stackRows, threadsOf } from './threads.js';

const FINISHED = new Set(['done', 'cancelled', 'failed']);

export type FrameHandle =
  /** A frame the engine knows: its id is the engine's, for inspect.variables/evaluate. */
  | { kind: 'engine'; engineFrameId: number }
  /** "awaited by ...": a separator, nothing to inspect. */
  | { kind: 'label' }
  /** Where a stop outside any task is: the engine's default frame for evaluation. */
  | { kind: 'program' };

export class Stop {
  readonly threadId: number;
  readonly tasks: ReadonlyMap<number, TaskRecord>;
  private readonly details: Map<number, TaskDetail>;
  private readonly stacks = new Map<number, DebugProtocol.StackFrame[]>();

  constructor(readonly paused: Paused, private readonly frames: Handles<FrameHandle>, private readonly lineOffset: number) {
    // The snapshot also carries the tasks that finished since the last one: not threads.
    this.tasks = new Map(paused.snapshot.tasks.filter((task) => !FINISHED.has(task.state)).map((task) => [task.id, task]));
    this.details = new Map(paused.details.map((detail) => [detail.id, detail]));
    this.threadId = this.stoppedThread();
  }

  /** The thread the stop is reported on: the task that was running or about to run; for a
   * deadlock, the first task of its cycle (its stack shows where it waits). */
  private stoppedThread(): number {
    const { taskId, reason, graph } = this.paused;
    if (taskId !== null && this.tasks.has(taskId)) return taskId;
    if (reason.kind === 'deadlock') {
      const nodes = graph.cycles.flatMap((cycle) => cycle.nodes);
      const first = nodes.map((node) => /^task:(\d+)$/.exec(node)?.[1]).find((id) => id !== undefined && this.tasks.has(Number(id)));
      if (first !== undefined) return Number(first);
    }
    return PROGRAM_THREAD_ID;
  }

  threads(): DebugProtocol.Thread[] {
    const threads = threadsOf(this.tasks.values());
    return this.threadId === PROGRAM_THREAD_ID || threads.length === 0
      ? [{ id: PROGRAM_THREAD_ID, name: PROGRAM_THREAD_NAME }, ...threads]
      : threads;
  }

  /** The task a thread id names in this stop (null: the program thread), or why none. */
  taskOf(threadId: number): number | null {
    if (threadId === PROGRAM_THREAD_ID && this.threads().some((thread) => thread.id === PROGRAM_THREAD_ID)) return null;
    if (this.tasks.has(threadId)) return threadId;
    throw new DapError(`thread ${threadId} is not a live task at this stop: it has finished, or never existed`);
  }

  /** A thread's frames, innermost first; the same ids however often it is asked. `fetch`
   * asks the engine for a task's detail that the paused event did not carry. */
  async stackTrace(threadId: number, fetch: (taskId: number) => Promise<TaskDetail>): Promise<DebugProtocol.StackFrame[]> {
    const known = this.stacks.get(threadId);
    if (known) return known;
    const taskId = this.taskOf(threadId);
    const frames = taskId === null ? this.programFrames() : await this.taskFrames(taskId, fetch);
    this.stacks.set(threadId, frames);
    return frames;
  }

  private programFrames(): DebugProtocol.StackFrame[] {
    const location = this.paused.location;
    if (!location) return [];
    const [file, line] = location;
    const id = this.frames.add({ kind: 'program' });
    return [{ id, name: 'code outside any task', source: sourceOf(file, true), line: line - this.lineOffset, column: 1 }];
  }

  private async taskFrames(taskId: number, fetch: (taskId: number) => Promise<TaskDetail>): Promise<DebugProtocol.StackFrame[]> {
    const detail = await this.detail(taskId, fetch);
    for (const awaiter of detail.awaitedBy) {
      if (this.tasks.has(awaiter)) await this.detail(awaiter, fetch);
    }
    const rows = stackRows(detail, (id) => this.details.get(id), (id) => this.tasks.get(id));
    return rows.map((row): DebugProtocol.StackFrame => {
      if (row.kind === 'label') {
        return { id: this.frames.add({ kind: 'label' }), name: row.name, line: 0, column: 0, presentationHint: 'label' };
      }
      const { frame } = row;
      return {
        id: this.frames.add({ kind: 'engine', engineFrameId: frame.id }),
        name: frame.function,
        source: sourceOf(frame.file, frame.user),
        line: frame.line - this.lineOffset,
        column: 1,
        ...(frame.user ? {} : { presentationHint: 'subtle' as const }),
      };
    });
  }

  private async detail(taskId: number, fetch: (taskId: number) => Promise<TaskDetail>): Promise<TaskDetail> {
    let detail = this.details.get(taskId);
    if (!detail) {
      detail = await fetch(taskId);
      this.details.set(taskId, detail);
    }
    return detail;
  }

  /** What an exceptionInfo request answers: the stop's reason. */
  exceptionInfo(): DebugProtocol.ExceptionInfoResponse['body'] {
    const { reason } = this.paused;
    return { exceptionId: reason.kind, description: reason.description, breakMode: 'always', details: { message: reason.description } };
  }
}
