// Which switches matter, in words: from the trace of the shrunk failing schedule and of the
// default order (schedule.py, explain.py), the places where a task's use of a name was cut in
// two by another task's (the four interleavings that no serial order gives: Lu et al., AVIO),
// or failing that the accesses whose order the schedule turned round, or failing that what
// each remaining deviation ran ahead of what.
import type { AccessKind, TraceEntry } from '../protocol/index.js';

interface Access {
  seq: number;
  /** Index of the step (a stretch without a switch) it happened in. */
  step: number;
  task: string;
  line: number;
  kind: AccessKind;
  name: string;
}

const writes = (kind: AccessKind) => kind !== 'r';
const MAX_SENTENCES = 4;

function verb(kind: AccessKind): string {
  return { r: 'read', w: 'wrote', m: 'changed', e: 'entered' }[kind];
}

function noun(kind: AccessKind): string {
  return { r: 'read', w: 'write', m: 'change', e: 'entering' }[kind];
}

function accessesOf(trace: TraceEntry[]): Access[] {
  const out: Access[] = [];
  trace.forEach((entry, step) => {
    // Module-level code runs before any task: it sets names up, it does not race.
    if (entry.kind !== 'step' || entry.task === 'the program') return;
    for (const [line, kind, name] of entry.accesses) out.push({ seq: out.length, step, task: entry.task, line, kind, name });
  });
  return out;
}

/** a1 ... b ... a2 on one name, with a switch between a1 and a2 and b by another task, in an
 * order no serial run gives. */
interface Violation {
  name: string;
  a1: Access;
  b: Access;
  a2: Access;
}

function violations(accesses: Access[]): Violation[] {
  const found: Violation[] = [];
  const byName = new Map<string, Access[]>();
  for (const access of accesses) byName.set(access.name, [...(byName.get(access.name) ?? []), access]);
  for (const [name, list] of byName) {
    if (!list.some((access) => writes(access.kind))) continue;
    for (let i = 0; i < list.length; i++) {
      const a1 = list[i]!;
      const nextOwn = list.findIndex((access, j) => j > i && access.task === a1.task);
      if (nextOwn < 0) continue;
      const a2 = list[nextOwn]!;
      if (a2.step === a1.step) continue;
      for (const b of list.slice(i + 1, nextOwn)) {
        if (b.task === a1.task) continue;
        const unserializable =
          (a1.kind === 'r' && writes(b.kind) && writes(a2.kind)) || // lost update
          (a1.kind === 'r' && writes(b.kind) && a2.kind === 'r') || // two reads disagree
          (writes(a1.kind) && b.kind === 'r' && writes(a2.kind)) || // a half-done update seen
          (writes(a1.kind) && writes(b.kind) && a2.kind === 'r'); //   another's value read back
        if (unserializable) {
          found.push({ name, a1, b, a2 });
          break;
        }
      }
    }
  }
  return found.sort((x, y) => x.a2.seq - y.a2.seq);
}

const shape = (v: Violation) => `${v.name}:${v.a1.kind}${v.a1.line}:${v.b.kind}${v.b.line}:${v.a2.kind}${v.a2.line}`;

function describeViolation({ name, a1, b, a2 }: Violation): string {
  const first = a1.kind === a2.kind && a1.kind === 'r'
    ? `between ${a1.task}'s reads of it at lines ${a1.line} and ${a2.line}`
    : `between ${a1.task}'s ${noun(a1.kind)} of it at line ${a1.line} and its ${noun(a2.kind)} at line ${a2.line}`;
  return `${b.task} ${verb(b.kind)} \`${name}\` at line ${b.line} ${first}`;
}

/** Conflicting accesses (same name, two tasks, one of them a write) whose order the failing
 * run has the other way round from the default order. */
function reorderings(failing: Access[], normal: Access[]): string[] {
  const key = (a: Access) => `${a.task}|${a.name}|${a.line}|${a.kind}`;
  const position = new Map<string, number>();
  for (const access of normal) if (!position.has(key(access))) position.set(key(access), access.seq);
  const out: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < failing.length && out.length < MAX_SENTENCES; i++) {
    const x = failing[i]!;
    for (const y of failing.slice(i + 1)) {
      if (y.name !== x.name || y.task === x.task || !(writes(x.kind) || writes(y.kind))) continue;
      const px = position.get(key(x));
      const py = position.get(key(y));
      const pair = `${x.name}|${x.line}|${y.line}`;
      if (px !== undefined && py !== undefined && py < px && !seen.has(pair)) {
        seen.add(pair);
        out.push(`${x.task} ${verb(x.kind)} \`${x.name}\` at line ${x.line} before ${y.task} ${verb(y.kind)} it at line ${y.line} (the default order has it the other way round)`);
      }
      break;
    }
  }
  return out;
}

const MAX_LINES_SHOWN = 6;

/** The lines a step ran, in the order it ran them (it may go into another function). */
function lineSpan(lines: number[]): string {
  if (!lines.length) return '';
  if (lines.length === 1) return ` (line ${lines[0]})`;
  const shown = lines.slice(0, MAX_LINES_SHOWN).join(', ');
  return ` (lines ${shown}${lines.length > MAX_LINES_SHOWN ? ', ...' : ''})`;
}

/** What each deviation ran ahead of what, with where the chosen task went. */
function deviations(trace: TraceEntry[]): string[] {
  const out: string[] = [];
  trace.forEach((entry, i) => {
    if (entry.kind !== 'decision') return;
    const next = trace.slice(i + 1).find((later) => later.kind === 'step' && later.task === entry.chosen);
    const where = next && next.kind === 'step' ? lineSpan(next.lines) : '';
    const waited = entry.deferred.length ? ` ahead of ${entry.deferred.join(', ')}` : '';
    out.push(`at scheduling point ${entry.point}, ${entry.chosen} ran${where}${waited}`);
  });
  return out;
}

/** Sentences for a report: the deviations, then why they matter. */
export function explainSchedule(failing: TraceEntry[], normal: TraceEntry[]): string[] {
  const steps = deviations(failing);
  const heading = steps.length === 1 ? 'One switch from the default order matters:' : `${steps.length} switches from the default order matter:`;
  const lines = steps.length ? [heading, ...steps.map((step) => `  ${step}`)] : [];
  const failingAccesses = accessesOf(failing);
  const normalAccesses = accessesOf(normal);
  const usual = new Set(violations(normalAccesses).map(shape));
  const fresh = violations(failingAccesses).filter((v) => !usual.has(shape(v)));
  const unique = [...new Map(fresh.map((v) => [shape(v), v])).values()].slice(0, MAX_SENTENCES);
  const why = unique.length ? unique.map(describeViolation) : reorderings(failingAccesses, normalAccesses);
  if (why.length) lines.push('Why:', ...why.map((sentence) => `  ${sentence}`));
  return lines;
}
