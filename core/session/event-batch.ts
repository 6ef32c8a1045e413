// What both kinds of engine send (the embedded engine's batch frames, a native run's): JSON
// arrays of protocol events, validated here, and replies matched to the requests that wait.
import { EngineEvent, type DebugCommand } from '../protocol/index.js';
import type { InspectCommand } from './run-engine.js';

type Reply = Extract<EngineEvent, { type: 'reply' }>;

/** A batch's events, each validated; what is malformed becomes an error event in its place. */
export function decodeBatch(json: string): EngineEvent[] {
  let batch: unknown;
  try {
    batch = JSON.parse(json);
  } catch {
    return [{ type: 'error', kind: 'crash', message: 'the engine sent a malformed message' }];
  }
  return (Array.isArray(batch) ? batch : [batch]).map((item): EngineEvent => {
    const parsed = EngineEvent.safeParse(item);
    return parsed.success
      ? parsed.data
      : { type: 'error', kind: 'crash', message: `the engine sent an invalid event: ${parsed.error.message.slice(0, 300)}` };
  });
}

/** Inspection requests waiting for their replies, by sequence number. */
export class PendingReplies {
  private readonly waiting = new Map<number, (reply: Reply) => void>();
  private nextSeq = 1;

  /** Send `input` numbered (with `send`, which may throw) and wait for its reply. */
  request(input: InspectCommand, send: (command: DebugCommand) => void): Promise<unknown> {
    const seq = this.nextSeq++;
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, (reply) => (reply.ok ? resolve(reply.result) : reject(new Error(reply.error))));
      try {
        send({ ...input, seq } as DebugCommand);
      } catch (error) {
        this.waiting.delete(seq);
        reject(error);
      }
    });
  }

  /** A reply event came: settle its request. */
  settle(reply: Reply): void {
    const resolve = this.waiting.get(reply.seq);
    this.waiting.delete(reply.seq);
    resolve?.(reply);
  }

  /** The run has ended: every request still waiting fails. */
  failAll(): void {
    for (const [, resolve] of this.waiting) resolve({ type: 'reply', seq: 0, ok: false, error: 'the program is not running' });
    this.waiting.clear();
  }
}
