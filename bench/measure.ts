// What every part of the bench shares: the rounds per figure, the python3 to compare with, and
// how a figure is summed up and printed.
import { spawnSync } from 'node:child_process';

export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

/** The python3 on PATH, resolved once: a launcher in front of it (pyenv's shim) would count in
 * a process's start-up time. Without one (stdout null) the name stays: a part that needs no
 * python3 (bench:dap) still imports this file. */
export const PYTHON = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout?.trim() || 'python3';

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const ms = (seconds: number) => `${(seconds * 1000).toFixed(0).padStart(6)} ms`;
