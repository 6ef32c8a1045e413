// Events: what the engine reports, in order. The CLI's --json mode prints exactly these,
// one per line; the hosts forward them to the renderer.
import { z } from 'zod';
import { FutureRecord, LoopRecord, ResourceRecord, Site, TaskRecord } from './records.js';
import { ReplayMoment } from './commands.js';
import { ScheduleDecision } from './schedule.js';

export const PROTOCOL_VERSION = 1;

export const EngineReady = z.object({
  type: z.literal('engine.ready'),
  protocol: z.number().int(),
  python: z.string(),
  loadMs: z.number(),
  /** The isolation layers that hold for this run: wasm-gate (the interpreter's imports are
   * gated), node-permissions (the engine process runs under Node's permission model),
   * node-network-permission (that model also refuses the network: Node 25 and later). */
  isolation: z.array(z.string()).optional(),
  /** Where the program runs: the embedded engine (default) or the user's own Python. */
  mode: z.enum(['embedded', 'native']).optional(),
});

export const Output = z.object({
  type: z.literal('output'),
  stream: z.enum(['stdout', 'stderr']),
  text: z.string(),
  /** The step during which it was written (the loop's step count); absent before the loop. */
  step: z.number().int().optional(),
});

export const Warning = z.object({
  type: z.literal('warning'),
  /** A Python warning category (RuntimeWarning, ...) or one of Loopscope's lints. */
  category: z.string(),
  message: z.string(),
  file: z.string().nullable(),
  line: z.number().int().nullable(),
  taskId: z.number().int().nullable().optional(),
});

export const EngineError = z.object({
  type: z.literal('error'),
  /** syntax: the program does not compile; crash: the engine died; limit: a bound was hit;
   * input: the program could not be read or started; refused: the program reached what the
   * embedded engine never allows (its bridge to JavaScript), and the run was ended. */
  kind: z.enum(['syntax', 'crash', 'limit', 'input', 'refused']),
  message: z.string(),
  /** More of what went wrong, for a report (the engine's last words on a crash). */
  detail: z.string().optional(),
  file: z.string().nullable().optional(),
  line: z.number().int().nullable().optional(),
  column: z.number().int().nullable().optional(),
});

export const Exit = z.object({
  type: z.literal('exit'),
  code: z.number().int(),
  /** Set when the run ended other than by the program returning: stopped, crashed, deadlock. */
  reason: z.string().optional(),
});

const snapshotBody = {
  seq: z.number().int(),
  loop: LoopRecord,
  tasks: z.array(TaskRecord),
  futures: z.array(FutureRecord),
  resources: z.array(ResourceRecord),
};

/** Changed records since the previous snapshot event. */
export const SnapshotDelta = z.object({ type: z.literal('snapshot.delta'), ...snapshotBody });
/** Every record the receiver should know; replaces what it had. */
export const SnapshotFull = z.object({
  type: z.literal('snapshot.full'),
  ...snapshotBody,
  /** Events the sender could not deliver since the receiver's last full snapshot. */
  droppedEvents: z.number().int().optional(),
});

export const Frame = z.object({
  /** Reference for `inspect.variables` / `inspect.evaluate`, valid while paused. */
  id: z.number().int(),
  function: z.string(),
  file: z.string(),
  line: z.number().int(),
  user: z.boolean(),
});
export type Frame = z.infer<typeof Frame>;

export const Variable = z.object({
  name: z.string(),
  value: z.string(),
  type: z.string(),
  /** Non-zero when the value has children: pass to `inspect.variables`. */
  ref: z.number().int(),
});
export type Variable = z.infer<typeof Variable>;

export const TaskDetail = z.object({
  id: z.number().int(),
  /** Coroutine stack, outermost first. */
  stack: z.array(Frame),
  /** Tasks awaiting this one, nearest first (who waits for me). */
  awaitedBy: z.array(z.number().int()),
  /** Locals of the innermost user frame. */
  locals: z.array(Variable),
});
export type TaskDetail = z.infer<typeof TaskDetail>;

