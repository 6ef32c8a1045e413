// The Timeline: a lane per task over the run's steps (or its virtual time), where each task
// ran, its locks and the run's pauses; click a moment to go there (the whole debugger shows the
// program as it was). Drawn on a canvas: with 10,000 tasks and a million steps only the lanes
// in view are drawn, and each pixel column stands for the steps it covers.
import { useEffect, useMemo, useRef, useState, type FormEvent, type MouseEvent, type WheelEvent } from 'react';
import { taskAtStep, timeAtStep, waitAt, type SessionState, type Timeline } from '../../core/model/index.js';
import { EmptyState, Panel } from '../components/Panel.js';
import { useApp, usePhase, useSession } from '../components/app-context.js';
import { columns, fullView, lanesOf, pan, zoom, type Axis, type Lane, type Viewport } from './timeline-view.js';
import { drawTimeline, LABEL_WIDTH, LANE_HEIGHT, AXIS_HEIGHT } from './draw.js';

const selectTimeline = (state: SessionState): Timeline => state.timeline;
const selectStep = (state: SessionState): number | null => state.paused?.step ?? null;
const selectLoop = (state: SessionState) => state.loop;

export function TimelinePanel() {
  const app = useApp();
  const timeline = useSession(selectTimeline);
  const current = useSession(selectStep);
  const loop = useSession(selectLoop);
  const phase = usePhase();
  const native = useSession((state) => state.mode === 'native');
  // A native run cannot go back: a real process does not run the same way twice.
  const canTravel = !native && (phase.matches('paused') || phase.matches('exited'));
  const lanes = useMemo(() => lanesOf(timeline), [timeline.tasks]);
  const [axis, setAxis] = useState<Axis>('steps');
  const [view, setView] = useState<Viewport | null>(null);
  const [scroll, setScroll] = useState(0);
  const [hover, setHover] = useState<{ x: number; y: number; text: string } | null>(null);
  const [goTo, setGoTo] = useState('');
  const canvas = useRef<HTMLCanvasElement>(null);
  const drag = useRef<{ x: number; view: Viewport; moved: boolean } | null>(null);
  const [size, setSize] = useState({ width: 600, height: 150 });
  const shown = view ?? fullView(timeline);

  useEffect(() => {
    const element = canvas.current?.parentElement;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setSize({ width: Math.max(200, element.clientWidth), height: Math.max(80, element.clientHeight) }));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const visibleLanes = Math.max(1, Math.floor((size.height - AXIS_HEIGHT) / LANE_HEIGHT));
  const firstLane = Math.min(scroll, Math.max(0, lanes.length - visibleLanes));
  const plotWidth = Math.max(10, size.width - LABEL_WIDTH);
  const cols = useMemo(
    () => columns(timeline, lanes, firstLane, firstLane + visibleLanes - 1, shown, plotWidth, axis),
    [timeline, lanes, firstLane, visibleLanes, shown.from, shown.to, plotWidth, axis],
  );

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    drawTimeline(element, { timeline, lanes, firstLane, visibleLanes, columns: cols, view: shown, axis, current, width: size.width, height: size.height });
  }, [cols, timeline, lanes, firstLane, visibleLanes, axis, current, size]);

  if (timeline.steps === 0) {
    return (
      <Panel title="Timeline" className="panel-timeline">
        <EmptyState>Each task's steps appear here as the program runs. Click a moment to go back to it.</EmptyState>
      </Panel>
    );
  }

  const stepUnder = (x: number) => cols.stepAt(Math.max(0, x - LABEL_WIDTH));
  const travelTo = (step: number) => app.controller.travel({ to: 'step', step });
  const position = (event: MouseEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };

  const onMove = (event: MouseEvent<HTMLCanvasElement>) => {
    const { x, y } = position(event);
    const state = drag.current;
    if (state) {
      const dx = x - state.x;
      if (Math.abs(dx) > 3) state.moved = true;
      setView(pan(state.view, timeline, (-dx / plotWidth) * (state.view.to - state.view.from)));
      return;
    }
    if (x < LABEL_WIDTH || y < AXIS_HEIGHT) {
      setHover(null);
      return;
    }
    const step = stepUnder(x);
    const lane: Lane | undefined = lanes[firstLane + Math.floor((y - AXIS_HEIGHT) / LANE_HEIGHT)];
    setHover({ x, y, text: describe(timeline, step, lane) });
  };
  const onDown = (event: MouseEvent<HTMLCanvasElement>) => {
    drag.current = { x: position(event).x, view: shown, moved: false };
  };
  const onUp = (event: MouseEvent<HTMLCanvasElement>) => {
    const state = drag.current;
    drag.current = null;
    const { x } = position(event);
    if (state && !state.moved && x >= LABEL_WIDTH && canTravel) travelTo(stepUnder(x));
  };
  const onWheel = (event: WheelEvent<HTMLCanvasElement>) => {
    const { x } = position(event as unknown as MouseEvent<HTMLCanvasElement>);
    if (event.ctrlKey || event.metaKey) {
      setView(zoom(shown, timeline, event.deltaY < 0 ? 1.5 : 1 / 1.5, stepUnder(x)));
    } else if (Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
      setView(pan(shown, timeline, (event.deltaX / plotWidth) * (shown.to - shown.from)));
    } else {
      setScroll((value) => Math.max(0, Math.min(Math.max(0, lanes.length - visibleLanes), value + Math.sign(event.deltaY) * 3)));
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const step = Number(goTo);
    if (Number.isInteger(step) && step >= 1) travelTo(step);
  };
  const middle = current ?? (shown.from + shown.to) / 2;

  const actions = (
    <div className="timeline-actions">
      <div role="radiogroup" aria-label="Timeline axis" className="segmented">
        {(['steps', 'time'] as const).map((value) => (
          <button key={value} type="button" role="radio" aria-checked={axis === value} onClick={() => setAxis(value)}>
            {value === 'steps' ? 'Steps' : 'Time'}
          </button>
        ))}
      </div>
      <button type="button" className="icon-button" aria-label="Zoom in" title="Zoom in (Ctrl+wheel)" onClick={() => setView(zoom(shown, timeline, 2, middle))}>+</button>
      <button type="button" className="icon-button" aria-label="Zoom out" title="Zoom out (Ctrl+wheel)" onClick={() => setView(zoom(shown, timeline, 0.5, middle))}>−</button>
      <button type="button" className="link-button" aria-label="Show the whole run" onClick={() => setView(null)}>Fit</button>
      <form className="goto-step" onSubmit={submit}>
        <input aria-label="Step" inputMode="numeric" placeholder="step" value={goTo} onChange={(event) => setGoTo(event.target.value)} />
        <button type="submit" disabled={!canTravel} aria-label="Go to step">Go</button>
      </form>
    </div>
  );

  return (
    <Panel title="Timeline" className="panel-timeline" actions={actions}>
      <div className="timeline-body">
        <div className="timeline-plot">
          <canvas
            ref={canvas}
            role="img"
            aria-label={`Timeline of ${lanes.length} tasks over ${timeline.steps.toLocaleString('en')} steps${current ? `, at step ${current}` : ''}`}
            onMouseMove={onMove}
            onMouseDown={onDown}
            onMouseUp={onUp}
            onMouseLeave={() => {
              drag.current = null;
              setHover(null);
            }}
            onWheel={onWheel}
          />
          {hover ? <div className="timeline-tip" role="tooltip" style={{ left: Math.min(hover.x + 12, size.width - 260), top: hover.y + 12 }}>{hover.text}</div> : null}
        </div>
        <LoopAtMoment loop={loop} />
      </div>
    </Panel>
  );
}

