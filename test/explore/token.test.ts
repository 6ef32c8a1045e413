// Replay tokens: compact, versioned, checksummed; anything wrong with one is a clear error.
import { describe, expect, it } from 'vitest';
import {
  decodeScheduleToken, encodeScheduleToken, programFingerprint, replaySchedule, ScheduleTokenError,
  type ScheduleDecision,
} from '../../core/protocol/index.js';
import { seededRandom } from '../support/seeded-random.js';

const SOURCE = 'import asyncio\nprint("hi")\n';
const fingerprint = programFingerprint(SOURCE);

describe('schedule tokens', () => {
  it('round-trip their choices and limits, and start with their format', () => {
    const token = { fingerprint, decisions: [[0, 1], [3, 0], [4, 2], [1000, 7]] as ScheduleDecision[], limits: { steps: 200_000, virtualSeconds: 60 } };
    const text = encodeScheduleToken(token);
    expect(text).toMatch(/^ls1\.[A-Za-z0-9_-]+$/);
    expect(decodeScheduleToken(text)).toEqual(token);
    expect(decodeScheduleToken(encodeScheduleToken({ fingerprint, decisions: [] }))).toEqual({ fingerprint, decisions: [] });
  });

  it('stay compact for long schedules (about two bytes a choice)', () => {
    const random = seededRandom(3);
    let point = 0;
    const decisions: ScheduleDecision[] = Array.from({ length: 100_000 }, () => [(point += 1 + Math.floor(random() * 3)), Math.floor(random() * 4)]);
    const text = encodeScheduleToken({ fingerprint, decisions });
    expect(text.length).toBeLessThan(100_000 * 2 * 1.4 + 20);
    expect(decodeScheduleToken(text).decisions).toEqual(decisions);
  });

  it('say what is wrong with a bad one', () => {
    const good = encodeScheduleToken({ fingerprint, decisions: [[0, 1], [2, 1]] });
    const bad = (text: string) => {
      try {
        decodeScheduleToken(text);
      } catch (error) {
        expect(error).toBeInstanceOf(ScheduleTokenError);
        return (error as Error).message;
      }
      throw new Error(`${text} was accepted`);
    };
    expect(bad('')).toMatch(/empty/);
    expect(bad('hello')).toMatch(/not a Loopscope schedule token/);
    expect(bad(good.replace('ls1.', 'ls2.'))).toMatch(/format 2: this Loopscope reads format 1/);
    expect(bad(good.slice(0, -3))).toMatch(/cut short|damaged/);
    expect(bad(good.slice(0, 7))).toMatch(/cut short/);
    expect(bad(`${good}!`)).toMatch(/characters a token never has/);
    const flipped = good.slice(0, 8) + (good[8] === 'A' ? 'B' : 'A') + good.slice(9);
    expect(bad(flipped)).toMatch(/damaged/);
    // The last character's unused bits: another character that decodes to the same bytes.
    const last = good.at(-1)!;
    const twin = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('').find((char) => char !== last && (() => {
      try {
        return decodeScheduleToken(good.slice(0, -1) + char) !== undefined;
      } catch {
        return false;
      }
    })());
    expect(twin).toBeUndefined();
  });

  it('refuse a program other than the one they were recorded on', () => {
    const token = encodeScheduleToken({ fingerprint, decisions: [[0, 1]] });
    expect(replaySchedule(token, SOURCE)).toEqual({ strategy: 'replay', decisions: [[0, 1]], strict: true });
    expect(() => replaySchedule(token, SOURCE + '# edited\n')).toThrow(/recorded on another program, or another version of this file/);
  });
});
