// Keeps a CodeMirror view in step with the app: the open file, its breakpoints, the paused
// line, suspended tasks and reveal requests flow in; edits, cursor moves and moved breakpoints
// flow out. Imperative on purpose: the editor is not re-rendered by React, only told what changed.
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { python } from '@codemirror/lang-python';
import { bracketMatching, indentOnInput } from '@codemirror/language';
import { EditorState, type Extension } from '@codemirror/state';
import {
  EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers,
} from '@codemirror/view';
import type { SessionState } from '../../core/model/index.js';
import type { LoopscopeApp } from '../app/loopscope-app.js';
import { selectSuspendedLines } from '../state/selectors.js';
import { sameFile, type UiState } from '../state/ui-state.js';
import type { Disposer } from '../transport/transport.js';
import { breakpointGutter, breakpointLines, sameBreakpointLines, setBreakpoints, type BreakpointSettings } from './breakpoint-gutter.js';
import { debugLines, setDebugLines, type DebugLines } from './debug-lines.js';
import { editorTheme } from './editor-theme.js';

export class EditorBinding {
  readonly view: EditorView;
  private readonly disposers: Disposer[] = [];
  private loadId = -1;
  private lastReveal: UiState['reveal'] = null;
  private lastDebug: DebugLines | null = null;
  private updating = false;
  private missedSync = false;
  private disposed = false;

  private readonly extensions: Extension[];

  constructor(parent: HTMLElement, private readonly app: LoopscopeApp, onEditBreakpoint: (line: number, at: { x: number; y: number }) => void) {
    this.extensions = [
      breakpointGutter({
        onToggle: (line) => app.actions.toggleBreakpoint(line),
        onEdit: onEditBreakpoint,
        onMove: (lines) => this.whileUpdating(() => {
          const path = app.ui.peek().file?.path;
          if (path) app.actions.moveBreakpoints(path, new Map([...lines].map(([line, settings]) => [line, { ...settings, file: path, line }])));
        }),
      }),
      lineNumbers(),
      highlightActiveLineGutter(),
      debugLines(),
      history(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      highlightActiveLine(),
      python(),
      editorTheme,
      keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
      EditorView.contentAttributes.of({ 'aria-label': 'Source code' }),
      EditorView.updateListener.of((update) => this.whileUpdating(() => {
        if (update.docChanged) app.files.edit(update.state.doc.toString());
        if (update.selectionSet || update.docChanged) {
          app.actions.setCursorLine(update.state.doc.lineAt(update.state.selection.main.head).number);
        }
      })),
    ];
    this.view = new EditorView({ parent, state: this.createState('') });
    this.disposers.push(app.ui.subscribe((state) => this.syncUi(state)));
    this.disposers.push(app.session.subscribe((state) => this.syncDebugLines(app.ui.get(), state)));
    this.syncUi(app.ui.get());
  }

  private createState(doc: string): EditorState {
    return EditorState.create({ doc, extensions: this.extensions });
  }

  focus(): void {
    this.view.focus();
  }

  dispose(): void {
    this.disposed = true;
    for (const dispose of this.disposers.splice(0)) dispose();
    this.view.destroy();
  }

  /** Store updates made from inside an editor update come back to `syncUi`, which must not
   * dispatch then (CodeMirror forbids it): it runs again once the update is over. */
  private whileUpdating(write: () => void): void {
    this.updating = true;
    try {
      write();
    } finally {
      this.updating = false;
    }
    if (this.missedSync) {
      this.missedSync = false;
      queueMicrotask(() => this.syncUi(this.app.ui.get()));
    }
  }

  private syncUi(state: UiState): void {
    if (this.disposed) return;
    if (this.updating) {
      this.missedSync = true;
      return;
    }
    const file = state.file;
    if (file && file.loadId !== this.loadId) {
      this.loadId = file.loadId;
      this.view.setState(this.createState(file.source));
      this.lastDebug = null;
    }
    if (!file) return;
    const wanted = new Map<number, BreakpointSettings>();
    for (const bp of state.breakpoints) {
      if (sameFile(bp.file, file.path)) wanted.set(bp.line, { enabled: bp.enabled, condition: bp.condition, hitCount: bp.hitCount, logMessage: bp.logMessage });
    }
    if (!sameBreakpointLines(wanted, breakpointLines(this.view.state))) this.view.dispatch({ effects: setBreakpoints.of(wanted) });
    this.syncDebugLines(state, this.app.session.get());
    if (state.reveal && state.reveal !== this.lastReveal) {
      this.lastReveal = state.reveal;
      if (sameFile(state.reveal.file, file.path)) this.reveal(state.reveal.line);
    }
  }

  private reveal(lineNumber: number): void {
    const doc = this.view.state.doc;
    if (lineNumber < 1 || lineNumber > doc.lines) return;
    const line = doc.line(lineNumber);
    this.view.dispatch({ selection: { anchor: line.from }, effects: EditorView.scrollIntoView(line.from, { y: 'center' }) });
  }

  private syncDebugLines(ui: UiState, session: SessionState): void {
    const path = ui.file?.path ?? null;
    const paused = session.paused;
    const here = (site: readonly [string, number] | null | undefined) => (site && path && sameFile(site[0], path) ? site[1] : null);
    let frameLine: number | null = null;
    if (paused && ui.selectedFrameId != null) {
      for (const detail of paused.details) {
        const frame = detail.stack.find((f) => f.id === ui.selectedFrameId);
        if (frame) frameLine = here([frame.file, frame.line]);
      }
    }
    const next: DebugLines = {
      pausedLine: here(paused?.location),
      frameLine,
      suspended: selectSuspendedLines(session.tasks, paused?.taskId ?? null, path),
    };
    const last = this.lastDebug;
    if (last && last.pausedLine === next.pausedLine && last.frameLine === next.frameLine && last.suspended === next.suspended) return;
    this.lastDebug = next;
    this.view.dispatch({ effects: setDebugLines.of(next) });
  }
}
