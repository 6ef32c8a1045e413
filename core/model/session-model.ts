// The session state that every client draws from, and the reducer that applies the event
// stream to it. Hosts keep one (to give a new or lagging client the whole state at once);
// the renderer keeps one; tests assert on one. Plain data only, so it crosses any wire.
import type {
  EngineEvent, ErrorEvent, ExitEvent, FutureRecord, LoopRecord, Paused, ResourceRecord,
  SnapshotDeltaEvent, SnapshotFullEvent, TaskRecord,
} from '../protocol/index.js';
import { EMPTY_TIMELINE, addPause, appendTimeline, noteTasks, truncateTimeline, type Timeline } from './timeline.js';

export type SessionStatus = 'idle' | 'running' | 'paused' | 'exited' | 'crashed';

export interface ConsoleEntry {
  kind: 'stdout' | 'stderr' | 'warning' | 'error' | 'info';
  text: string;
  file?: string | null;
  line?: number | null;
  /** The step during which it was written (output), or at which it happened. */
  step?: number;
}

export interface SessionState {
  status: SessionStatus;
  python: string | null;
  /** The isolation layers the engine reported for this run (engine.ready). */
  isolation: string[] | null;
  /** Where the run runs: the embedded engine or the user's own Python (engine.ready). */
  mode: 'embedded' | 'native' | null;
  tasks: Record<number, TaskRecord>;
  futures: Record<number, FutureRecord>;
  resources: Record<number, ResourceRecord>;
  loop: LoopRecord | null;
  paused: Paused | null;
  console: ConsoleEntry[];
  /** Characters of console text kept; older entries go first past the limit. */
  consoleChars: number;
  consoleDropped: number;
  exit: ExitEvent | null;
  error: ErrorEvent | null;
  /** Seq of the last snapshot applied. */
  seq: number;
  timeline: Timeline;
}

/** Finished tasks kept for display; older ones are forgotten first. */
export const MAX_FINISHED_TASKS = 5000;
export const MAX_CONSOLE_CHARS = 2_000_000;
const FINISHED = new Set(['done', 'cancelled', 'failed']);

export function initialState(): SessionState {
  return {
    status: 'idle', python: null, isolation: null, mode: null, tasks: {}, futures: {}, resources: {}, loop: null, paused: null,
    console: [], consoleChars: 0, consoleDropped: 0, exit: null, error: null, seq: 0, timeline: EMPTY_TIMELINE,
  };
}

function byId<T extends { id: number }>(records: T[], into: Record<number, T> = {}): Record<number, T> {
  for (const record of records) into[record.id] = record;
  return into;
}

function forgetOldFinished(tasks: Record<number, TaskRecord>): Record<number, TaskRecord> {
  const finished = Object.values(tasks).filter((task) => FINISHED.has(task.state));
  if (finished.length <= MAX_FINISHED_TASKS) return tasks;
  finished.sort((a, b) => a.id - b.id);
  for (const task of finished.slice(0, finished.length - MAX_FINISHED_TASKS)) delete tasks[task.id];
  return tasks;
}

function applySnapshot(state: SessionState, event: SnapshotDeltaEvent | SnapshotFullEvent): SessionState {
  const full = event.type === 'snapshot.full';
  return {
    ...state,
    tasks: forgetOldFinished(byId(event.tasks, full ? {} : { ...state.tasks })),
    futures: byId(event.futures, full ? {} : { ...state.futures }),
    resources: byId(event.resources, full ? {} : { ...state.resources }),
    loop: event.loop,
    seq: event.seq,
  };
}

function appendConsole(state: SessionState, entry: ConsoleEntry): SessionState {
  let entries = state.console;
  const last = entries.at(-1);
  // Consecutive output of one stream in one step is one entry: a console of many small writes
  // stays small, and each entry still says when it was written.
  if (last && (entry.kind === 'stdout' || entry.kind === 'stderr') && last.kind === entry.kind && last.step === entry.step) {
    entries = [...entries.slice(0, -1), { ...last, text: last.text + entry.text }];
  } else {
    entries = [...entries, entry];
  }
  let chars = state.consoleChars + entry.text.length;
  let dropped = state.consoleDropped;
  while (chars > MAX_CONSOLE_CHARS && entries.length > 1) {
    chars -= entries[0]!.text.length;
    dropped += entries[0]!.text.length;
    entries = entries.slice(1);
  }
  return { ...state, console: entries, consoleChars: chars, consoleDropped: dropped };
}

