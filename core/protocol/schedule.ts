// Schedules: the order in which the engine's loop runs callbacks that are ready together
// (core/engine/python/loopscope_agent/schedule.py), as a run option, and replay tokens.
//
// A run under a schedule reports its choices (a `schedule` event): at scheduling point P (the
// P-th iteration with two or more of the program's callbacks ready) it ran callback I (in FIFO
// order) alone. A replay token carries those choices, compactly, so that `loopscope run
// --schedule TOKEN` or "Open in debugger" runs that interleaving again exactly.
import { z } from 'zod';

const Count = z.number().int().nonnegative();

export const ScheduleLimits = z.object({
  /** Callbacks run, in all: past this the run ends with status 124 (a livelock). */
  steps: z.number().int().positive().optional(),
  /** Seconds of virtual time: past this the run ends with status 124 (a wait that never ends). */
  virtualSeconds: z.number().positive().optional(),
});
export type ScheduleLimits = z.infer<typeof ScheduleLimits>;

/** [point, index]: at scheduling point `point`, the `index`-th ready callback ran alone. */
export const ScheduleDecision = z.tuple([Count, Count]);
export type ScheduleDecision = z.infer<typeof ScheduleDecision>;

const common = {
  limits: ScheduleLimits.optional(),
  /** Report how many callbacks were ready at each point (the systematic search needs it). */
  recordSizes: z.boolean().optional(),
  /** Report each choice and each task's lines between switches (an explanation's material). */
  trace: z.boolean().optional(),
};

const Decisions = z.array(ScheduleDecision).max(1_000_000).refine(
  (decisions) => decisions.every(([point], i) => i === 0 || point > decisions[i - 1]![0]),
  'decisions must be in order of their points, one per point',
);

export const ScheduleSpec = z.discriminatedUnion('strategy', [
  /** asyncio's order (no choice is made), with the run's points counted. */
  z.object({ strategy: z.literal('fifo'), ...common }),
  /** Recorded choices; strict: one that does not fit ends the run with an error, else it is skipped. */
  z.object({ strategy: z.literal('replay'), decisions: Decisions, strict: z.boolean().default(true), ...common }),
  /** A callback chosen uniformly at random at every point. */
  z.object({ strategy: z.literal('random'), seed: z.number().int(), ...common }),
  /** Probabilistic Concurrency Testing of depth `depth`, over a run of about `steps` points. */
  z.object({
    strategy: z.literal('pct'),
    seed: z.number().int(),
    depth: z.number().int().min(1).max(20),
    steps: z.number().int().positive(),
    ...common,
  }),
]);
export type ScheduleSpec = z.input<typeof ScheduleSpec>;

/** What a replay token holds. */
export interface ScheduleToken {
  /** programFingerprint of the source the schedule was recorded on. */
  fingerprint: number;
  decisions: ScheduleDecision[];
  limits?: ScheduleLimits;
}

export class ScheduleTokenError extends Error {
  override name = 'ScheduleTokenError';
}

export const TOKEN_FORMAT = 1;
const PREFIX = `ls${TOKEN_FORMAT}.`;
const HAS_STEPS = 1;
const HAS_TIME = 2;

/** FNV-1a (32 bits): a program's fingerprint and a token's checksum. Not a defence against
 * forgery (a token only chooses among the program's own callbacks), so no cryptographic hash. */
