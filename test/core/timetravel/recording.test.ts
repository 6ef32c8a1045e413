// Recordings: a run saved, opened elsewhere without its files, shows the same and can be gone
// back in; a truncated, damaged or newer file, or one from another engine, says why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { HostSession } from '../../../core/session/host-session.js';
import {
  RecordingError, decodeRecording, encodeRecording, readRecording, writeRecording,
} from '../../../core/session/recording-file.js';
import { RewindableSession } from '../../../core/timetravel/rewindable-session.js';
import type { HostMessage } from '../../../core/protocol/client.js';
import type { Recording } from '../../../core/protocol/index.js';
import { TravelDriver } from './travel-driver.js';

const PROGRAM = '/work/recorded/clock.py';
const SOURCE = `import asyncio

async def tick(name, n):
    for i in range(n):
        await asyncio.sleep(0.5)
        print(name, i)

async def main():
    await asyncio.gather(tick("a", 3), tick("b", 2))
    print("done")

asyncio.run(main())
`;

let dir: string;
let driver: TravelDriver;
let recording: Recording;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'loopscope-recordings-'));
  driver = new TravelDriver();
  await driver.start({ filename: PROGRAM, source: SOURCE, breakOn: [], breakpoints: [{ file: PROGRAM, line: 6 }], realtime: true });
  await driver.paused();
  driver.session.send({ type: 'debug.continue' });
  await driver.paused();
  recording = driver.session.record()!;
}, 60_000);
afterAll(async () => {
  await driver?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('a recording', () => {
  it('keeps the program, the engine it ran on and every event, and reads back the same', () => {
    expect(recording.program).toMatchObject({ filename: PROGRAM, source: SOURCE });
    expect(recording.engine.pyodide).toMatch(/\d+\.\d+/);
    expect(recording.events.filter((e) => e.type === 'paused')).toHaveLength(2);
    const path = join(dir, 'clock.loopscope');
    writeRecording(path, recording);
    expect(readRecording(path)).toEqual(recording);
  });

  it('opened in another host, shows the run as it was and goes back in it', async () => {
    const path = join(dir, 'opened.loopscope');
    writeRecording(path, recording);
    const host = new HostSession({ runEngine: new RewindableSession({ prewarm: true }) });
    const sent: HostMessage[] = [];
    const client = { send: (message: HostMessage) => sent.push(message) };
    host.attach(client);
    await host.receive(client, { id: 1, type: 'session.subscribe' });
    try {
      await host.receive(client, { id: 2, type: 'recording.open', path });
      expect(sent.find((m) => m.type === 'response' && m.id === 2)).toMatchObject({ ok: true, result: { reexecutable: true } });
      const state = host.sessionState;
      expect(state.status).toBe('paused');
      expect(state.console.map((entry) => entry.text).join('')).toContain('a 0');
      expect(state.timeline.steps).toBeGreaterThan(3);
      expect(sent.find((m) => m.type === 'file.opened')).toMatchObject({ file: { path: PROGRAM, source: SOURCE } });
      // Gone back to step 2 by re-executing the recorded sources (the file is nowhere on disk).
      await host.receive(client, { id: 3, type: 'travel', travel: { to: 'step', step: 2 } });
      expect(sent.find((m) => m.type === 'response' && m.id === 3)).toMatchObject({ ok: true });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(host.sessionState.paused).toMatchObject({ step: 2, aboutToRun: true });
    } finally {
      await host.dispose();
    }
  }, 60_000);

  it('from another engine opens to be looked at, and says why it cannot be re-executed', async () => {
    const path = join(dir, 'other-engine.loopscope');
    writeRecording(path, { ...recording, engine: { ...recording.engine, agent: '0000000000000000' } });
    const host = new HostSession({ runEngine: new RewindableSession({ prewarm: false }) });
    const sent: HostMessage[] = [];
    const client = { send: (message: HostMessage) => sent.push(message) };
    host.attach(client);
    try {
      await host.receive(client, { id: 1, type: 'recording.open', path });
      expect(sent.at(-1)).toMatchObject({ ok: true, result: { reexecutable: false, reason: expect.stringMatching(/recorded with another engine \(agent 0000000000000000, here [0-9a-f]{16}\)/) } });
      await host.receive(client, { id: 2, type: 'travel', travel: { to: 'step', step: 2 } });
      expect(sent.at(-1)).toMatchObject({ ok: false, error: expect.stringMatching(/can be looked at, not re-executed/) });
    } finally {
      await host.dispose();
    }
  });
});

describe('a bad recording', () => {
  const bytes = () => encodeRecording(recording);
  const refused = (data: Buffer) => {
    try {
      decodeRecording(data, 'run.loopscope');
    } catch (error) {
      expect(error).toBeInstanceOf(RecordingError);
      return (error as Error).message;
    }
    throw new Error('accepted');
  };

  it('truncated, is refused as truncated', () => {
    expect(refused(bytes().subarray(0, Math.floor(bytes().length / 2)))).toMatch(/run\.loopscope is truncated/);
  });

  it('damaged, is refused as damaged', () => {
    const damaged = Buffer.from(bytes());
    damaged[Math.floor(damaged.length / 2)]! ^= 0xff;
    expect(refused(damaged)).toMatch(/damaged|not a Loopscope recording/);
    const tampered = gzipSync(JSON.stringify({ checksum: '0'.repeat(64), body: JSON.stringify({ format: 'loopscope-recording', version: 1 }) }));
    expect(refused(tampered)).toMatch(/checksum does not match/);
  });

  it('not a recording at all, says so', () => {
    expect(refused(Buffer.from('print("hello")\n'))).toMatch(/not a Loopscope recording/);
    expect(refused(gzipSync('{"a": 1}'))).toMatch(/not a Loopscope recording/);
  });

  it('from a newer Loopscope, says to update', () => {
    const body = JSON.stringify({ format: 'loopscope-recording', version: 99 });
    const newer = gzipSync(JSON.stringify({ checksum: createHash('sha256').update(body).digest('hex'), body }));
    expect(refused(newer)).toMatch(/made by a newer Loopscope \(recording format 99; this one reads 1\)/);
  });

  it('missing, says there is no such file', () => {
    const missing = join(dir, 'nothing-here.loopscope');
    expect(() => readRecording(missing)).toThrow(new RegExp(`cannot read ${missing}: no such file`));
    writeFileSync(join(dir, 'empty.loopscope'), '');
    expect(() => readRecording(join(dir, 'empty.loopscope'))).toThrow(RecordingError);
  });
});
