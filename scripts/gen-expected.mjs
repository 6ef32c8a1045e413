#!/usr/bin/env node
// Regenerates test/corpus/expected/<name>.json from the native CPython run of each corpus program.
//
//   node scripts/gen-expected.mjs                 # every program in test/corpus/programs
//   node scripts/gen-expected.mjs gather_basic lock_basic.py   # a subset (with or without .py)
//   node scripts/gen-expected.mjs --check [names] # compare with the stored files, write nothing
//
// Each program runs as `python3 <name>.py` with cwd = the programs folder, PYTHONHASHSEED=0 and
// without PYTHONDEVMODE (or other variables that change asyncio's or warnings' behaviour).
// The interpreter can be overridden with PYTHON=/path/to/python (default: python3).
// Output file: { "stdout": string, "stderrLastLine": string, "exitCode": number }.
// No dependencies beyond Node's built-ins.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const programsDir = path.join(root, 'test', 'corpus', 'programs');
const expectedDir = path.join(root, 'test', 'corpus', 'expected');
const python = process.env.PYTHON || 'python3';
const TIMEOUT_MS = 20_000; // hard kill; the corpus rule is < 2 s each
const SLOW_MS = 2_000;

// Variables that would change what a program prints (dev mode, asyncio debug, warning filters...).
const SCRUBBED_ENV = [
  'PYTHONDEVMODE',
  'PYTHONASYNCIODEBUG',
  'PYTHONWARNINGS',
  'PYTHONTRACEMALLOC',
  'PYTHONSTARTUP',
  'PYTHONINSPECT',
  'PYTHONOPTIMIZE',
  'PYTHONPATH',
  'PYTHONHOME',
  'PYTHONSAFEPATH',
  'PYTHONWARNDEFAULTENCODING',
];

function usage(msg) {
  if (msg) console.error(msg);
  console.error('usage: node scripts/gen-expected.mjs [--check] [program ...]');
  process.exit(2);
}

/** Last non-blank line of a stream's text, or "". */
export function lastNonEmptyLine(text) {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i].trim() !== '') return lines[i];
  }
  return '';
}

function childEnv() {
  const env = { ...process.env };
  for (const k of SCRUBBED_ENV) delete env[k];
  env.PYTHONHASHSEED = '0';
  env.PYTHONIOENCODING = 'utf-8';
  return env;
}

