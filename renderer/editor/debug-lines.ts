// What the debugger draws over the source: the line the program is paused on, the line of the
// selected frame, and where other tasks are suspended (an end-of-line note naming them).
import { RangeSetBuilder, StateEffect, StateField, type Extension, type Range } from '@codemirror/state';
import { Decoration, EditorView, GutterMarker, WidgetType, gutterLineClass, type DecorationSet } from '@codemirror/view';
import type { SuspendedHere } from '../state/selectors.js';

export interface DebugLines {
  pausedLine: number | null;
  frameLine: number | null;
  /** Line → the tasks suspended there. */
  suspended: ReadonlyMap<number, SuspendedHere>;
}

export const setDebugLines = StateEffect.define<DebugLines>();

class SuspendedTasksWidget extends WidgetType {
  constructor(readonly line: number, readonly here: SuspendedHere) {
    super();
  }
  override eq(other: SuspendedTasksWidget): boolean {
    return other.line === this.line && other.here.count === this.here.count && other.here.names.join() === this.here.names.join();
  }
  override toDOM(): HTMLElement {
    const element = document.createElement('span');
    element.className = 'cm-suspended-tasks';
    const { count, names } = this.here;
    const more = count > names.length ? ` +${count - names.length} more` : '';
    element.textContent = `‖ ${names.join(', ')}${more}`;
    element.title = `Suspended here: ${names.join(', ')}${more}`;
    element.setAttribute('aria-label', `${count === 1 ? 'Task' : `${count} tasks`} suspended at line ${this.line}: ${names.join(', ')}${more}`);
    return element;
  }
  override ignoreEvent(): boolean {
    return true;
  }
}

const pausedLine = Decoration.line({ class: 'cm-paused-line' });
const frameLine = Decoration.line({ class: 'cm-frame-line' });

function build(doc: EditorView['state']['doc'], lines: DebugLines): DecorationSet {
  const ranges: Range<Decoration>[] = [];
  const valid = (line: number | null): line is number => line != null && line >= 1 && line <= doc.lines;
  if (valid(lines.pausedLine)) ranges.push(pausedLine.range(doc.line(lines.pausedLine).from));
  if (valid(lines.frameLine) && lines.frameLine !== lines.pausedLine) ranges.push(frameLine.range(doc.line(lines.frameLine).from));
  for (const [line, here] of lines.suspended) {
    if (!valid(line)) continue;
    ranges.push(Decoration.widget({ widget: new SuspendedTasksWidget(line, here), side: 1 }).range(doc.line(line).to));
  }
  return Decoration.set(ranges, true);
}

const debugLinesField = StateField.define<{ lines: DebugLines | null; decorations: DecorationSet }>({
  create: () => ({ lines: null, decorations: Decoration.none }),
  update(value, tr) {
    let next = tr.docChanged ? { ...value, decorations: value.decorations.map(tr.changes) } : value;
    for (const effect of tr.effects) {
      if (effect.is(setDebugLines)) next = { lines: effect.value, decorations: build(tr.state.doc, effect.value) };
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field, (value) => value.decorations),
});

class PausedGutterClass extends GutterMarker {
  override elementClass = 'cm-paused-gutter';
}
const pausedGutter = new PausedGutterClass();

export function debugLines(): Extension {
  return [
    debugLinesField,
    // The arrow in the breakpoint gutter, as VS Code draws it.
    gutterLineClass.compute([debugLinesField], (state) => {
      const { lines } = state.field(debugLinesField);
      const builder = new RangeSetBuilder<GutterMarker>();
      const line = lines?.pausedLine;
      if (line != null && line >= 1 && line <= state.doc.lines) builder.add(state.doc.line(line).from, state.doc.line(line).from, pausedGutter);
      return builder.finish();
    }),
  ];
}
