// `loopscope --help` and the README's section on the CLI tell a user the same things: the
// options of run, what --break-on none leaves on, and every exit status.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { USAGE } from '../../../core/cli/args.js';

const README = readFileSync(resolve(import.meta.dirname, '../../../README.md'), 'utf8');
const cliSection = README.slice(README.indexOf('## The CLI'), README.indexOf('### Event schema'));
const runOptions = USAGE.slice(USAGE.indexOf('Options of run:'), USAGE.indexOf('Options of explore:'));

/** The text from `start` to the next blank line. */
const paragraph = (text: string, start: string) => {
  const from = text.indexOf(start);
  expect(from, `"${start}" is missing`).toBeGreaterThanOrEqual(0);
  const end = text.indexOf('\n\n', from);
  return text.slice(from, end < 0 ? undefined : end);
};
/** Whole numbers standing alone (not the 8 of UTF-8, nor the 3 of python3). */
const statuses = (text: string) => [...new Set(text.match(/(?<![\w.-])\d+(?![\w.-])/g))].map(Number).sort((a, b) => a - b);

describe('--help and the README', () => {
  it('list the same options of run', () => {
    const inUsage = [...new Set(runOptions.match(/^ {2}--[\w-]+/gm)!.map((option) => option.trim()))].filter((option) => option !== '--');
    const inReadme = [...new Set([...cliSection.matchAll(/^\| `(--[\w-]+)/gm)].map((match) => match[1]!))];
    expect(inReadme.sort()).toEqual(inUsage.sort());
  });

  it('say that a deadlock still ends the run with status 113 under --break-on none', () => {
    const entry = /^ {2}--break-on none[\s\S]*?(?=^ {2}--)/m.exec(runOptions)?.[0] ?? '';
    expect(entry.replace(/\s+/g, ' ')).toMatch(/deadlock still ends the run with its report and status 113/);
    expect(cliSection.split('\n').find((line) => line.startsWith('| `--break-on none`'))).toMatch(/deadlock still ends the run with its report and status 113/);
  });

  it('give the same exit statuses of run, 130 and 141 among them', () => {
    const inReadme = statuses(paragraph(cliSection, 'Exit status:'));
    expect(inReadme).toEqual(expect.arrayContaining([1, 2, 70, 113, 124, 130, 141]));
    expect(statuses(paragraph(USAGE, 'Exit status of run:'))).toEqual(inReadme);
  });
});