function runProgram(file) {
  const started = process.hrtime.bigint();
  const r = spawnSync(python, [file], {
    cwd: programsDir,
    env: childEnv(),
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: 16 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.error) return { error: r.error.code === 'ETIMEDOUT' ? `timed out after ${TIMEOUT_MS} ms` : String(r.error.message), ms };
  // Python ends an uncaught KeyboardInterrupt by killing itself with SIGINT: a shell reports
  // 128 + 2 = 130, which is what the engine gives. Any other signal is a failure.
  if (r.status === null && r.signal !== 'SIGINT') return { error: `killed by signal ${r.signal}`, ms };
  return {
    ms,
    result: {
      stdout: r.stdout,
      stderrLastLine: lastNonEmptyLine(r.stderr),
      exitCode: r.status ?? 128 + os.constants.signals.SIGINT,
    },
  };
}

/** Cheap checks of the corpus rules that a script can see. */
function lint(name, source) {
  const problems = [];
  const lines = source.replace(/\n$/, '').split('\n');
  if (!/^"""[^\n]*"""$/.test(lines[0] ?? '')) problems.push('first line is not a one-line docstring');
  if (lines.length < 15 || lines.length > 80) problems.push(`${lines.length} lines (rule: 15-80)`);
  return problems;
}

/** With --check: show where a fresh run departs from the stored file. */
function printDiff(want, got) {
  if (want.exitCode !== got.exitCode) console.log(`      exit: stored ${want.exitCode}, now ${got.exitCode}`);
  if (want.stderrLastLine !== got.stderrLastLine)
    console.log(`      stderr last line: stored ${JSON.stringify(want.stderrLastLine)}, now ${JSON.stringify(got.stderrLastLine)}`);
  if (want.stdout !== got.stdout) {
    const a = want.stdout.split('\n');
    const b = got.stdout.split('\n');
    const i = a.findIndex((line, k) => line !== b[k]);
    const at = i === -1 ? a.length : i;
    console.log(`      stdout line ${at + 1}: stored ${JSON.stringify(a[at] ?? null)}, now ${JSON.stringify(b[at] ?? null)}`);
  }
}

function main() {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const wanted = args.filter((a) => a !== '--check');
  for (const a of wanted) if (a.startsWith('-')) usage(`unknown option ${a}`);

  const all = fs
    .readdirSync(programsDir)
    .filter((f) => f.endsWith('.py'))
    .map((f) => f.slice(0, -3))
    .sort();
  let names = all;
  if (wanted.length) {
    names = wanted.map((a) => path.basename(a).replace(/\.(py|json)$/, ''));
    const missing = names.filter((n) => !all.includes(n));
    if (missing.length) usage(`no such program: ${missing.join(', ')}`);
  }

  fs.mkdirSync(expectedDir, { recursive: true });
  const width = Math.max(...names.map((n) => n.length));
  const counts = { new: 0, changed: 0, unchanged: 0, failed: 0, slow: 0 };

  for (const name of names) {
    const file = `${name}.py`;
    const source = fs.readFileSync(path.join(programsDir, file), 'utf8');
    const problems = lint(name, source);
    const run = runProgram(file);
    const label = name.padEnd(width);
    if (run.error) {
      counts.failed++;
      console.log(`FAIL  ${label}  ${run.error}`);
      continue;
    }
    const outPath = path.join(expectedDir, `${name}.json`);
    const text = JSON.stringify(run.result, null, 2) + '\n';
    const old = fs.existsSync(outPath) ? fs.readFileSync(outPath, 'utf8') : null;
    const state = old === null ? 'new' : old === text ? 'unchanged' : 'changed';
    counts[state]++;
    if (!check) fs.writeFileSync(outPath, text);
    const slow = run.ms > SLOW_MS;
    if (slow) counts.slow++;
    const nLines = run.result.stdout.split('\n').length - 1;
    const notes = [...problems, ...(slow ? [`slow: ${Math.round(run.ms)} ms`] : [])];
    const tag = check ? (state === 'unchanged' ? 'same' : state === 'new' ? 'NEW ' : 'DIFF') : 'ok  ';
    console.log(
      `${tag}  ${label}  exit=${run.result.exitCode}  stdout=${String(nLines).padStart(3)} lines  ` +
        `${String(Math.round(run.ms)).padStart(5)} ms  ${state}` +
        (run.result.stderrLastLine ? `  stderr: ${run.result.stderrLastLine}` : '') +
        (notes.length ? `  [${notes.join('; ')}]` : ''),
    );
    if (check && state === 'changed') printDiff(JSON.parse(old), run.result);
  }

  // A full run also drops expected files whose program is gone.
  const stale = wanted.length
    ? []
    : fs
        .readdirSync(expectedDir)
        .filter((f) => f.endsWith('.json') && !all.includes(f.slice(0, -5)));
  for (const f of stale) {
    if (check) console.log(`STALE ${f}`);
    else {
      fs.unlinkSync(path.join(expectedDir, f));
      console.log(`removed stale ${f}`);
    }
  }

  const version = spawnSync(python, ['--version'], { encoding: 'utf8' });
  const verText = (version.stdout || version.stderr || '').trim() || python;
  console.log(
    `${check ? 'checked' : 'generated'} ${names.length} program(s) with ${verText}: ` +
      `${counts.unchanged} unchanged, ${counts.changed} changed, ${counts.new} new, ${counts.failed} failed` +
      (counts.slow ? `, ${counts.slow} slower than ${SLOW_MS} ms` : '') +
      (stale.length ? `, ${stale.length} stale` : ''),
  );
  const bad = counts.failed > 0 || (check && (counts.changed > 0 || counts.new > 0 || stale.length > 0));
  process.exit(bad ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
