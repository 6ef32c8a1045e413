// One client connection: bytes in, framed and checked, to a LoopscopeDebugSession; its
// messages framed back out. The session runs "inline" (DebugSession's onDidSendMessage), so
// reading and writing stay here, where a bad frame is answered instead of ending the process.
import type { Readable, Writable } from 'node:stream';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { z } from 'zod';
import { encodeFrame, FrameReader } from './framing.js';
import { LoopscopeDebugSession, type DapSessionOptions } from './session.js';

const Request = z.object({
  seq: z.number().int(),
  type: z.literal('request'),
  command: z.string().min(1),
  arguments: z.unknown().optional(),
});
const Reply = z.object({ seq: z.number().int(), type: z.literal('response'), request_seq: z.number().int() }).loose();
/** Enough of a request to answer it: its seq (and command, if it has one). */
const Answerable = z.object({
  seq: z.number().int(),
  type: z.string().refine((type) => type !== 'event' && type !== 'response').optional(),
  command: z.string().catch(''),
}).loose();

/** Serve one client until it disconnects or its input ends; resolves when the program and the
 * engine have been stopped. The output is ended (a socket) only if `endOutput` is set. */
export function serveConnection(input: Readable, output: Writable,
  options: { session?: DapSessionOptions; endOutput?: boolean } = {}): Promise<void> {
  return new Promise((resolveServed) => {
    let closed = false;
    const finish = () => {
      if (closed) return;
      closed = true;
      input.off('data', onData);
      void session.close().then(() => {
        if (options.endOutput) output.end();
        resolveServed();
      });
    };
    const session = new LoopscopeDebugSession({ ...options.session, onDisconnected: finish });
    session.onDidSendMessage((message) => {
      if (!output.writableEnded && !output.destroyed) output.write(encodeFrame(message as object));
    });
    const reader = new FrameReader();
    const onData = (chunk: Buffer) => {
      for (const frame of reader.push(chunk)) {
        if (frame.kind === 'malformed') session.reportMalformed(frame.problem);
        else deliver(session, frame.message);
      }
    };
    input.on('data', onData);
    input.once('end', finish);
    input.once('close', finish);
    input.on('error', finish);
    // Kept (not once): a second write to a closed pipe errs again, and an unheard 'error' throws.
    output.on('error', finish);
  });
}

function deliver(session: LoopscopeDebugSession, message: unknown): void {
  const request = Request.safeParse(message);
  if (request.success) {
    session.handleMessage(request.data as DebugProtocol.Request);
    return;
  }
  // Answers to requests the adapter sent (it sends none today) are the library's to match.
  const reply = Reply.safeParse(message);
  if (reply.success) {
    session.handleMessage(reply.data as unknown as DebugProtocol.Response);
    return;
  }
  const problem = request.error.issues.map((issue) => `${issue.path.join('.') || 'message'}: ${issue.message}`).join('; ');
  const answerable = Answerable.safeParse(message);
  if (answerable.success) session.refuse(answerable.data.seq, answerable.data.command, `malformed request: ${problem}`);
  else session.reportMalformed(`not a request (${problem})`);
}
