// Frames from the engine process arrive in whatever chunks the pipe makes of them.
import { describe, expect, it } from 'vitest';
import { FrameDecoder, FrameKind, FrameTooLarge, MAX_FRAME_BYTES, encodeFrame } from '../../../core/engine/wire.js';

describe('FrameDecoder', () => {
  const frames = [
    encodeFrame(FrameKind.Batch, Buffer.from('[{"type":"output"}]')),
    encodeFrame(FrameKind.Ready, Buffer.from('{}')),
    encodeFrame(FrameKind.Snapshot, Buffer.alloc(70_000, 7)),
    encodeFrame(FrameKind.Finished, Buffer.alloc(0)),
  ];
  const stream = Buffer.concat(frames);

  it('gives back each frame whole, however the stream is cut', () => {
    for (const size of [1, 2, 3, 5, 7, 4096, stream.length]) {
      const decoder = new FrameDecoder();
      const got = [];
      for (let offset = 0; offset < stream.length; offset += size) got.push(...decoder.push(stream.subarray(offset, offset + size)));
      expect(got.map((frame) => frame.kind), `chunks of ${size}`).toEqual([FrameKind.Batch, FrameKind.Ready, FrameKind.Snapshot, FrameKind.Finished]);
      expect(got[0]!.body.toString()).toBe('[{"type":"output"}]');
      expect(got[2]!.body.equals(Buffer.alloc(70_000, 7))).toBe(true);
      expect(got[3]!.body.length).toBe(0);
    }
  });

  it('refuses a frame larger than the limit as soon as its header says so', () => {
    const header = Buffer.alloc(5);
    header.writeUInt32LE(MAX_FRAME_BYTES + 1, 0);
    header.writeUInt8(FrameKind.Batch, 4);
    expect(() => new FrameDecoder().push(header)).toThrow(FrameTooLarge);
  });
});
