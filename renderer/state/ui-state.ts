// What the UI adds to the session: the open file, breakpoints, selection, watches, theme.
// Plain data and pure updaters; the controllers own the stores that hold it.
import type { BreakOnEvent, Breakpoint, Variable } from '../../core/protocol/index.js';
import type { Example, Interpreter } from '../../core/protocol/client.js';
import type { TransportStatus } from '../transport/transport.js';

export interface OpenFile {
  path: string;
  /** The editor's text, kept up to date as the user types. */
  source: string;
  /** The text as last read or saved: `source !== savedSource` means unsaved edits. */
  savedSource: string;
  /** Bumped on every open, so the editor knows to replace its document. */
  loadId: number;
}

export interface UiBreakpoint extends Breakpoint {
  enabled: boolean;
}

export type EvaluationResult =
  | { ok: true; value: string; type: string; ref: number }
  | { ok: false; error: string };

export interface Watch {
  id: number;
  expression: string;
  result: EvaluationResult | null;
}

export interface Evaluation {
  id: number;
  expression: string;
  result: EvaluationResult;
  /** Where the console ended when it was asked, so it shows among the output of its time. */
  after: ConsoleMark;
}

/** Where the console ended at a moment (entries, and the length of the last one: a stream's
 * later output joins that entry), so what the user typed then shows among that output. */
export interface ConsoleMark {
  entries: number;
  lastLength: number;
}

/** A line the user typed into a native run's stdin, echoed in the console. */
export interface ProgramInput {
  id: number;
  text: string;
  after: ConsoleMark;
}

/** Native mode as the UI holds it: the interpreters found for the open file and the chosen one. */
export interface NativeState {
  /** Found for the open file; null while not asked yet. */
  interpreters: Interpreter[] | null;
  /** Why the host could not say which interpreters there are. */
  interpretersError: string | null;
  /** The interpreter runs take (its executable); null: the embedded engine. */
  python: string | null;
  /** The one-time notice is showing, for a choice not made yet (and whether a run follows). */
  pendingChoice: { python: string; thenRun: boolean } | null;
  /** An embedded run died of what the engine lacks: the engine's words offering native mode. */
  suggestion: string | null;
  input: ProgramInput[];
  /** End of file was sent to this run's stdin. */
  inputClosed: boolean;
}

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

export type Theme = 'light' | 'dark';

export interface UiState {
  file: OpenFile | null;
  examples: Example[] | null;
  pickingExample: boolean;
  breakpoints: UiBreakpoint[];
  breakOn: BreakOnEvent[];
  breakOnTaskNames: string[];
  selectedTaskId: number | null;
  selectedFrameId: number | null;
  selectedResourceId: number | null;
  /** Line the editor should scroll to and put the cursor on; the nonce repeats a request. */
  reveal: { file: string; line: number; nonce: number } | null;
  /** The editor's cursor line (F9 toggles a breakpoint there). */
  cursorLine: number;
  watches: Watch[];
  evaluations: Evaluation[];
  theme: Theme;
  notice: Notice | null;
  connection: TransportStatus;
  /** A trip to another moment of the run is under way (the host re-executes the program). */
  traveling: boolean;
  native: NativeState;
}

export function initialUiState(theme: Theme): UiState {
  return {
    file: null, examples: null, pickingExample: false,
    breakpoints: [], breakOn: ['deadlock'], breakOnTaskNames: [],
    selectedTaskId: null, selectedFrameId: null, selectedResourceId: null, reveal: null, cursorLine: 1,
    watches: [], evaluations: [], theme, notice: null, connection: 'connecting', traveling: false,
    native: { interpreters: null, interpretersError: null, python: null, pendingChoice: null, suggestion: null, input: [], inputClosed: false },
  };
}

export const sameFile = (a: string, b: string): boolean => a === b;

export function breakpointAt(state: UiState, file: string, line: number): UiBreakpoint | undefined {
  return state.breakpoints.find((bp) => sameFile(bp.file, file) && bp.line === line);
}

export function toggleBreakpoint(state: UiState, file: string, line: number): UiState {
  const existing = breakpointAt(state, file, line);
  const breakpoints = existing
    ? state.breakpoints.filter((bp) => bp !== existing)
    : [...state.breakpoints, { file, line, enabled: true }].sort(byPlace);
  return { ...state, breakpoints };
}

/** Set (or, with `null`, remove) the breakpoint at file:line. */
export function putBreakpoint(state: UiState, file: string, line: number, settings: Omit<UiBreakpoint, 'file' | 'line'> | null): UiState {
  const others = state.breakpoints.filter((bp) => !(sameFile(bp.file, file) && bp.line === line));
  if (!settings) return { ...state, breakpoints: others };
  return { ...state, breakpoints: [...others, { ...settings, file, line }].sort(byPlace) };
}

/** Replace the breakpoints of one file (the editor moved them with an edit). */
export function replaceFileBreakpoints(state: UiState, file: string, lines: ReadonlyMap<number, UiBreakpoint>): UiState {
  const others = state.breakpoints.filter((bp) => !sameFile(bp.file, file));
  return { ...state, breakpoints: [...others, ...[...lines].map(([line, bp]) => ({ ...bp, file, line }))].sort(byPlace) };
}

/** What a run is given: enabled breakpoints, without the UI's flag. */
export function activeBreakpoints(state: UiState): Breakpoint[] {
  return state.breakpoints.filter((bp) => bp.enabled).map(({ enabled: _enabled, ...bp }) => bp);
}

function byPlace(a: Breakpoint, b: Breakpoint): number {
  return a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1;
}

export function toEvaluationResult(variable: Variable): EvaluationResult {
  return { ok: true, value: variable.value, type: variable.type, ref: variable.ref };
}
