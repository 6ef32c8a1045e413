// A bounded fuzz of the client protocol against a HostSession with the real engine: random and
// mutated requests, as values and as text. The host never throws, every message gets exactly
// one response (with the request's id where it has a usable one), and a real run works after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostSession } from '../../../core/session/host-session.js';
import { RecordingClient } from './host-client.js';
import { seededRandom } from '../../support/seeded-random.js';

const MAX_MESSAGES = 300;
const TIME_BUDGET_MS = 20_000;
const SEED = Number(process.env.LOOPSCOPE_FUZZ_SEED ?? 20261125);


let host: HostSession;
let dir: string;
beforeAll(() => {
  host = new HostSession();
  dir = mkdtempSync(join(tmpdir(), 'loopscope-fuzz-'));
  writeFileSync(join(dir, 'prog.py'), 'print("on disk")\n');
});
afterAll(async () => {
  await host.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('HostSession under fuzzed requests', () => {
  it('never throws, answers every message, and still runs a program afterwards', async () => {
    const random = seededRandom(SEED);
    const int = (n: number) => Math.floor(random() * n);
    const pick = <T,>(items: readonly T[]): T => items[int(items.length)]!;
    const FILE = join(dir, 'prog.py');
    const examples: Array<Record<string, unknown>> = [
      { type: 'session.subscribe' },
      { type: 'session.run', filename: FILE, source: 'print("hi")\n' },
      { type: 'session.run', filename: FILE, source: 'import asyncio\nasync def main():\n    x = 1\n    await asyncio.sleep(1)\nasyncio.run(main())\n', breakpoints: [{ file: FILE, line: 4 }], breakOn: ['task-switch'], argv: ['a'], seed: 3 },
      { type: 'session.stop' },
      { type: 'session.restart', source: 'print("again")\n' },
      { type: 'debug', command: { type: 'debug.continue' } },
      { type: 'debug', command: { type: 'debug.pause' } },
      { type: 'debug', command: { type: 'debug.step', kind: 'over' } },
      { type: 'debug', command: { type: 'debug.runToLine', file: FILE, line: 3 } },
      { type: 'debug', command: { type: 'debug.setBreakpoints', breakpoints: [{ file: FILE, line: 2, condition: 'x > 0' }] } },
      { type: 'debug', command: { type: 'debug.setBreakOn', events: ['deadlock', 'lock-contended'] } },
      { type: 'debug', command: { type: 'debug.cancelTask', taskId: 1, message: 'bye' } },
      { type: 'debug', command: { type: 'inspect.evaluate', expression: 'x + 1' } },
      { type: 'debug', command: { type: 'inspect.variables', ref: 1 } },
      { type: 'debug', command: { type: 'inspect.task', taskId: 1 } },
      { type: 'file.open', path: FILE },
      { type: 'file.open', path: join(dir, 'missing.py') },
      { type: 'examples.list' },
    ];
    const odd: unknown[] = [
      null, true, false, 0, -1, 1.5, 2 ** 53, -0, NaN, Infinity, '', 'x'.repeat(int(5000)), '\u0000', '💥',
      [], [1, 'a'], {}, { type: 'debug' }, { nested: { deep: [{}] } }, 'session.run', 'debug.continue',
    ];
    const randomValue = (depth = 0): unknown => {
      const r = random();
      if (depth > 3 || r < 0.5) return pick(odd);
      if (r < 0.75) return Array.from({ length: int(4) }, () => randomValue(depth + 1));
      return Object.fromEntries(Array.from({ length: int(4) }, () => [pick(['id', 'type', 'command', 'source', 'path', 'x']), randomValue(depth + 1)]));
    };
    const mutate = (value: unknown, depth = 0): unknown => {
      if (value === null || typeof value !== 'object' || depth > 4) return random() < 0.7 ? randomValue() : value;
      const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as unknown as Record<string, unknown>) : { ...value };
      const keys = Object.keys(copy);
      const r = random();
      if (keys.length && r < 0.35) copy[pick(keys)] = randomValue();
      else if (keys.length && r < 0.5) delete copy[pick(keys)];
      else if (r < 0.6) copy[pick(['extra', 'id', 'type', 'command', '__proto__'])] = randomValue();
      else if (keys.length && r < 0.8) { const key = pick(keys); copy[key] = mutate(copy[key], depth + 1); }
      else if (keys.length) { const key = pick(keys); const v = copy[key]; if (typeof v === 'string') copy[key] = v.repeat(1 + int(2000)); }
      return copy;
    };
    /** The fuzz must not write files: a save anywhere is turned into a save in the scratch folder. */
    const defused = (message: unknown): unknown => {
      if (message && typeof message === 'object' && !Array.isArray(message) && (message as { type?: unknown }).type === 'file.save') {
        return { ...message, path: join(dir, 'fuzz-save.py') };
      }
      return message;
    };

    const c = new RecordingClient();
    const detach = host.attach(c);
    const started = Date.now();
    const tally = { values: 0, texts: 0, accepted: 0, refused: 0 };
    const problems: string[] = [];
    let nextId = 1;
    for (let i = 0; i < MAX_MESSAGES && Date.now() - started < TIME_BUDGET_MS; i++) {
      const r = random();
      let message: unknown;
      if (r < 0.15) message = randomValue();
      else {
        const example = { ...pick(examples), id: nextId++ };
        message = r < 0.4 ? example : random() < 0.5 ? mutate(example) : mutate(mutate(example));
      }
      message = defused(message);
      const asText = random() < 0.4;
      let text = '';
      if (asText) {
        text = JSON.stringify(message) ?? 'undefined';
        const t = random();
        if (t < 0.2) text = text.slice(0, int(text.length + 1));
        else if (t < 0.3) text = text.replace(/[{}[\]":,]/, '');
        else if (t < 0.35) text = String.fromCharCode(...Array.from({ length: int(64) }, () => int(0x10000)));
      }
      const before = c.messages.length;
      const label = `#${i} ${(asText ? text : JSON.stringify(message) ?? String(message)).slice(0, 200)}`;
      try {
        const receiving = asText ? host.receiveText(c, text) : host.receive(c, message);
        const outcome = await Promise.race([
          receiving.then(() => 'done'),
          new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), 15_000)),
        ]);
        if (outcome === 'timeout') { problems.push(`no answer within 15 s: ${label}`); break; }
      } catch (error) {
        problems.push(`threw ${String(error)}: ${label}`);
        continue;
      }
      if (asText) tally.texts++;
      else tally.values++;
      const responses = c.messages.slice(before).filter((m) => m.type === 'response');
      if (responses.length !== 1) { problems.push(`${responses.length} responses: ${label}`); continue; }
      const response = responses[0]!;
      if (response.type !== 'response') continue;
      if (response.ok) tally.accepted++;
      else tally.refused++;
      if (!response.ok && !(response.error && response.error.trim())) problems.push(`refused without a message: ${label}`);
      const sent = asText ? (() => { try { return JSON.parse(text) as unknown; } catch { return undefined; } })() : message;
      const id = sent && typeof sent === 'object' ? (sent as { id?: unknown }).id : undefined;
      if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 && response.id !== id) problems.push(`response id ${response.id} for id ${id}: ${label}`);
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(`fuzz (seed ${SEED}): ${tally.values} values + ${tally.texts} texts in ${seconds.toFixed(1)} s, ${tally.accepted} accepted, ${tally.refused} refused, ${problems.length} problems`);
    for (const problem of problems.slice(0, 20)) console.log(`  ${problem}`);
    expect(problems).toEqual([]);
    expect(tally.values + tally.texts).toBeGreaterThan(50);

    // Whatever state the fuzz left, a real run works.
    c.clear();
    await host.receive(c, { id: 999_999, type: 'session.subscribe' });
    await host.receive(c, { id: 1_000_000, type: 'session.run', filename: FILE, source: 'import asyncio\nasync def main():\n    await asyncio.sleep(1)\n    print("after the fuzz")\nasyncio.run(main())\n' });
    expect(await c.response(1_000_000)).toMatchObject({ ok: true });
    // A run the fuzz left going ends first (stopped, 130), and its last events may still be on
    // their way: the exit that counts is the one after this run's output.
    const exit = await c.waitFor(() => {
      const events = c.events();
      const printed = events.findIndex((e) => e.type === 'output' && e.text === 'after the fuzz\n');
      return printed < 0 ? undefined : events.slice(printed).find((e) => e.type === 'exit');
    }, 'the output and exit of the final run');
    expect(exit).toMatchObject({ code: 0 });
    detach();
  }, 90_000);
});
