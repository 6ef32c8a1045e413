// The engine process's side of wire.ts: blocking reads of the host's command lines, frames
// written to the host, and the doorbell a running program polls.
import { readSync, writeSync } from 'node:fs';
import { COMMAND_FD, DOORBELL_BYTES, DOORBELL_FD, EVENT_FD, encodeFrame, type FrameKind } from './wire.js';
import type { ToEngine } from './messages.js';

const READ_CHUNK = 1 << 16;

/** The write failed because nobody reads the other end any longer. */
export function brokenPipe(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'EPIPE' || code === 'ECONNRESET';
}

export class HostChannel {
  private pending = Buffer.alloc(0);
  private linesRead = 0;
  private readonly bell = new Int32Array(DOORBELL_BYTES / 4);
  private readonly bellBytes = new Uint8Array(this.bell.buffer);
  private readonly chunk = Buffer.alloc(READ_CHUNK);
  /** The run of the last abort message read. */
  lastAbort = 0;
  /** The host that spawned this process: when it dies, this process is another's child. */
  private readonly host = process.ppid;

  /** Whether the host has gone (killed without a word: its pipes may not say so to a program
   * that never reads them, spinning in virtual time). */
  hostGone(): boolean {
    return process.ppid !== this.host;
  }

  /** The next message from the host, waiting for it; undefined when the host has gone. */
  read(): ToEngine | undefined {
    const line = this.readLine();
    if (line === undefined) return undefined;
    const message = JSON.parse(line) as ToEngine;
    if (message.kind === 'abort') this.lastAbort = message.runId;
    return message;
  }

  /** Whether a message is waiting (never blocks). */
  hasMessage(): boolean {
    if (this.pending.includes(0x0a)) return true;
    return this.doorbell()[0]! > this.linesRead;
  }

  /** The doorbell as the host last wrote it (see wire.ts, Doorbell). */
  doorbell(): Int32Array {
    readSync(DOORBELL_FD, this.bellBytes, 0, DOORBELL_BYTES, 0);
    return this.bell;
  }

  /** Write a frame to the host. A host that has gone cannot be told anything, and nothing else
   * is left to do: the process ends (SIGPIPE is ignored in Node, so the write says EPIPE). */
  send(kind: FrameKind, body: Uint8Array | string): void {
    const frame = encodeFrame(kind, typeof body === 'string' ? Buffer.from(body) : body);
    try {
      for (let offset = 0; offset < frame.length; ) offset += writeSync(EVENT_FD, frame, offset, frame.length - offset);
    } catch (error) {
      if (brokenPipe(error) || this.hostGone()) process.exit(0);
      throw error;
    }
  }

  sendJson(kind: FrameKind, value: object): void {
    this.send(kind, JSON.stringify(value));
  }

  private readLine(): string | undefined {
    // A long line (a run's sources, megabytes) arrives in many reads: keep them apart until its end.
    const parts: Buffer[] = [];
    let end = this.pending.indexOf(0x0a);
    while (end < 0) {
      parts.push(this.pending);
      const count = readSync(COMMAND_FD, this.chunk, 0, READ_CHUNK, null);
      if (count === 0) return undefined;
      this.pending = Buffer.from(this.chunk.subarray(0, count));
      end = this.pending.indexOf(0x0a);
    }
    parts.push(this.pending.subarray(0, end));
    this.pending = this.pending.subarray(end + 1);
    this.linesRead++;
    return Buffer.concat(parts).toString('utf8');
  }
}
