// How the host and the engine process talk (both sides of it). The engine process has no
// network, no IPC channel of Node's and no shared memory: it gets three inherited file
// descriptors, read and written with blocking calls, because a paused program blocks the
// engine's only thread and only a blocking read can wake it.
//   COMMAND_FD  host -> engine: JSON lines (ToEngine), read with readSync.
//   EVENT_FD    engine -> host: frames [u32 LE body length][u8 kind][body], written with writeSync.
//   DOORBELL_FD a small file the host writes and the engine reads with pread: how many command
//               lines were sent (so a running program can ask "is there one?" without blocking),
//               and which run is to be interrupted or aborted.

export const COMMAND_FD = 3;
export const EVENT_FD = 4;
export const DOORBELL_FD = 5;

export const FrameKind = { Ready: 1, Batch: 2, Finished: 3, Crash: 4, Snapshot: 5, Aborted: 6 } as const;
export type FrameKind = (typeof FrameKind)[keyof typeof FrameKind];

const HEADER_BYTES = 5;
/** No frame is larger (a pause with 100,000 tasks is ~80 MB); a program that writes more into
 * its channel must not take the host's memory with it. */
export const MAX_FRAME_BYTES = 512 * 1024 * 1024;

export class FrameTooLarge extends Error {}

export function encodeFrame(kind: FrameKind, body: Uint8Array): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(body.byteLength, 0);
  header.writeUInt8(kind, 4);
  return Buffer.concat([header, body]);
}

export interface Frame {
  kind: FrameKind;
  body: Buffer;
}

/** Reassembles frames from the chunks a stream delivers, in order. */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(chunk: Buffer): Frame[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Frame[] = [];
    for (;;) {
      if (this.buffered < HEADER_BYTES) break;
      const head = this.peek(HEADER_BYTES);
      const length = head.readUInt32LE(0);
      if (length > MAX_FRAME_BYTES) throw new FrameTooLarge(`the engine sent a message of ${length} bytes (at most ${MAX_FRAME_BYTES})`);
      if (this.buffered < HEADER_BYTES + length) break;
      const all = this.take(HEADER_BYTES + length);
      frames.push({ kind: all.readUInt8(4) as FrameKind, body: all.subarray(HEADER_BYTES) });
    }
    return frames;
  }

  private peek(bytes: number): Buffer {
    if (this.chunks[0]!.length < bytes) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0]!;
  }

  private take(bytes: number): Buffer {
    const joined = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    this.chunks = joined.length > bytes ? [joined.subarray(bytes)] : [];
    this.buffered -= bytes;
    return joined.subarray(0, bytes);
  }
}

/** The doorbell file: four little-endian int32s. */
export const DOORBELL_BYTES = 16;
export const Doorbell = {
  /** Command lines the host has written so far. */
  Sent: 0,
  /** The run to raise SIGINT in (0: none): set until the program has paused. */
  Interrupt: 1,
  /** The run to abort (0: none). */
  Abort: 2,
} as const;
