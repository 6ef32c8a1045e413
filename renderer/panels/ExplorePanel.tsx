// Explore: run the open program under many schedules (core/explore), with a progress bar,
// then list the distinct failures found; "Open in debugger" replays one, stopped where it fails.
import { useState, type FormEvent } from 'react';
import type { ExploreFailure, ExploreProgress, ExploreReport, ExploreStrategy } from '../../core/protocol/index.js';
import { basename } from '../app/file-controller.js';
import { tokenOf, type ExploreState } from '../app/explore-controller.js';
import { EmptyState, Panel } from '../components/Panel.js';
import { useApp, useUi } from '../components/app-context.js';
import { useStore } from '../state/use-store.js';

const STRATEGIES: Array<{ value: ExploreStrategy; label: string }> = [
  { value: 'random', label: 'Random walk' },
  { value: 'pct', label: 'PCT (priorities)' },
  { value: 'bounded', label: 'Systematic (bounded)' },
];
const DEFAULT_RUNS = 100;
const MAX_RUNS = 100_000;

const identity = (state: ExploreState) => state;
const selectHasFile = (state: { file: unknown }) => state.file !== null;
const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

function ProgressView({ progress, running }: { progress: ExploreProgress; running: boolean }) {
  // "Done" only once the report is in: the last progress event comes before the report does.
  const phase = running ? { starting: 'Starting', exploring: 'Exploring', shrinking: 'Shrinking', done: 'Reporting' }[progress.phase] : 'Done';
  const total = progress.total ?? progress.runs;
  return (
    <div className="explore-progress">
      <progress aria-label="Exploration progress" value={progress.runs} max={Math.max(total, 1)} />
      <p role="status" aria-label="Exploration status">
        {phase}: {progress.runs}{progress.total !== null ? `/${progress.total}` : ''} schedules · {progress.runsPerSecond.toFixed(1)} schedules/s · {plural(progress.failures, 'distinct failure')}
      </p>
    </div>
  );
}

function FailureItem({ failure, runs }: { failure: ExploreFailure; runs: number }) {
  const app = useApp();
  const where = failure.file ? `${basename(failure.file)}:${failure.line ?? '?'}` : null;
  const shrunk = failure.shrunk;
  return (
    <li className="explore-failure" aria-label={`${failure.kind}: ${failure.message}`}>
      <div className="failure-title">
        <span className={`failure-kind kind-${failure.kind}`}>{failure.kind}</span>
        <span className="failure-message">{failure.message}</span>
      </div>
      <div className="muted failure-counts">
        hit by {failure.count} of {plural(runs, 'schedule')}{failure.inDefaultOrder ? ' (the default order too)' : ''} · shortest {plural(failure.shortest.deviations, 'deviation')}
        {shrunk ? ` · shrunk to ${shrunk.deviations}` : ''}
        {where && failure.file ? (
          <> · <button type="button" className="link-button" onClick={() => app.actions.reveal(failure.file!, failure.line ?? 1)}>{where}</button></>
        ) : null}
      </div>
      {shrunk?.explanation.length ? (
        <div className="failure-explanation" aria-label="Why it fails">
          {shrunk.explanation.map((line, i) => <p key={i}>{line}</p>)}
        </div>
      ) : null}
      <div className="failure-actions">
        <button type="button" onClick={() => app.explore.openInDebugger(failure)}>Open in debugger</button>
        <input className="failure-token" readOnly value={tokenOf(failure)} aria-label="Replay token" onFocus={(event) => event.target.select()} />
      </div>
    </li>
  );
}

function ReportView({ report }: { report: ExploreReport }) {
  if (!report.failures.length) {
    return <EmptyState>No failure found in {plural(report.runs, 'schedule')}{report.stopped ? ' (stopped early)' : ''}.</EmptyState>;
  }
  return (
    <ul className="explore-failures" aria-label="Failures">
      {report.failures.map((failure) => <FailureItem key={failure.signature} failure={failure} runs={report.runs} />)}
    </ul>
  );
}

export function ExplorePanel() {
  const app = useApp();
  const hasFile = useUi(selectHasFile);
  const state = useStore(app.explore.state, identity);
  const [strategy, setStrategy] = useState<ExploreStrategy>('random');
  const [runs, setRuns] = useState(String(DEFAULT_RUNS));
  const count = Number(runs);
  const valid = Number.isInteger(count) && count >= 1 && count <= MAX_RUNS;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) app.explore.start(strategy, count);
  };

  return (
    <Panel title="Explore" className="panel-explore" defaultOpen={false}>
      <form className="explore-form" onSubmit={submit}>
        <label>
          Strategy
          <select value={strategy} onChange={(event) => setStrategy(event.target.value as ExploreStrategy)} disabled={state.running}>
            {STRATEGIES.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
          </select>
        </label>
        <label>
          Schedules
          <input type="number" min={1} max={MAX_RUNS} value={runs} onChange={(event) => setRuns(event.target.value)} disabled={state.running} aria-invalid={!valid} />
        </label>
        {state.running
          ? <button type="button" onClick={() => app.explore.stop()}>Stop exploring</button>
          : <button type="submit" disabled={!hasFile || !valid}>Explore schedules</button>}
      </form>
      {state.progress ? <ProgressView progress={state.progress} running={state.running} /> : null}
      {state.error ? <p className="error-text" role="alert">Exploration failed: {state.error}</p> : null}
      {state.report ? <ReportView report={state.report} /> : null}
      {!state.progress && !state.report && !state.error ? (
        <EmptyState>Runs the open program under many orders of its tasks and timers, and lists the failures that the default order does not show, each with a schedule to open in the debugger.</EmptyState>
      ) : null}
    </Panel>
  );
}
