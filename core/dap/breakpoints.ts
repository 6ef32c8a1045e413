// Source breakpoints: each setBreakpoints request replaces one file's breakpoints; the engine
// takes the whole list. A breakpoint the engine could never stop at is answered unverified,
// with the reason, and not sent.
import type { DebugProtocol } from '@vscode/debugprotocol';
import { z } from 'zod';
import type { Breakpoint } from '../protocol/index.js';
import { parseArguments } from './errors.js';

const Arguments = z.object({
  source: z.object({ path: z.string().min(1, 'expected the path of a file') }, { error: 'expected a source with a path' }),
  breakpoints: z.array(z.object({
    line: z.number().int(),
    column: z.number().int().optional(),
    condition: z.string().optional(),
    hitCondition: z.string().optional(),
    logMessage: z.string().optional(),
  })).optional(),
  /** Deprecated by the protocol in favour of `breakpoints`; still sent by old clients. */
  lines: z.array(z.number().int()).optional(),
});

export type SetBreakpointsArguments = z.output<typeof Arguments>;

export function parseSetBreakpoints(args: unknown): SetBreakpointsArguments {
  return parseArguments('setBreakpoints', Arguments, args);
}

/** What the adapter knows of a file: its lines, and whether the engine will have it. */
export interface FileFacts {
  lines: string[] | undefined;
  /** Why the engine cannot stop in it, if it cannot. */
  outside?: string;
}

/** DAP's hitCondition as the engine's hitCount (stop from the Nth hit on): "N" and ">=N" (as
 * other adapters read a bare count), ">N". Others cannot be expressed: answered with why. */
export function parseHitCondition(text: string): number | string {
  const match = /^\s*(>=|>)?\s*(\d{1,9})\s*$/.exec(text);
  if (!match) return `hit condition "${text}" is not supported: write N or >=N (stop from the Nth hit on) or >N`;
  const count = Number(match[2]) + (match[1] === '>' ? 1 : 0);
  return Math.max(count, 1);
}

interface Entry {
  engine: Breakpoint[];
  /** DAP breakpoint id of each engine breakpoint, by line. */
  ids: Map<number, number>;
}

export class BreakpointTable {
  private readonly files = new Map<string, Entry>();
  private nextId = 1;

  /** Replace `path`'s breakpoints; returns the answer for each, in order. `lineOffset` turns
   * the client's line numbers into 1-based ones. */
  set(path: string, args: SetBreakpointsArguments, facts: FileFacts, lineOffset: number): DebugProtocol.Breakpoint[] {
    const requested: NonNullable<SetBreakpointsArguments['breakpoints']> = args.breakpoints ?? (args.lines ?? []).map((line) => ({ line }));
    const entry: Entry = { engine: [], ids: new Map() };
    const answers = requested.map((spec): DebugProtocol.Breakpoint => {
      const line = spec.line + lineOffset;
      const id = this.nextId++;
      const answer = { id, line: spec.line, source: { path } };
      const problem = lineProblem(line, facts);
      if (problem) return { ...answer, verified: false, message: problem };
      const hitCount = spec.hitCondition ? parseHitCondition(spec.hitCondition) : undefined;
      if (typeof hitCount === 'string') return { ...answer, verified: false, message: hitCount };
      if (entry.ids.has(line)) return { ...answer, verified: false, message: `line ${spec.line} already has a breakpoint` };
      entry.ids.set(line, id);
      entry.engine.push({
        file: path, line,
        ...(spec.condition?.trim() ? { condition: spec.condition } : {}),
        ...(hitCount !== undefined ? { hitCount } : {}),
        ...(spec.logMessage ? { logMessage: spec.logMessage } : {}),
      });
      return { ...answer, verified: true };
    });
    if (entry.engine.length > 0) this.files.set(path, entry);
    else this.files.delete(path);
    return answers;
  }

  all(): Breakpoint[] {
    return [...this.files.values()].flatMap((entry) => entry.engine);
  }

  has(path: string, line: number): boolean {
    return this.files.get(path)?.ids.has(line) ?? false;
  }

  /** The DAP id of the breakpoint at a place, for a stopped event's hitBreakpointIds. */
  idAt(path: string, line: number): number | undefined {
    return this.files.get(path)?.ids.get(line);
  }
}

function lineProblem(line: number, facts: FileFacts): string | undefined {
  if (facts.outside) return facts.outside;
  if (line < 1) return `line ${line} is not a line of the file`;
  if (!facts.lines) return undefined;
  if (line > facts.lines.length) return `line ${line} is past the end of the file (${facts.lines.length} lines)`;
  const text = facts.lines[line - 1]!.trim();
  if (text === '' || text.startsWith('#')) return `line ${line} has no code to stop at`;
  return undefined;
}

/** Lines of a source that may hold code: where a stop on entry can land (see session.ts). */
export function codeLines(source: string): number[] {
  return source.split('\n').flatMap((text, index) => {
    const trimmed = text.trim();
    return trimmed === '' || trimmed.startsWith('#') ? [] : [index + 1];
  });
}
