// What the views draw, computed from the session state. Components call these, never read
// protocol messages themselves.
import {
  buildWaitGraph, describeTaskState, formatTime, resourceLabel, type SessionState,
} from '../../core/model/index.js';
import type { FutureRecord, ResourceRecord, TaskDetail, TaskRecord, WaitGraph } from '../../core/protocol/index.js';
import { memo } from './memo.js';

const LIVE = new Set(['running', 'ready', 'waiting']);

export interface StatusFigures {
  /** The loop's clock: virtual time in the embedded engine, real time in a native run. */
  clock: 'virtual' | 'wall';
  time: string;
  steps: number;
  tasks: number;
  liveTasks: number;
  python: string | null;
  isolation: string[] | null;
  mode: SessionState['mode'];
}

export const selectStatusFigures = memo((state: SessionState): StatusFigures => {
  const native = state.mode === 'native';
  return {
    clock: native ? 'wall' : 'virtual',
    time: native ? formatWallTime(state) : state.loop ? formatTime(state.loop.time) : '0',
    steps: state.loop?.steps ?? 0,
    tasks: Object.keys(state.tasks).length,
    liveTasks: state.loop?.taskCount ?? countLive(state.tasks),
    python: state.python,
    isolation: state.isolation,
    mode: state.mode,
  };
});

/** A native loop's clock is time.monotonic (seconds since the machine booted, say), which means
 * nothing to the user: the time since the run's first step is shown instead. */
function formatWallTime(state: SessionState): string {
  if (!state.loop) return '0.000';
  const start = state.timeline.chunks[0]?.times[0]?.[1] ?? state.loop.time;
  return Math.max(0, state.loop.time - start).toFixed(3);
}

function countLive(tasks: Record<number, TaskRecord>): number {
  let count = 0;
  for (const task of Object.values(tasks)) if (LIVE.has(task.state)) count++;
  return count;
}

/** "Paused: deadlock — Lock cycle: …", or null when not paused. */
export const pauseHeadline = memo((state: SessionState): { title: string; detail: string } | null => {
  const paused = state.paused;
  if (!paused) return null;
  const { kind, description } = paused.reason;
  const cycle = paused.graph.cycles[0]?.description;
  let detail = description && description !== 'Paused' ? description : cycle ?? '';
  // "Deadlock: Lock cycle: …" under the title "Paused: deadlock" says deadlock twice.
  if (detail.toLowerCase().startsWith(`${kind.toLowerCase()}: `)) detail = detail.slice(kind.length + 2);
  // A moment time travel went to: where in the run it is.
  if (kind === 'moment') return { title: `At step ${(paused.step ?? 0).toLocaleString('en')}`, detail: detail.replace(/^Step \d+: /, '') };
  // The user's own Pause needs no explaining; every other stop names its cause.
  if (kind === 'pause') {
    const task = paused.taskId != null ? state.tasks[paused.taskId]?.name : undefined;
    const where = [task ? `in ${task}` : '', paused.location ? `at line ${paused.location[1]}` : ''].filter(Boolean).join(' ');
    return { title: 'Paused', detail: where };
  }
  return { title: `Paused: ${kind}`, detail };
});

/** The end of the run, said plainly, or null while it has not ended. */
export const exitHeadline = memo((exit: SessionState['exit']): { text: string; tone: 'ok' | 'neutral' | 'danger' } | null => {
  if (!exit) return null;
  const reason = exit.reason ? ` (${exit.reason})` : '';
  const tone = exit.code === 0 ? 'ok' : exit.reason === 'stopped' ? 'neutral' : 'danger';
  return { text: `Exited with status ${exit.code}${reason}`, tone };
});

/** The wait-for graph: the engine's at a pause (it names deadlocks), else built from records. */
export const selectWaitGraph = memo((paused: SessionState['paused'], tasks: SessionState['tasks'],
  resources: SessionState['resources'], futures: SessionState['futures']): WaitGraph =>
  paused ? paused.graph : buildWaitGraph({ tasks, resources, futures }));

export function taskDetail(state: SessionState, taskId: number | null): TaskDetail | undefined {
  if (taskId == null) return undefined;
  return state.paused?.details.find((detail) => detail.id === taskId);
}

export function taskName(state: SessionState, id: number): string {
  return state.tasks[id]?.name ?? `task #${id}`;
}

export interface SuspendedHere {
  count: number;
  /** The first few names: a line where ten thousand tasks wait shows three and a count. */
  names: string[];
}
const NAMES_PER_LINE = 3;

/** For each line of `file`, the tasks suspended there (not the paused one). */
export const selectSuspendedLines = memo((tasks: SessionState['tasks'], pausedTaskId: number | null, file: string | null) => {
  const lines = new Map<number, SuspendedHere>();
  if (!file) return lines;
  for (const id in tasks) {
    const task = tasks[id]!;
    if (task.id === pausedTaskId || !task.line || !LIVE.has(task.state) || task.line[0] !== file) continue;
    const here = lines.get(task.line[1]);
    if (!here) lines.set(task.line[1], { count: 1, names: [task.name] });
    else if (here.count++ < NAMES_PER_LINE) here.names.push(task.name);
  }
  return lines;
});

export const selectFutures = memo((futures: SessionState['futures']): FutureRecord[] =>
  Object.values(futures).sort((a, b) => (a.state === 'pending') === (b.state === 'pending') ? a.id - b.id : a.state === 'pending' ? -1 : 1));

export const selectResources = memo((resources: SessionState['resources']): ResourceRecord[] =>
  Object.values(resources).sort((a, b) => a.id - b.id));

/** A short state of a primitive: "locked", "value 2", "set", "3/10 items". */
export function resourceState(resource: ResourceRecord): string {
  const parts: string[] = [];
  if (resource.locked !== undefined) parts.push(resource.locked ? 'locked' : 'unlocked');
  if (resource.value !== undefined) parts.push(`value ${resource.value}`);
  if (resource.isSet !== undefined) parts.push(resource.isSet ? 'set' : 'not set');
  if (resource.parties !== undefined) parts.push(`${resource.count ?? 0}/${resource.parties} parties`);
  if (resource.size !== undefined) parts.push(`${resource.size}${resource.maxsize ? `/${resource.maxsize}` : ''} items`);
  if (resource.unfinished) parts.push(`${resource.unfinished} unfinished`);
  if (resource.state) parts.push(resource.state);
  return parts.join(', ');
}

export { describeTaskState, formatTime, resourceLabel };
