// The DAP framing reader alone: what it makes of good, split and broken byte streams.
import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameReader, MAX_FRAME_BYTES } from '../../../core/dap/framing.js';

const frame = (body: string) => Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);

describe('FrameReader', () => {
  it('reads frames whole, however the bytes are cut, and what encodeFrame writes', () => {
    const reader = new FrameReader();
    const bytes = Buffer.concat([frame('{"a":1}'), encodeFrame({ b: 'é' })]);
    const frames = [...bytes].flatMap((byte) => reader.push(Buffer.from([byte])));
    expect(frames).toEqual([{ kind: 'message', message: { a: 1 } }, { kind: 'message', message: { b: 'é' } }]);
  });

  it('reports a broken frame and reads the next one', () => {
    const reader = new FrameReader();
    const problems = (bytes: string | Buffer) => reader.push(Buffer.from(bytes)).map((f) => (f.kind === 'malformed' ? f.problem : f.message));
    expect(problems(Buffer.concat([Buffer.from('Content-Length: abc\r\n\r\n{"x":1}'), frame('{"ok":1}')])))
      .toEqual(['Content-Length is not a byte count: "abc"', { ok: 1 }]);
    expect(problems(Buffer.concat([frame('nope'), frame('{"ok":2}')]))).toEqual([expect.stringMatching(/^the message is not JSON/), { ok: 2 }]);
    expect(problems(Buffer.concat([Buffer.from('X-Other: 1\r\n\r\n'), frame('{"ok":3}')]))).toEqual(['a header without Content-Length', { ok: 3 }]);
    expect(problems(Buffer.concat([Buffer.from('Content-Length: 2\r\n\r\n'), Buffer.from([0xff, 0xfe]), frame('{"ok":4}')])))
      .toEqual(['the message is not UTF-8', { ok: 4 }]);
    expect(problems('y'.repeat(9000))).toEqual([expect.stringMatching(/^no end of header/)]);
    expect(problems(frame('{"ok":5}'))).toEqual([{ ok: 5 }]);
    // Garbage, then a header cut in two just after it.
    expect(problems(`${'z'.repeat(9000)}Conte`)).toEqual([expect.stringMatching(/^no end of header/)]);
    expect(problems('nt-Length: 8\r\n\r\n{"ok":6}')).toEqual([{ ok: 6 }]);
  });

  it('skips a body over the limit as it arrives, without keeping it', () => {
    const reader = new FrameReader();
    const big = MAX_FRAME_BYTES + 10;
    expect(reader.push(Buffer.from(`Content-Length: ${big}\r\n\r\n`))).toEqual([{ kind: 'malformed', problem: `Content-Length ${big} is over the limit of ${MAX_FRAME_BYTES} bytes` }]);
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    for (let sent = 0; sent + chunk.length <= big; sent += chunk.length) expect(reader.push(chunk)).toEqual([]);
    const rest = big % chunk.length;
    expect(reader.push(Buffer.concat([Buffer.alloc(rest, 0x20), frame('{"after":true}')]))).toEqual([{ kind: 'message', message: { after: true } }]);
  });
});
