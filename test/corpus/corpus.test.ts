// The fidelity contract: for every program of the corpus, the engine prints the same stdout,
// the same last line of stderr and exits with the same status as native python3 did when
// test/corpus/expected/ was generated (scripts/gen-expected.mjs).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineSession } from '../../core/session/engine-session.js';
import { collectRun } from '../../core/session/collect.js';
import { readProgramFile } from '../../core/session/program-file.js';

const PROGRAMS = join(import.meta.dirname, 'programs');
const EXPECTED = join(import.meta.dirname, 'expected');
const names = readdirSync(PROGRAMS).filter((name) => name.endsWith('.py')).sort();

// The one text the corpus knows to differ by version: a warning raised with no frame (a
// coroutine collected at exit) comes from "sys:1" up to 3.12 and from "<sys>:0" from 3.13. The
// engine prints its 3.14's (test/core/engine/fidelity/exit-warning.test.ts); python3 wrote the
// expected files.
const asIn314 = (line: string) => line.replace(/^sys:1: /, '<sys>:0: ');

interface Expected {
  stdout: string;
  stderrLastLine: string;
  exitCode: number;
}

let session: EngineSession;
beforeAll(() => {
  session = new EngineSession();
});
afterAll(async () => {
  await session.dispose();
});

describe('the asyncio corpus runs as under python3', () => {
  it('has at least 40 programs, each with an expected output', () => {
    expect(names.length).toBeGreaterThanOrEqual(40);
    for (const name of names) expect(() => readFileSync(join(EXPECTED, name.replace(/\.py$/, '.json')))).not.toThrow();
  });

  for (const name of names) {
    it(name, async () => {
      const expected = JSON.parse(readFileSync(join(EXPECTED, name.replace(/\.py$/, '.json')), 'utf8')) as Expected;
      const program = readProgramFile(join(PROGRAMS, name));
      const result = await collectRun(session, { ...program, argv: [] });
      const lastLine = result.stderr.split('\n').filter((line) => line.trim() !== '').at(-1) ?? '';
      expect({ stdout: result.stdout, stderrLastLine: lastLine, exitCode: result.exit.code })
        .toEqual({ stdout: expected.stdout, stderrLastLine: asIn314(expected.stderrLastLine), exitCode: expected.exitCode });
    });
  }
});