/** What happened at `step`, for the tooltip. */
function describe(timeline: Timeline, step: number, lane: Lane | undefined): string {
  const ran = taskAtStep(timeline, step);
  const who = ran !== undefined ? timeline.tasks[ran]?.name ?? `task #${ran}` : 'nothing';
  const parts = [`Step ${step.toLocaleString('en')} · t = ${timeAtStep(timeline, step)} s · ${who} ran`];
  if (lane && lane.id !== ran) {
    const wait = waitAt(timeline, lane.id, step);
    parts.push(`${lane.name}: ${wait ? `waiting on ${wait[2]}` : lane.state}`);
  }
  return parts.join(' — ');
}

/** The loop's ready queue and timers at the moment shown (where the program is paused). */
function LoopAtMoment({ loop }: { loop: SessionState['loop'] }) {
  if (!loop) return null;
  return (
    <div className="timeline-loop" aria-label="Loop at this moment">
      <h3>Ready ({loop.readyCount})</h3>
      <ul>{loop.ready.slice(0, 12).map((label, index) => <li key={index}>{label}</li>)}</ul>
      <h3>Timers ({loop.timerCount})</h3>
      <ul>{loop.timers.slice(0, 12).map((timer, index) => <li key={index}>t = {timer.when}: {timer.label}</li>)}</ul>
    </div>
  );
}
