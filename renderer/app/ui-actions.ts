// What the user does to the UI's own state: select, reveal, set breakpoints, switch theme.
import type { BreakOnEvent, Frame } from '../../core/protocol/index.js';
import type { Store } from '../state/store.js';
import {
  putBreakpoint, replaceFileBreakpoints, toggleBreakpoint, type Theme, type UiBreakpoint, type UiState,
} from '../state/ui-state.js';

export class UiActions {
  private revealNonce = 0;

  constructor(private readonly ui: Store<UiState>) {}

  private change(update: (state: UiState) => UiState): void {
    this.ui.update(update);
  }

  selectTask(taskId: number | null, frame?: Frame): void {
    this.change((state) => ({ ...state, selectedTaskId: taskId, selectedFrameId: frame?.id ?? null }));
    if (frame) this.reveal(frame.file, frame.line);
  }

  selectFrame(frame: Frame): void {
    this.change((state) => ({ ...state, selectedFrameId: frame.id }));
    this.reveal(frame.file, frame.line);
  }

  selectResource(resourceId: number | null): void {
    this.change((state) => ({ ...state, selectedResourceId: resourceId }));
  }

  /** Move the editor to file:line (when file is the open one). */
  reveal(file: string, line: number): void {
    this.change((state) => ({ ...state, reveal: { file, line, nonce: ++this.revealNonce } }));
  }

  setCursorLine(line: number): void {
    this.change((state) => (state.cursorLine === line ? state : { ...state, cursorLine: line }));
  }

  toggleBreakpoint(line?: number): void {
    this.change((state) => (state.file ? toggleBreakpoint(state, state.file.path, line ?? state.cursorLine) : state));
  }

  putBreakpoint(file: string, line: number, settings: Omit<UiBreakpoint, 'file' | 'line'> | null): void {
    this.change((state) => putBreakpoint(state, file, line, settings));
  }

  moveBreakpoints(file: string, lines: ReadonlyMap<number, UiBreakpoint>): void {
    this.change((state) => replaceFileBreakpoints(state, file, lines));
  }

  setBreakOn(event: BreakOnEvent, on: boolean): void {
    this.change((state) => {
      const others = state.breakOn.filter((e) => e !== event);
      return { ...state, breakOn: on ? [...others, event] : others };
    });
  }

  setBreakOnTaskNames(names: string[]): void {
    this.change((state) => ({ ...state, breakOnTaskNames: names }));
  }

  setTheme(theme: Theme): void {
    this.change((state) => ({ ...state, theme }));
  }

  toggleTheme(): void {
    this.change((state) => ({ ...state, theme: state.theme === 'dark' ? 'light' : 'dark' }));
  }

  dismissNotice(): void {
    this.change((state) => ({ ...state, notice: null }));
  }
}