function fnv1a(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

/** The source's fingerprint, which a token carries to tell when it is used on another program. */
export function programFingerprint(source: string): number {
  return fnv1a(new TextEncoder().encode(source));
}

function checksum(bytes: Uint8Array): number {
  const hash = fnv1a(bytes);
  return ((hash >>> 16) ^ hash) & 0xffff;
}

class Writer {
  readonly bytes: number[] = [];
  varint(value: number): void {
    let rest = value;
    while (rest >= 0x80) {
      this.bytes.push((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.bytes.push(rest);
  }
  u32(value: number): void {
    for (let i = 0; i < 4; i++) this.bytes.push((value >>> (8 * i)) & 0xff);
  }
}

class Reader {
  offset = 0;
  constructor(private readonly bytes: Uint8Array, private readonly end: number) {}
  private byte(): number {
    if (this.offset >= this.end) throw new ScheduleTokenError('the schedule token is cut short: copy it whole');
    return this.bytes[this.offset++]!;
  }
  varint(): number {
    let value = 0;
    for (let scale = 1; ; scale *= 0x80) {
      const byte = this.byte();
      value += (byte & 0x7f) * scale;
      if (!(byte & 0x80)) return value;
      if (scale > 2 ** 42) throw new ScheduleTokenError('the schedule token is damaged (a number in it is too long)');
    }
  }
  u32(): number {
    let value = 0;
    for (let i = 0; i < 4; i++) value += this.byte() * 2 ** (8 * i);
    return value;
  }
  get done(): boolean {
    return this.offset === this.end;
  }
}

function toBase64Url(bytes: ArrayLike<number>): string {
  // btoa takes a string of bytes; a spread of 100,000 arguments would overflow the stack.
  const all = Array.from(bytes);
  const parts: string[] = [];
  for (let i = 0; i < all.length; i += 4096) parts.push(String.fromCharCode(...all.slice(i, i + 4096)));
  return btoa(parts.join('')).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new ScheduleTokenError('the schedule token holds characters a token never has (it is base64url after "ls1."): copy it whole');
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  } catch {
    throw new ScheduleTokenError('the schedule token is cut short: copy it whole');
  }
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  // A changed last character can decode to the same bytes (its low bits are padding).
  if (toBase64Url(bytes) !== text) throw new ScheduleTokenError('the schedule token is damaged: copy it whole');
  return bytes;
}

export function encodeScheduleToken(token: ScheduleToken): string {
  const out = new Writer();
  out.u32(token.fingerprint >>> 0);
  const { steps, virtualSeconds } = token.limits ?? {};
  out.varint((steps !== undefined ? HAS_STEPS : 0) | (virtualSeconds !== undefined ? HAS_TIME : 0));
  if (steps !== undefined) out.varint(steps);
  if (virtualSeconds !== undefined) out.varint(Math.ceil(virtualSeconds * 1000));
  out.varint(token.decisions.length);
  let previous = -1;
  for (const [point, index] of token.decisions) {
    out.varint(point - previous - 1);
    out.varint(index);
    previous = point;
  }
  const sum = checksum(Uint8Array.from(out.bytes));
  out.bytes.push(sum & 0xff, sum >>> 8);
  return PREFIX + toBase64Url(out.bytes);
}

/** Read a token; anything wrong with it is a ScheduleTokenError that says what. */
export function decodeScheduleToken(text: string): ScheduleToken {
  const trimmed = text.trim();
  if (!trimmed) throw new ScheduleTokenError('the schedule token is empty');
  const match = /^ls(\d+)\.(.*)$/s.exec(trimmed);
  if (!match) throw new ScheduleTokenError(`not a Loopscope schedule token (a token starts with "${PREFIX}"): ${trimmed.slice(0, 40)}`);
  if (Number(match[1]) !== TOKEN_FORMAT) {
    throw new ScheduleTokenError(`a schedule token of format ${match[1]}: this Loopscope reads format ${TOKEN_FORMAT} ("${PREFIX}...")`);
  }
  const bytes = fromBase64Url(match[2]!);
  if (bytes.length < 7) throw new ScheduleTokenError('the schedule token is cut short: copy it whole');
  const end = bytes.length - 2;
  if (checksum(bytes.subarray(0, end)) !== (bytes[end]! | (bytes[end + 1]! << 8))) {
    throw new ScheduleTokenError('the schedule token is damaged (its checksum does not match): copy it whole');
  }
  const reader = new Reader(bytes, end);
  const fingerprint = reader.u32();
  const flags = reader.varint();
  if (flags & ~(HAS_STEPS | HAS_TIME)) throw new ScheduleTokenError('the schedule token asks for options this Loopscope does not know');
  const limits: ScheduleLimits = {};
  if (flags & HAS_STEPS) limits.steps = reader.varint();
  if (flags & HAS_TIME) limits.virtualSeconds = reader.varint() / 1000;
  const count = reader.varint();
  const decisions: ScheduleDecision[] = [];
  let previous = -1;
  for (let i = 0; i < count; i++) {
    const point = previous + 1 + reader.varint();
    decisions.push([point, reader.varint()]);
    previous = point;
  }
  if (!reader.done) throw new ScheduleTokenError('the schedule token is damaged (bytes left over after its choices)');
  if ((limits.steps !== undefined && limits.steps < 1) || (limits.virtualSeconds !== undefined && limits.virtualSeconds <= 0)) {
    throw new ScheduleTokenError('the schedule token is damaged (a limit of zero)');
  }
  return { fingerprint, decisions, ...(flags ? { limits } : {}) };
}

export function formatFingerprint(fingerprint: number): string {
  return fingerprint.toString(16).padStart(8, '0');
}

/** The run option that replays `token` on the program `source`; a token recorded on another
 * program is refused (its choices would land on other callbacks). */
export function replaySchedule(token: string, source: string): Extract<ScheduleSpec, { strategy: 'replay' }> {
  const decoded = decodeScheduleToken(token);
  const fingerprint = programFingerprint(source);
  if (decoded.fingerprint !== fingerprint) {
    throw new ScheduleTokenError(`this schedule token was recorded on another program, or another version of this file (its fingerprint is ${formatFingerprint(decoded.fingerprint)}, this file's is ${formatFingerprint(fingerprint)})`);
  }
  return { strategy: 'replay', decisions: decoded.decisions, strict: true, ...(decoded.limits ? { limits: decoded.limits } : {}) };
}
