// Console: the program's output (stdout, stderr, warnings, errors), places in it that open the
// editor, while paused an evaluate line, and in a native run the program's input. Long output
// is virtualised by line.
import { useMemo, useState, type FormEvent } from 'react';
import type { ConsoleEntry, SessionState } from '../../core/model/index.js';
import { EmptyState, Panel } from '../components/Panel.js';
import { VirtualList } from '../components/VirtualList.js';
import { useApp, usePhase, useSession, useUi } from '../components/app-context.js';
import { linkify, type Segment } from '../state/console-links.js';
import { consoleLines, type ConsoleLine } from '../state/console-lines.js';
import { ProgramInput } from './ProgramInput.js';

const LINE_HEIGHT = 18;
const selectConsole = (state: SessionState): ConsoleEntry[] => state.console;

export function ConsolePanel() {
  const app = useApp();
  const entries = useSession(selectConsole);
  const evaluations = useUi((state) => state.evaluations);
  const paused = useSession((state) => state.paused !== null);
  const path = useUi((state) => state.file?.path ?? null);
  const inputs = useUi((state) => state.native.input);
  const lines = useMemo(() => consoleLines(entries, evaluations, inputs), [entries, evaluations, inputs]);
  const [expression, setExpression] = useState('');

  const evaluate = (event: FormEvent) => {
    event.preventDefault();
    const text = expression.trim();
    if (!text || !paused) return;
    void app.inspector.evaluateInConsole(text);
    setExpression('');
  };
  const phase = usePhase();
  const native = useSession((state) => state.mode === 'native');
  // A native run cannot go back: a real process does not run the same way twice.
  const canTravel = !native && (phase.matches('paused') || phase.matches('exited'));
  const renderLine = (index: number) => (
    <Line
      line={lines[index]!}
      openable={(file) => file === path}
      onOpen={(file, line) => app.actions.reveal(file, line)}
      onGoTo={canTravel ? (step) => app.controller.travel({ to: 'step', step }) : undefined}
    />
  );

  return (
    <Panel title="Console" className="panel-console">
      {lines.length === 0 ? (
        <EmptyState>Program output appears here. Press Run (F5) to start.</EmptyState>
      ) : (
        <VirtualList className="console-lines" role="log" aria-label="Program output" count={lines.length} rowHeight={LINE_HEIGHT} renderRow={renderLine} followEnd />
      )}
      <form className="console-input" onSubmit={evaluate}>
        <span aria-hidden="true" className="prompt">›</span>
        <input
          aria-label="Evaluate expression"
          placeholder={paused ? 'Evaluate an expression in the selected frame' : 'Pause the program to evaluate expressions'}
          disabled={!paused}
          value={expression}
          onChange={(event) => setExpression(event.target.value)}
        />
      </form>
      <ProgramInput />
    </Panel>
  );
}

interface LineProps {
  line: ConsoleLine;
  openable: (file: string) => boolean;
  onOpen: (file: string, line: number) => void;
  /** Go back to the step a line was written in (absent while the program runs). */
  onGoTo: ((step: number) => void) | undefined;
}

function Line({ line, openable, onOpen, onGoTo }: LineProps) {
  const segments: Segment[] = line.kind === 'input' || line.kind === 'stdin' ? [{ text: line.text }] : linkify(line.text);
  // Before the step it was printed in ran: the moment that leads to it.
  const step = line.step !== undefined && line.step > 0 ? line.step : undefined;
  return (
    <div className={`console-line line-${line.kind}`}>
      {onGoTo && step !== undefined ? (
        <button type="button" className="console-goto" aria-label={`Go to step ${step}`} title={`Go to step ${step}, where this was printed`} onClick={() => onGoTo(step)}>⏴</button>
      ) : null}
      {segments.map((segment, index) => (segment.link && openable(segment.link.file)
        ? <button key={index} type="button" className="link-button console-link" onClick={() => onOpen(segment.link!.file, segment.link!.line)}>{segment.text}</button>
        : <span key={index}>{segment.text}</span>))}
    </div>
  );
}