/** The answer to `inspect.stacks`: each task's stack, outermost first, as indexes into
 * `frames` ([function, index into `files`, line]; tasks suspended at the same places share
 * them). Frames here carry no reference: `details` (or `inspect.task`) do. */
export const TaskStacks = z.object({
  files: z.array(z.object({ path: z.string(), user: z.boolean() })),
  frames: z.array(z.tuple([z.string(), z.number().int(), z.number().int()])),
  tasks: z.array(z.tuple([z.number().int(), z.array(z.number().int())])),
});
export type TaskStacks = z.infer<typeof TaskStacks>;

export const GraphNode = z.object({
  id: z.string(),
  kind: z.enum(['task', 'resource', 'future']),
  label: z.string(),
});
export const GraphEdge = z.object({
  from: z.string(),
  to: z.string(),
  /** waits: the task waits on the target; held-by: the resource is held by the task;
   * awaits: the future or task is awaited. */
  kind: z.enum(['waits', 'held-by']),
  label: z.string().optional(),
});
export const Cycle = z.object({
  /** lock-cycle | await-cycle | starvation */
  kind: z.string(),
  nodes: z.array(z.string()),
  description: z.string(),
});
export const WaitGraph = z.object({
  nodes: z.array(GraphNode),
  edges: z.array(GraphEdge),
  cycles: z.array(Cycle),
});
export type WaitGraph = z.infer<typeof WaitGraph>;

export const PauseReason = z.object({
  /** breakpoint | step | pause | task-switch | task-created | task-finished | task-cancelled |
   * task-failed | future-resolved | future-cancelled | lock-contended | lock-acquired |
   * lock-released | exception | never-retrieved | deadlock | entry | moment (time travel
   * arrived at a step or line it was sent to) */
  kind: z.string(),
  description: z.string(),
});

/** What a re-execution found on its way to the moment it paused at (time travel). */
export const ReplayReport = z.object({
  to: ReplayMoment,
  /** Armed pauses (breakpoints, scheduler events) passed on the way. */
  pauses: z.number().int(),
  /** The last of them, when asked for. */
  previousPause: z.object({
    index: z.number().int(), step: z.number().int(), kind: z.string(), description: z.string(), location: Site.nullable(),
  }).nullable(),
  /** The traced task's last line event before the moment: [step, lineIndex, file, line]. */
  previousLine: z.tuple([z.number().int(), z.number().int(), z.string(), z.number().int()]).nullable(),
  /** Set when the moment did not exist, and the run paused where it would have been. */
  missed: z.string().nullable(),
});
export type ReplayReport = z.infer<typeof ReplayReport>;

export const Paused = z.object({
  type: z.literal('paused'),
  reason: PauseReason,
  /** The task that was running or about to run, if any. */
  taskId: z.number().int().nullable(),
  location: Site.nullable(),
  snapshot: SnapshotFull,
  details: z.array(TaskDetail),
  graph: WaitGraph,
  /** Task steps started so far: the paused task's step, or the one about to run. */
  step: z.number().int().optional(),
  /** Paused before step `step` runs (a task switch), not inside it. */
  aboutToRun: z.boolean().optional(),
  /** For a pause the run's breakpoints or armed scheduler events made: which one (from 1). */
  pauseIndex: z.number().int().optional(),
  replay: ReplayReport.nullable().optional(),
});
export type Paused = z.infer<typeof Paused>;

/** The run's timeline since the last one: the task of each step from `fromStep` on, the
 * virtual time from a step on ([step, time], where it changed), and marks at steps ([step,
 * kind, id, task id]: lock-acquired, lock-released). */
