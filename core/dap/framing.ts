// The Debug Adapter Protocol's base framing: `Content-Length: N\r\n\r\n` then N bytes of JSON.
// Hand-written rather than @vscode/debugadapter's reader, which ends the adapter process on a
// frame that is not JSON and buffers whatever length a header names: here a bad frame is
// reported and skipped, and the reader finds the next header.

/** A frame larger than this is refused (a DAP message is small; a 64 MB one is a broken client). */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;
/** Header bytes looked at before giving up on finding the blank line that ends them. */
const MAX_HEADER_BYTES = 8 * 1024;
const HEADER_END = Buffer.from('\r\n\r\n');
const HEADER_START = Buffer.from('Content-Length');

export type Frame =
  | { kind: 'message'; message: unknown }
  | { kind: 'malformed'; problem: string };

export class FrameReader {
  private buffer: Buffer = Buffer.alloc(0);
  /** Body length of the frame being read, once its header has been read. */
  private bodyLength: number | undefined;
  /** Bytes of a refused oversized body still to be skipped as they arrive. */
  private skipping = 0;

  /** Feed bytes; returns the frames they complete. */
  push(chunk: Buffer): Frame[] {
    const frames: Frame[] = [];
    if (this.skipping > 0) {
      const skipped = Math.min(this.skipping, chunk.length);
      this.skipping -= skipped;
      chunk = chunk.subarray(skipped);
    }
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.bodyLength === undefined) {
        const header = this.readHeader(frames);
        if (header === 'wait') return frames;
        continue;
      }
      if (this.buffer.length < this.bodyLength) return frames;
      const body = this.buffer.subarray(0, this.bodyLength);
      this.buffer = this.buffer.subarray(this.bodyLength);
      this.bodyLength = undefined;
      frames.push(parseBody(body));
    }
  }

  /** Reads one header off the buffer: 'wait' when more bytes are needed. */
  private readHeader(frames: Frame[]): 'wait' | 'read' {
    const end = this.buffer.indexOf(HEADER_END);
    if (end < 0) {
      if (this.buffer.length > MAX_HEADER_BYTES) {
        frames.push({ kind: 'malformed', problem: `no end of header in ${this.buffer.length} bytes` });
        this.resync(1);
      }
      return 'wait';
    }
    const header = this.buffer.subarray(0, end).toString('latin1');
    const length = contentLength(header);
    if (typeof length === 'string') {
      frames.push({ kind: 'malformed', problem: length });
      // The body's length is unknown: what follows is read as the next header from the next
      // `Content-Length` on.
      this.resync(end + HEADER_END.length);
      return 'read';
    }
    this.buffer = this.buffer.subarray(end + HEADER_END.length);
    if (length > MAX_FRAME_BYTES) {
      frames.push({ kind: 'malformed', problem: `Content-Length ${length} is over the limit of ${MAX_FRAME_BYTES} bytes` });
      const skipped = Math.min(length, this.buffer.length);
      this.skipping = length - skipped;
      this.buffer = this.buffer.subarray(skipped);
      return this.buffer.length > 0 ? 'read' : 'wait';
    }
    this.bodyLength = length;
    return 'read';
  }

  /** Drop bytes up to the next `Content-Length` at or after `from`. */
  private resync(from: number): void {
    const next = this.buffer.indexOf(HEADER_START, from);
    if (next >= 0) {
      this.buffer = this.buffer.subarray(next);
      return;
    }
    // None yet: keep only an end that may be the start of one, cut across chunks.
    let keep = Math.min(HEADER_START.length - 1, this.buffer.length - from);
    while (keep > 0 && !this.buffer.subarray(this.buffer.length - keep).equals(HEADER_START.subarray(0, keep))) keep--;
    this.buffer = this.buffer.subarray(this.buffer.length - keep);
  }
}

/** The body length a header names, or what is wrong with it. */
function contentLength(header: string): number | string {
  let length: number | string = 'a header without Content-Length';
  for (const line of header.split('\r\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (!match || match[1]!.trim().toLowerCase() !== 'content-length') continue;
    const value = match[2]!.trim();
    length = /^\d{1,12}$/.test(value) ? Number(value) : `Content-Length is not a byte count: ${JSON.stringify(value.slice(0, 40))}`;
  }
  return length;
}

function parseBody(body: Buffer): Frame {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return { kind: 'malformed', problem: 'the message is not UTF-8' };
  }
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch (error) {
    return { kind: 'malformed', problem: `the message is not JSON (${(error as Error).message})` };
  }
  return { kind: 'message', message };
}

/** Encode one message as a frame. */
export function encodeFrame(message: object): Buffer {
  const json = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${json.length}\r\n\r\n`, 'ascii'), json]);
}
