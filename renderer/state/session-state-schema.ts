// `state.full` carries a SessionState as `unknown` (the protocol leaves its shape to
// core/model). Check it here before it replaces the renderer's state.
import { z } from 'zod';
import {
  EngineError, Exit, FutureRecord, LoopRecord, Paused, ResourceRecord, TaskRecord,
} from '../../core/protocol/index.js';
import type { SessionState } from '../../core/model/index.js';

const byId = <T extends z.ZodType>(record: T) => z.record(z.string(), record);

const ConsoleEntry = z.object({
  kind: z.enum(['stdout', 'stderr', 'warning', 'error', 'info']),
  text: z.string(),
  file: z.string().nullable().optional(),
  line: z.number().int().nullable().optional(),
  step: z.number().int().optional(),
});

const TimelineChunk = z.object({
  fromStep: z.number().int(),
  tasks: z.array(z.number().int()),
  times: z.array(z.tuple([z.number().int(), z.number()])),
  marks: z.array(z.tuple([z.number().int(), z.string(), z.number().int().nullable(), z.number().int().nullable()])),
});

const Timeline = z.object({
  chunks: z.array(TimelineChunk),
  steps: z.number().int(),
  pauses: z.array(z.tuple([z.number().int(), z.string(), z.number().int().nullable()])),
  waits: z.record(z.string(), z.array(z.tuple([z.number().int(), z.string(), z.string()]))),
  tasks: z.record(z.string(), z.object({
    name: z.string(), parent: z.number().int().nullable(), group: z.number().int().nullable(), createdStep: z.number().int(), state: z.string(),
  })),
});

const SessionStateSchema = z.object({
  status: z.enum(['idle', 'running', 'paused', 'exited', 'crashed']),
  python: z.string().nullable(),
  isolation: z.array(z.string()).nullable(),
  mode: z.enum(['embedded', 'native']).nullable(),
  tasks: byId(TaskRecord),
  futures: byId(FutureRecord),
  resources: byId(ResourceRecord),
  loop: LoopRecord.nullable(),
  paused: Paused.nullable(),
  console: z.array(ConsoleEntry),
  consoleChars: z.number(),
  consoleDropped: z.number(),
  exit: Exit.nullable(),
  error: EngineError.nullable(),
  seq: z.number(),
  timeline: Timeline,
});

export function parseSessionState(value: unknown): SessionState | string {
  const parsed = SessionStateSchema.safeParse(value);
  if (!parsed.success) return `the host sent an invalid session state: ${parsed.error.message.slice(0, 300)}`;
  // JSON object keys are strings; the model's records are keyed by number, which JavaScript
  // property access treats the same.
  return parsed.data as unknown as SessionState;
}