export const TimelineEvent = z.object({
  type: z.literal('timeline'),
  fromStep: z.number().int().positive(),
  tasks: z.array(z.number().int()),
  times: z.array(z.tuple([z.number().int(), z.number()])),
  marks: z.array(z.tuple([z.number().int(), z.string(), z.number().int().nullable(), z.number().int().nullable()])),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

export const Resumed = z.object({ type: z.literal('resumed') });

export const Reply = z.object({
  type: z.literal('reply'),
  seq: z.number().int(),
  ok: z.boolean(),
  result: z.unknown().optional(),
  error: z.string().optional(),
});

/** How a line touches a name: reads it, writes it, changes it through a method
 * (`items.append(x)`), enters it (`async with lock`). */
export const AccessKind = z.enum(['r', 'w', 'm', 'e']);
export type AccessKind = z.infer<typeof AccessKind>;

const TraceEntry = z.discriminatedUnion('kind', [
  /** The schedule ran `chosen` alone at `point`; `deferred` waited. */
  z.object({ kind: z.literal('decision'), point: z.number().int(), chosen: z.string(), deferred: z.array(z.string()) }),
  /** Lines a task ran without a switch, and how they touched which names. */
  z.object({
    kind: z.literal('step'),
    task: z.string(),
    file: z.string(),
    lines: z.array(z.number().int()),
    accesses: z.array(z.tuple([z.number().int(), AccessKind, z.string()])),
  }),
]);
export type TraceEntry = z.infer<typeof TraceEntry>;

/** Sent just before `exit` by a run that had a schedule (RunOptions.schedule). */
export const ScheduleReport = z.object({
  type: z.literal('schedule'),
  /** The choices the run made, by point: with the program, what replays it. */
  decisions: z.array(ScheduleDecision),
  /** Scheduling points: iterations with two or more of the program's callbacks ready. */
  points: z.number().int(),
  /** Callbacks run; of them, those run at points where FIFO was kept. */
  steps: z.number().int(),
  fifoSteps: z.number().int(),
  virtualTime: z.number(),
  /** Callbacks ready at each point (when asked for: recordSizes). */
  sizes: z.array(z.number().int()).optional(),
  /** The limit that ended the run, if one did. */
  limit: z.enum(['steps', 'time']).optional(),
  /** The program's uncaught exception: its type (and an exception group's leaf types), text,
   * and the innermost line of the program it came from. */
  uncaught: z.object({
    type: z.string(),
    message: z.string(),
    leaves: z.array(z.string()).optional(),
    file: z.string().optional(),
    line: z.number().int().optional(),
  }).optional(),
  /** Choices and steps in order (when asked for: trace). */
  trace: z.array(TraceEntry).optional(),
});
export type ScheduleReportEvent = z.infer<typeof ScheduleReport>;

/** The host went back (or forward) to an earlier moment of the run: a re-execution paused
 * there, and it is the run from now on. What the run printed after the moment is forgotten;
 * `output` is what it printed in the moment's own step before it. */
export const TravelArrived = z.object({
  type: z.literal('travel.arrived'),
  paused: Paused,
  output: z.array(Output),
});

/** A re-execution did not repeat the run (it read a clock or a file Loopscope does not
 * control): from `step` on its timeline differs, and what was recorded there is dropped. */
export const TravelDiverged = z.object({
  type: z.literal('travel.diverged'),
  step: z.number().int(),
  message: z.string(),
});

export const EngineEvent = z.discriminatedUnion('type', [
  EngineReady, Output, Warning, EngineError, Exit, SnapshotDelta, SnapshotFull, Paused, Resumed, Reply, TimelineEvent,
  TravelArrived, TravelDiverged, ScheduleReport,
]);
export type EngineEvent = z.infer<typeof EngineEvent>;
export type OutputEvent = z.infer<typeof Output>;
export type WarningEvent = z.infer<typeof Warning>;
export type ErrorEvent = z.infer<typeof EngineError>;
export type ExitEvent = z.infer<typeof Exit>;
export type SnapshotDeltaEvent = z.infer<typeof SnapshotDelta>;
export type SnapshotFullEvent = z.infer<typeof SnapshotFull>;
export type ReplyEvent = z.infer<typeof Reply>;
