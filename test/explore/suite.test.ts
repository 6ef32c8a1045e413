// The exploration suite on the real engine: every buggy program passes in the default order
// and exploration finds its bug; the correct programs report nothing, even with the output
// oracle on.
import { afterAll, describe, expect, it } from 'vitest';
import { explore } from '../../core/explore/explorer.js';
import { EnginePool } from '../../core/explore/pool.js';
import { program, settings, SUITE } from './programs.js';

const pool = new EnginePool(2);
afterAll(() => pool.dispose());

describe('the exploration suite', () => {
  it('has at least 15 buggy programs and 5 correct ones', () => {
    expect(SUITE.filter((entry) => entry.expect !== null).length).toBeGreaterThanOrEqual(15);
    expect(SUITE.filter((entry) => entry.expect === null).length).toBeGreaterThanOrEqual(5);
  });

  for (const entry of SUITE.filter((candidate) => candidate.expect !== null)) {
    it(`finds the ${entry.expect} in ${entry.file}, which the default order does not show`, async () => {
      const report = await explore(program(entry.file), settings({ oracle: entry.oracle ?? null }), { pool });
      expect(report.baseline.exit).toBe(0);
      expect(report.failures.filter((failure) => failure.inDefaultOrder)).toEqual([]);
      expect(report.failures.map((failure) => failure.kind)).toContain(entry.expect);
      expect(report.runs).toBe(12);
    });
  }

  for (const entry of SUITE.filter((candidate) => candidate.expect === null)) {
    it(`reports nothing for the correct ${entry.file}`, async () => {
      const report = await explore(program(entry.file), settings({ oracle: 'output', runs: 16 }), { pool });
      expect(report.failures).toEqual([]);
      expect(report.runs).toBe(16);
    });
  }
});