/** The console as it stood at the start of `step` (entries are in order; one without a step,
 * a warning say, goes with the entries before it). */
function consoleBefore(entries: ConsoleEntry[], step: number): ConsoleEntry[] {
  const cut = entries.findIndex((entry) => entry.step !== undefined && entry.step >= step);
  return cut < 0 ? entries : entries.slice(0, cut);
}

/** A re-execution paused at an earlier moment: the run as it was there, its timeline kept. */
function arrive(state: SessionState, event: Extract<EngineEvent, { type: 'travel.arrived' }>): SessionState {
  const { paused } = event;
  const step = paused.step ?? 0;
  const entries = consoleBefore(state.console, step);
  let next: SessionState = {
    ...state, status: 'paused', paused, exit: null, error: null,
    console: entries, consoleChars: entries.reduce((sum, entry) => sum + entry.text.length, 0),
  };
  for (const output of event.output) next = appendConsole(next, { kind: output.stream, text: output.text, ...(output.step !== undefined ? { step: output.step } : {}) });
  return { ...applySnapshot(next, paused.snapshot), paused, timeline: noteTasks(next.timeline, step, paused.snapshot.tasks) };
}

export function applyEvent(state: SessionState, event: EngineEvent): SessionState {
  switch (event.type) {
    case 'engine.ready':
      return { ...initialState(), status: 'running', python: event.python, isolation: event.isolation ?? null, mode: event.mode ?? 'embedded' };
    case 'output':
      return appendConsole(state, { kind: event.stream, text: event.text, ...(event.step !== undefined ? { step: event.step } : {}) });
    case 'warning':
      return appendConsole(state, { kind: 'warning', text: `${event.category}: ${event.message}`, file: event.file, line: event.line });
    case 'error': {
      const where = event.file ? `${event.file}:${event.line ?? '?'}${event.column ? `:${event.column}` : ''}: ` : '';
      return appendConsole({ ...state, error: event }, { kind: 'error', text: `${where}${event.message}`, file: event.file ?? null, line: event.line ?? null });
    }
    case 'exit': {
      const crashed = event.reason === 'crashed';
      const note = event.reason ? ` (${event.reason})` : '';
      return appendConsole(
        { ...state, status: crashed ? 'crashed' : 'exited', exit: event, paused: null },
        { kind: 'info', text: `Program exited with status ${event.code}${note}\n` },
      );
    }
    case 'snapshot.delta':
    case 'snapshot.full':
      return { ...applySnapshot(state, event), timeline: noteTasks(state.timeline, event.loop.steps, event.tasks) };
    case 'paused': {
      const step = event.step ?? event.snapshot.loop.steps;
      const timeline = noteTasks(event.step !== undefined ? addPause(state.timeline, step, event.reason.kind, event.taskId) : state.timeline, step, event.snapshot.tasks);
      return { ...applySnapshot(state, event.snapshot), status: 'paused', paused: event, timeline };
    }
    case 'timeline':
      return { ...state, timeline: appendTimeline(state.timeline, event) };
    case 'travel.arrived':
      return arrive(state, event);
    case 'travel.diverged':
      return appendConsole({ ...state, timeline: truncateTimeline(state.timeline, event.step - 1) }, { kind: 'error', text: event.message });
    case 'resumed':
      return { ...state, status: 'running', paused: null };
    case 'reply':
      return state;
    case 'schedule':
      // The order a run's callbacks took: for an exploration's report, not a view.
      return state;
  }
}

export function applyEvents(state: SessionState, events: readonly EngineEvent[]): SessionState {
  return events.reduce(applyEvent, state);
}
