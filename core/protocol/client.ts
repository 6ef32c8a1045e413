// The client protocol: between a host (Electron main, the browser shell) and a UI client
// (the renderer). The same messages travel over Electron IPC and over the WebSocket.
import { z } from 'zod';
import { BreakOnEvent, Breakpoint, DebugCommand, TravelRequest } from './commands.js';
import { EngineEvent } from './events.js';
import { ExploreProgress, ExploreStrategy } from './explore.js';

/** Limits every host enforces on what a client sends. */
export const MAX_CLIENT_MESSAGE_BYTES = 20 * 1024 * 1024;

const Id = z.number().int().nonnegative();

export const ClientRequest = z.discriminatedUnion('type', [
  /** Ask for the whole current state (sent as `state.full`), then events as they happen. */
  z.object({ type: z.literal('session.subscribe'), id: Id }),
  z.object({
    type: z.literal('session.run'),
    id: Id,
    filename: z.string().min(1).max(4096),
    source: z.string(),
    breakpoints: z.array(Breakpoint).default([]),
    breakOn: z.array(BreakOnEvent).default(['deadlock']),
    breakOnTaskNames: z.array(z.string()).default([]),
    argv: z.array(z.string()).default([]),
    seed: z.number().int().default(0),
    /** A replay token (an exploration's failure): the run takes that schedule. */
    schedule: z.string().max(4 * 1024 * 1024).optional(),
    /** Native mode: run in this Python interpreter (one `interpreters.list` offers for the
     * file) instead of the embedded engine. */
    python: z.string().min(1).max(4096).optional(),
  }),
  /** The Python interpreters native mode can run `filename` in (its project's .venv or venv,
   * $VIRTUAL_ENV, python3 on PATH), each with its version: Interpreter[]. */
  z.object({ type: z.literal('interpreters.list'), id: Id, filename: z.string().min(1).max(4096) }),
  /** Type into a native run's stdin; `eof` then closes it (Ctrl+D). */
  z.object({ type: z.literal('stdin.write'), id: Id, text: z.string().max(1024 * 1024), eof: z.boolean().default(false) }),
  z.object({ type: z.literal('session.stop'), id: Id }),
  /** Explore the program's schedules (core/explore); answered, at the end, with the
   * ExploreReport, and meanwhile `explore.progress` messages. One exploration at a time. */
  z.object({
    type: z.literal('explore.start'),
    id: Id,
    filename: z.string().min(1).max(4096),
    source: z.string(),
    strategy: ExploreStrategy.default('random'),
    runs: z.number().int().min(1).max(1_000_000).default(100),
    seed: z.number().int().default(0),
    oracle: z.enum(['output']).nullable().default(null),
  }),
  /** End the exploration early: its request is answered with what ran. */
  z.object({ type: z.literal('explore.stop'), id: Id }),
  /** Run the last program again with the same options (and the source it is given, if any). */
  z.object({ type: z.literal('session.restart'), id: Id, source: z.string().optional() }),
  /** A debugger command; an inspect.* command's answer comes back as this request's response
   * (its `seq` is assigned by the host). */
  z.object({ type: z.literal('debug'), id: Id, command: DebugCommand }),
  z.object({ type: z.literal('file.open'), id: Id, path: z.string().min(1).max(4096) }),
  z.object({ type: z.literal('file.save'), id: Id, path: z.string().min(1).max(4096), source: z.string() }),
  z.object({ type: z.literal('examples.list'), id: Id }),
  /** Go back (or forward) in the run: answered once the engine is paused there. */
  z.object({ type: z.literal('travel'), id: Id, travel: TravelRequest }),
  /** Save the current run as a recording, at `path` or beside the program; answered with the
   * path written. */
  z.object({ type: z.literal('recording.save'), id: Id, path: z.string().min(1).max(4096).optional() }),
  /** Open a recording: it becomes the session (every client gets the whole state). */
  z.object({ type: z.literal('recording.open'), id: Id, path: z.string().min(1).max(4096) }),
]);
export type ClientRequest = z.input<typeof ClientRequest>;
export type ParsedClientRequest = z.output<typeof ClientRequest>;

export const OpenedFile = z.object({
  path: z.string(),
  source: z.string(),
  /** Modification time in ms, to notice changes on disk. */
  mtimeMs: z.number(),
});
export type OpenedFile = z.infer<typeof OpenedFile>;

export const Interpreter = z.object({
  executable: z.string(),
  /** 'CPython 3.12.4' */
  version: z.string(),
  /** Where it was found: 'project .venv', '$VIRTUAL_ENV', 'PATH'. */
  source: z.string(),
});
export type Interpreter = z.infer<typeof Interpreter>;

export const Example = z.object({ name: z.string(), title: z.string(), path: z.string() });
export type Example = z.infer<typeof Example>;

export const HostMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('response'), id: Id, ok: z.boolean(), result: z.unknown().optional(), error: z.string().optional() }),
  /** Engine events in order; deltas of one tick may have been merged. */
  z.object({ type: z.literal('events'), events: z.array(EngineEvent) }),
  /** The whole session state (see core/model), on subscribe and when a client fell behind. */
  z.object({ type: z.literal('state.full'), state: z.unknown(), droppedEvents: z.number().int() }),
  /** The host opened a file (menu, drag and drop, command line). */
  z.object({ type: z.literal('file.opened'), file: OpenedFile }),
  /** The open file changed or was deleted on disk. */
  z.object({ type: z.literal('file.changed'), path: z.string(), deleted: z.boolean() }),
  /** A menu item or key handled by the host, for the client to carry out. */
  z.object({ type: z.literal('menu'), action: z.string() }),
  /** How the running exploration goes. */
  z.object({ type: z.literal('explore.progress'), progress: ExploreProgress }),
]);
export type HostMessage = z.infer<typeof HostMessage>;
