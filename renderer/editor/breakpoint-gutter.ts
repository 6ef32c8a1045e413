// The breakpoint gutter: a red dot per breakpoint, a click to toggle, a right click to edit.
// Breakpoints live in the editor state as a RangeSet so that they move with edits above them;
// the app hears of the moved lines through `onMove`.
import { MapMode, RangeSet, RangeSetBuilder, StateEffect, StateField, type EditorState, type Extension } from '@codemirror/state';
import { EditorView, GutterMarker, ViewPlugin, gutter } from '@codemirror/view';
import type { UiBreakpoint } from '../state/ui-state.js';

export type BreakpointSettings = Omit<UiBreakpoint, 'file' | 'line'>;

class BreakpointMark extends GutterMarker {
  override mapMode = MapMode.TrackDel;
  constructor(readonly settings: BreakpointSettings) {
    super();
  }
  override eq(other: BreakpointMark): boolean {
    return sameSettings(this.settings, other.settings);
  }
}

function sameSettings(a: BreakpointSettings, b: BreakpointSettings): boolean {
  return a.enabled === b.enabled && a.condition === b.condition && a.hitCount === b.hitCount && a.logMessage === b.logMessage;
}

/** Replace every breakpoint of the document (from the app's store). */
export const setBreakpoints = StateEffect.define<ReadonlyMap<number, BreakpointSettings>>();

const breakpointField = StateField.define<RangeSet<BreakpointMark>>({
  create: () => RangeSet.empty,
  update(set, tr) {
    let next = tr.docChanged ? set.map(tr.changes) : set;
    for (const effect of tr.effects) {
      if (!effect.is(setBreakpoints)) continue;
      const builder = new RangeSetBuilder<BreakpointMark>();
      const doc = tr.state.doc;
      for (const [line, settings] of [...effect.value].sort((a, b) => a[0] - b[0])) {
        if (line >= 1 && line <= doc.lines) builder.add(doc.line(line).from, doc.line(line).from, new BreakpointMark(settings));
      }
      next = builder.finish();
    }
    return next;
  },
});

/** Breakpoints by line number (two that an edit put on one line become one). */
export function breakpointLines(state: EditorState): Map<number, BreakpointSettings> {
  const lines = new Map<number, BreakpointSettings>();
  state.field(breakpointField).between(0, state.doc.length, (from, _to, mark) => {
    const line = state.doc.lineAt(from).number;
    if (!lines.has(line)) lines.set(line, mark.settings);
  });
  return lines;
}

export function sameBreakpointLines(a: ReadonlyMap<number, BreakpointSettings>, b: ReadonlyMap<number, BreakpointSettings>): boolean {
  if (a.size !== b.size) return false;
  for (const [line, settings] of a) {
    const other = b.get(line);
    if (!other || !sameSettings(settings, other)) return false;
  }
  return true;
}

/** Every line's toggle: a button-like element with a name, a dot when a breakpoint is set. */
class ToggleMarker extends GutterMarker {
  constructor(readonly line: number, readonly settings: BreakpointSettings | undefined) {
    super();
  }
  override eq(other: ToggleMarker): boolean {
    return other.line === this.line && (this.settings && other.settings ? sameSettings(this.settings, other.settings) : this.settings === other.settings);
  }
  override toDOM(): HTMLElement {
    const element = document.createElement('span');
    element.setAttribute('role', 'button');
    element.setAttribute('aria-label', `Toggle breakpoint at line ${this.line}`);
    element.dataset.line = String(this.line);
    const settings = this.settings;
    let className = 'bp-toggle';
    if (settings) {
      const kind = settings.logMessage ? 'bp-log' : settings.condition || settings.hitCount ? 'bp-conditional' : 'bp-plain';
      className += ` bp-set ${kind}${settings.enabled ? '' : ' bp-disabled'}`;
      element.setAttribute('aria-pressed', 'true');
      element.title = describeBreakpoint(this.line, settings);
    } else {
      element.setAttribute('aria-pressed', 'false');
    }
    element.className = className;
    return element;
  }
}

export function describeBreakpoint(line: number, settings: BreakpointSettings): string {
  const parts = [`Breakpoint at line ${line}`];
  if (!settings.enabled) parts.push('(disabled)');
  if (settings.condition) parts.push(`when ${settings.condition}`);
  if (settings.hitCount) parts.push(`from hit ${settings.hitCount}`);
  if (settings.logMessage) parts.push(`logs "${settings.logMessage}"`);
  return parts.join(' ');
}

/** CodeMirror hides all gutters from assistive technology; the breakpoint toggles are
 * controls, so that gutter is shown to it again (line numbers stay hidden: the content has them). */
const exposeBreakpointGutter = ViewPlugin.fromClass(class {
  constructor(view: EditorView) {
    this.expose(view);
  }
  update(update: { view: EditorView }) {
    this.expose(update.view);
  }
  expose(view: EditorView) {
    for (const gutters of view.dom.querySelectorAll('.cm-gutters[aria-hidden]')) {
      gutters.removeAttribute('aria-hidden');
      for (const element of gutters.querySelectorAll(':scope > .cm-gutter:not(.cm-breakpoint-gutter)')) element.setAttribute('aria-hidden', 'true');
    }
  }
});

export interface BreakpointGutterOptions {
  onToggle: (line: number) => void;
  onEdit: (line: number, at: { x: number; y: number }) => void;
  onMove: (lines: Map<number, BreakpointSettings>) => void;
}

export function breakpointGutter(options: BreakpointGutterOptions): Extension {
  // The marker knows its line; the block under the pointer is the fallback (a click beside it).
  const lineOf = (view: EditorView, from: number, event?: Event) => {
    const marker = event?.target instanceof Element ? event.target.closest<HTMLElement>('[data-line]') : null;
    return marker ? Number(marker.dataset.line) : view.state.doc.lineAt(from).number;
  };
  return [
    breakpointField,
    gutter({
      class: 'cm-breakpoint-gutter',
      lineMarker(view, line) {
        const number = lineOf(view, line.from);
        let settings: BreakpointSettings | undefined;
        view.state.field(breakpointField).between(line.from, line.from, (_from, _to, mark) => {
          settings = mark.settings;
        });
        return new ToggleMarker(number, settings);
      },
      lineMarkerChange: (update) => update.docChanged || update.startState.field(breakpointField) !== update.state.field(breakpointField),
      initialSpacer: () => new ToggleMarker(0, undefined),
      domEventHandlers: {
        mousedown(view, line, event) {
          if (!(event instanceof MouseEvent) || event.button !== 0) return false;
          event.preventDefault();
          options.onToggle(lineOf(view, line.from, event));
          return true;
        },
        contextmenu(view, line, event) {
          if (!(event instanceof MouseEvent)) return false;
          event.preventDefault();
          options.onEdit(lineOf(view, line.from, event), { x: event.clientX, y: event.clientY });
          return true;
        },
      },
    }),
    exposeBreakpointGutter,
    // An edit moved breakpoints (or deleted their lines): tell the app where they are now.
    EditorView.updateListener.of((update) => {
      if (!update.docChanged) return;
      const before = breakpointLines(update.startState);
      const after = breakpointLines(update.state);
      if (!sameBreakpointLines(before, after)) options.onMove(after);
    }),
  ];
}
