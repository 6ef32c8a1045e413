// The console as lines: the model's entries split at newlines (each entry's split is kept, so
// a stream of output costs the new text, not the whole console), with the user's evaluations
// placed where the console ended when they were asked.
import type { ConsoleEntry } from '../../core/model/index.js';
import type { Evaluation } from './ui-state.js';

export interface ConsoleLine {
  kind: ConsoleEntry['kind'] | 'input' | 'result' | 'result-error';
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

function evaluationLines(evaluation: Evaluation): ConsoleLine[] {
  const { result } = evaluation;
  return [
    { kind: 'input', text: `› ${evaluation.expression}` },
    result.ok ? { kind: 'result', text: result.value } : { kind: 'result-error', text: result.error },
  ];
}

export function consoleLines(entries: readonly ConsoleEntry[], evaluations: readonly Evaluation[]): ConsoleLine[] {
  const out: ConsoleLine[] = [];
  const push = (lines: readonly ConsoleLine[]) => {
    for (const line of lines) out.push(line);
  };
  let next = 0;
  const before = (entries: number) => {
    while (next < evaluations.length && evaluations[next]!.after.entries <= entries) push(evaluationLines(evaluations[next++]!));
  };
  entries.forEach((entry, index) => {
    before(index);
    // Evaluations asked while this entry was still growing go inside it, where it then ended.
    let offset = 0;
    let pieces: ConsoleLine[] | null = null;
    while (next < evaluations.length && evaluations[next]!.after.entries === index + 1 && evaluations[next]!.after.lastLength < entry.text.length) {
      const cut = evaluations[next]!.after.lastLength;
      pieces ??= [];
      pieces.push(...splitText(entry.kind, entry.text.slice(offset, cut), offset === 0 ? entry.step : undefined), ...evaluationLines(evaluations[next++]!));
      offset = cut;
    }
    if (pieces) push([...pieces, ...splitText(entry.kind, entry.text.slice(offset))]);
    else push(linesOf(entry));
  });
  before(Infinity);
  return out;
}
