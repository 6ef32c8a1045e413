// Shrinking and explaining, each on its own: delta debugging against a stand-in for the engine
// (which deviations a failure needs is known here), and explanations from made-up traces.
import { describe, expect, it } from 'vitest';
import { explainSchedule } from '../../core/explore/explain.js';
import { shrinkSchedule } from '../../core/explore/shrink.js';
import type { ScheduleDecision, TraceEntry } from '../../core/protocol/index.js';

const decisions = (count: number): ScheduleDecision[] => Array.from({ length: count }, (_, i) => [i * 2, (i % 3) + 1]);

describe('shrinkSchedule', () => {
  it('keeps only the deviations the failure needs', async () => {
    const needed = ['[6,1]', '[30,1]', '[31,2]'];
    const fails = async (candidate: ScheduleDecision[]) => {
      const keys = candidate.map((decision) => JSON.stringify(decision));
      return needed.every((key) => keys.includes(key)) ? candidate : undefined;
    };
    const initial: ScheduleDecision[] = [...decisions(40), [31, 2]];
    initial.sort((a, b) => a[0] - b[0]);
    const result = await shrinkSchedule(initial, fails, { budget: 500, parallel: 2 });
    expect(result.decisions.map((decision) => JSON.stringify(decision))).toEqual(needed);
    expect(result.runs).toBeLessThan(120);
  });

  it('takes what the run really chose (a choice that no longer fits is dropped)', async () => {
    // The failure needs point 4; point 9's choice never fits once point 4 is all that is left.
    const result = await shrinkSchedule([[4, 1], [9, 3]], async (candidate) => (candidate.some(([point]) => point === 4) ? candidate.filter(([point]) => point !== 9) : undefined), { budget: 50, parallel: 1 });
    expect(result.decisions).toEqual([[4, 1]]);
  });

  it('stops at its budget with the smallest failing schedule found so far', async () => {
    const result = await shrinkSchedule(decisions(64), async (candidate) => (candidate.length >= 20 ? candidate : undefined), { budget: 6, parallel: 2 });
    expect(result.runs).toBeLessThanOrEqual(6);
    expect(result.decisions.length).toBeGreaterThanOrEqual(20);
    expect(result.decisions.length).toBeLessThan(64);
  });
});

const step = (task: string, lines: number[], accesses: Array<[number, 'r' | 'w' | 'm' | 'e', string]>): TraceEntry => ({ kind: 'step', task, file: '/p/bank.py', lines, accesses });

describe('explainSchedule', () => {
  // The default order: a reads and writes, then b does.
  const normal: TraceEntry[] = [
    step('a', [12], [[12, 'r', 'balance']]), step('b', [20], []), step('a', [14], [[14, 'w', 'balance']]),
    step('b', [21, 22], [[21, 'r', 'balance'], [22, 'w', 'balance']]),
  ];

  it('names the write that came between a task\'s read and its write (a lost update)', () => {
    const failing: TraceEntry[] = [
      step('a', [12], [[12, 'r', 'balance']]),
      { kind: 'decision', point: 1, chosen: 'b', deferred: ['a'] },
      step('b', [21, 22], [[21, 'r', 'balance'], [22, 'w', 'balance']]),
      step('a', [14], [[14, 'w', 'balance']]),
    ];
    expect(explainSchedule(failing, normal)).toEqual([
      'One switch from the default order matters:',
      '  at scheduling point 1, b ran (lines 21, 22) ahead of a',
      'Why:',
      '  b wrote `balance` at line 22 between a\'s read of it at line 12 and its write at line 14',
    ]);
  });

  it('says which accesses the schedule turned round when no task was cut in two', () => {
    const first: TraceEntry[] = [step('a', [5], [[5, 'e', 'lock_a']]), step('b', [9], [[9, 'e', 'lock_b']]), step('a', [6], [[6, 'e', 'lock_b']]), step('b', [10], [[10, 'e', 'lock_a']])];
    const failing: TraceEntry[] = [
      step('a', [5], [[5, 'e', 'lock_a']]),
      { kind: 'decision', point: 0, chosen: 'b', deferred: ['a'] },
      step('b', [9], [[9, 'e', 'lock_b']]),
      step('a', [6], [[6, 'e', 'lock_b']]),
      step('b', [10], [[10, 'e', 'lock_a']]),
    ];
    const normalOrder: TraceEntry[] = [first[0]!, first[2]!, first[1]!, first[3]!];
    expect(explainSchedule(failing, normalOrder).slice(2)).toEqual([
      'Why:',
      '  b entered `lock_b` at line 9 before a entered it at line 6 (the default order has it the other way round)',
    ]);
  });

  it('leaves out what the default order does too, and module-level code', () => {
    const trace: TraceEntry[] = [step('the program', [1], [[1, 'w', 'balance']]), ...normal];
    expect(explainSchedule(trace, normal)).toEqual([]);
  });
});
