// The console as lines: the model's entries split at newlines (each entry's split is kept, so
// a stream of output costs the new text, not the whole console), with the user's evaluations,
// and what the user typed into a native run's stdin, placed where the console ended then.
import type { ConsoleEntry } from '../../core/model/index.js';
import type { ConsoleMark, Evaluation, ProgramInput } from './ui-state.js';

export interface ConsoleLine {
  kind: ConsoleEntry['kind'] | 'input' | 'result' | 'result-error' | 'stdin';
  text: string;
  /** On an entry's first line: the step it was written in (a way back to that moment). */
  step?: number;
}

const split = new WeakMap<ConsoleEntry, ConsoleLine[]>();

function splitText(kind: ConsoleEntry['kind'], text: string, step?: number): ConsoleLine[] {
  if (text === '') return [];
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return body.split('\n').map((line, index) => (index === 0 && step !== undefined ? { kind, text: line, step } : { kind, text: line }));
}

function linesOf(entry: ConsoleEntry): ConsoleLine[] {
  let lines = split.get(entry);
  if (!lines) {
    lines = splitText(entry.kind, entry.text, entry.step);
    split.set(entry, lines);
  }
  return lines;
}

/** Lines the user added, and where the console ended when they were. */
interface Insertion {
  after: ConsoleMark;
  lines: ConsoleLine[];
}

function evaluationLines(evaluation: Evaluation): ConsoleLine[] {
  const { result } = evaluation;
  return [
    { kind: 'input', text: `› ${evaluation.expression}` },
    result.ok ? { kind: 'result', text: result.value } : { kind: 'result-error', text: result.error },
  ];
}

/** Both kinds in the order they were made (each list is in order already). */
function insertions(evaluations: readonly Evaluation[], inputs: readonly ProgramInput[]): Insertion[] {
  const out: Insertion[] = evaluations.map((evaluation) => ({ after: evaluation.after, lines: evaluationLines(evaluation) }));
  if (inputs.length === 0) return out;
  for (const input of inputs) out.push({ after: input.after, lines: [{ kind: 'stdin', text: input.text }] });
  // Stable: of two made at one mark, evaluations (asked while paused) keep their place first.
  return out.sort((a, b) => a.after.entries - b.after.entries || a.after.lastLength - b.after.lastLength);
}

export function consoleLines(entries: readonly ConsoleEntry[], evaluations: readonly Evaluation[], inputs: readonly ProgramInput[] = []): ConsoleLine[] {
  const inserted = insertions(evaluations, inputs);
  const out: ConsoleLine[] = [];
  const push = (lines: readonly ConsoleLine[]) => {
    for (const line of lines) out.push(line);
  };
  let next = 0;
  const before = (entries: number) => {
    while (next < inserted.length && inserted[next]!.after.entries <= entries) push(inserted[next++]!.lines);
  };
  entries.forEach((entry, index) => {
    before(index);
    // Insertions made while this entry was still growing go inside it, where it then ended.
    let offset = 0;
    let pieces: ConsoleLine[] | null = null;
    while (next < inserted.length && inserted[next]!.after.entries === index + 1 && inserted[next]!.after.lastLength < entry.text.length) {
      const cut = inserted[next]!.after.lastLength;
      pieces ??= [];
      pieces.push(...splitText(entry.kind, entry.text.slice(offset, cut), offset === 0 ? entry.step : undefined), ...inserted[next++]!.lines);
      offset = cut;
    }
    if (pieces) push([...pieces, ...splitText(entry.kind, entry.text.slice(offset))]);
    else push(linesOf(entry));
  });
  before(Infinity);
  return out;
}
