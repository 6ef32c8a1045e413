// Commands: what a host asks of the engine. Requests that expect an answer (inspect.*) carry
// a `seq`, assigned by EngineSession, answered by a `reply` event with the same seq.
import { z } from 'zod';
import { ScheduleSpec } from './schedule.js';

export const Breakpoint = z.object({
  file: z.string(),
  line: z.number().int().positive(),
  /** A Python expression; the breakpoint stops only where it is true. */
  condition: z.string().optional(),
  /** Stop only from this hit on (1 = every time). */
  hitCount: z.number().int().positive().optional(),
  /** A logpoint: print this (with {expressions} filled in) instead of stopping. */
  logMessage: z.string().optional(),
});
export type Breakpoint = z.infer<typeof Breakpoint>;

/** Scheduler events a run can break on. `deadlock` is on unless turned off. */
export const BreakOnEvent = z.enum([
  'task-switch', 'task-created', 'task-finished', 'task-cancelled', 'task-failed',
  'future-resolved', 'future-cancelled', 'lock-contended', 'lock-acquired', 'lock-released',
  'exception', 'never-retrieved', 'deadlock',
]);
export type BreakOnEvent = z.infer<typeof BreakOnEvent>;

/** A moment of a run, for a re-execution to pause at (agent replay.py). */
export const ReplayMoment = z.union([
  z.object({ step: z.number().int().positive(), line: z.tuple([z.string(), z.number().int().positive()]).optional(), lineIndex: z.number().int().nonnegative().optional() }),
  z.object({ pause: z.number().int().positive() }),
]);
export type ReplayMoment = z.infer<typeof ReplayMoment>;

/** Run to a moment with every pause on the way muted, pause there, and say what lay before it. */
export const Replay = z.object({
  to: ReplayMoment,
  trace: z.enum(['lines', 'pauses']).optional(),
  /** The task whose line events `trace: 'lines'` follows. */
  taskId: z.number().int().positive().optional(),
  /** A checkpoint: the run waits at the moment for a trip to go on from it (debug.replay),
   * and its paused event carries no records (building them would keep the objects they
   * describe alive longer than the run did: a program's finalizers would run later). */
  checkpoint: z.boolean().optional(),
});
export type Replay = z.infer<typeof Replay>;

/** Where time travel goes: a step (before it runs), the previous task switch, the current
 * task's previous line (across awaits), or the previous armed breakpoint or scheduler event. */
export const TravelRequest = z.discriminatedUnion('to', [
  z.object({ to: z.literal('step'), step: z.number().int().positive() }),
  z.object({ to: z.literal('previous-switch') }),
  z.object({ to: z.literal('step-back') }),
  z.object({ to: z.literal('reverse-continue') }),
]);
export type TravelRequest = z.infer<typeof TravelRequest>;

export const RunOptions = z.object({
  source: z.string(),
  /** The program's path as the program sees it (__file__, tracebacks). */
  filename: z.string(),
  argv: z.array(z.string()).default([]),
  seed: z.number().int().default(0),
  breakpoints: z.array(Breakpoint).default([]),
  breakOn: z.array(BreakOnEvent).default(['deadlock']),
  /** Break on a task switch only when switching to a task of one of these names. */
  breakOnTaskNames: z.array(z.string()).default([]),
  /** The other files of the program's folder and its subfolders (text only), by path relative
   * to it ('pkg/mod.py'), so that `import helper` works and the program can read its files. */
  modules: z.record(z.string(), z.string()).default({}),
  /** Trace mode: report each pause, then go on without waiting for a command. */
  autoContinue: z.boolean().default(false),
  outputLimit: z.number().int().positive().default(8_000_000),
  /** Publish snapshots and output on real time (smooth for a UI) instead of every N steps
   * (the default: the event stream is then the same byte for byte on every run). */
  realtime: z.boolean().default(false),
  /** A re-execution to an earlier moment (time travel). */
  replay: Replay.optional(),
  /** The order of callbacks that are ready together (exploration, a replay token); omitted =
   * asyncio's FIFO. See schedule.ts. */
  schedule: ScheduleSpec.optional(),
  /** Native mode: run in this Python interpreter (a path, or a command on PATH), with real
   * time, real I/O and the user's rights, instead of the embedded engine (core/engine/native/).
   * Time travel, exploration and replay are the embedded engine's only. */
  python: z.string().min(1).optional(),
  /** Native mode: the program's current folder (default: the program's own). */
  cwd: z.string().optional(),
});
export type RunOptions = z.input<typeof RunOptions>;
export type ResolvedRunOptions = z.output<typeof RunOptions>;

const TaskRef = z.number().int().positive();
const Seq = z.number().int().optional();

export const DebugCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('debug.continue') }),
  z.object({ type: z.literal('debug.pause') }),
  z.object({
    type: z.literal('debug.step'),
    kind: z.enum(['over', 'into', 'out', 'switch']),
    taskId: TaskRef.optional(),
  }),
  z.object({ type: z.literal('debug.runToLine'), file: z.string(), line: z.number().int().positive() }),
  z.object({ type: z.literal('debug.setBreakpoints'), breakpoints: z.array(Breakpoint) }),
  z.object({
    type: z.literal('debug.setBreakOn'),
    events: z.array(BreakOnEvent),
    taskNames: z.array(z.string()).optional(),
  }),
  z.object({ type: z.literal('debug.cancelTask'), taskId: TaskRef, message: z.string().optional() }),
  z.object({ type: z.literal('inspect.variables'), seq: Seq, ref: z.number().int().positive() }),
  z.object({
    type: z.literal('inspect.evaluate'),
    seq: Seq,
    expression: z.string().max(10_000),
    /** A frame id from a paused event; omitted = the paused task's innermost user frame. */
    frameId: z.number().int().optional(),
  }),
  z.object({ type: z.literal('inspect.task'), seq: Seq, taskId: TaskRef }),
  /** Every task's stack (or those of `taskIds`), compactly: answered with a TaskStacks. */
  z.object({ type: z.literal('inspect.stacks'), seq: Seq, taskIds: z.array(z.number().int()).max(1_000_000).optional() }),
]);
export type DebugCommand = z.infer<typeof DebugCommand>;
