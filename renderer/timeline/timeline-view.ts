// What the Timeline panel draws, computed from the session's timeline: a lane per task (in
// the order of the task tree), and for the part of the run in view, which pixel columns of
// each lane saw its task run. A column stands for many steps when the run is long: a run of a
// million steps is drawn in one pass over its steps, whatever the number of tasks.
import { timeAtStep, type Timeline } from '../../core/model/index.js';

export interface Lane {
  id: number;
  name: string;
  depth: number;
  state: string;
  createdStep: number;
}

/** Tasks as a tree: each after its creator, children by id. */
export function lanesOf(timeline: Timeline): Lane[] {
  const children = new Map<number | null, number[]>();
  for (const key of Object.keys(timeline.tasks)) {
    const id = Number(key);
    const parent = timeline.tasks[id]!.parent;
    const siblings = children.get(parent !== null && timeline.tasks[parent] ? parent : null) ?? [];
    siblings.push(id);
    children.set(parent !== null && timeline.tasks[parent] ? parent : null, siblings);
  }
  const lanes: Lane[] = [];
  const visit = (parent: number | null, depth: number) => {
    for (const id of (children.get(parent) ?? []).sort((a, b) => a - b)) {
      const task = timeline.tasks[id]!;
      lanes.push({ id, name: task.name, depth, state: task.state, createdStep: task.createdStep });
      if (depth < 32) visit(id, depth + 1);
    }
  };
  visit(null, 0);
  return lanes;
}

export type Axis = 'steps' | 'time';

/** The part of the run in view, in steps (from and to are fractional while zooming). */
export interface Viewport {
  from: number;
  to: number;
}

export function fullView(timeline: Timeline): Viewport {
  return { from: 1, to: Math.max(2, timeline.steps + 1) };
}

/** The x of every step for the time axis: steps share the x of their instant. */
function timeScale(timeline: Timeline): { start: number; end: number; timeOf: (step: number) => number } {
  const start = timeAtStep(timeline, 1);
  const end = Math.max(start + 1e-9, timeAtStep(timeline, timeline.steps));
  return { start, end, timeOf: (step) => timeAtStep(timeline, step) };
}

export interface Columns {
  /** For each lane index in view: 1 where its task ran in that column. */
  runs: Map<number, Uint8Array>;
  /** Step at each column's left edge (steps axis) or the step nearest it (time axis). */
  stepAt: (x: number) => number;
  /** The column of a step, or -1 when out of view. */
  xOf: (step: number) => number;
}

/** Which columns of the lanes `firstLane`..`lastLane` (in `lanes`) saw their task run. */
export function columns(timeline: Timeline, lanes: readonly Lane[], firstLane: number, lastLane: number, view: Viewport, width: number, axis: Axis): Columns {
  const laneOf = new Map<number, number>();
  for (let i = firstLane; i <= lastLane && i < lanes.length; i++) laneOf.set(lanes[i]!.id, i);
  const runs = new Map<number, Uint8Array>();
  for (const index of laneOf.values()) runs.set(index, new Uint8Array(width));
  const span = Math.max(1e-9, view.to - view.from);
  let xOf: (step: number) => number;
  let stepAt: (x: number) => number;
  if (axis === 'steps') {
    xOf = (step) => (step < view.from || step >= view.to ? -1 : Math.floor(((step - view.from) / span) * width));
    stepAt = (x) => Math.max(1, Math.min(timeline.steps || 1, Math.floor(view.from + (x / width) * span)));
  } else {
    // The time axis shows the whole run's time, squeezed to the view's share of it.
    const scale = timeScale(timeline);
    const t0 = scale.start + ((view.from - 1) / Math.max(1, timeline.steps)) * (scale.end - scale.start);
    const t1 = scale.start + ((view.to - 1) / Math.max(1, timeline.steps)) * (scale.end - scale.start);
    const tspan = Math.max(1e-12, t1 - t0);
    const xs = new Float64Array(timeline.steps + 1);
    let time = scale.start;
    for (const chunk of timeline.chunks) {
      let t = 0;
      for (let i = 0; i < chunk.tasks.length; i++) {
        const step = chunk.fromStep + i;
        while (t < chunk.times.length && chunk.times[t]![0] <= step) time = chunk.times[t++]![1];
        xs[step] = ((time - t0) / tspan) * width;
      }
    }
    xOf = (step) => {
      const x = xs[step];
      return x === undefined || x < 0 || x >= width ? -1 : Math.floor(x);
    };
    stepAt = (x) => {
      let best = 1;
      for (let step = 1; step <= timeline.steps; step++) if (xs[step]! <= x) best = step;
      return best;
    };
  }
  // Zoomed in, a step is wider than a column: it fills its columns, less one for the gap.
  const perStep = axis === 'steps' ? width / span : 1;
  const fill = perStep >= 3 ? Math.floor(perStep) - 1 : 1;
  for (const chunk of timeline.chunks) {
    const last = chunk.fromStep + chunk.tasks.length - 1;
    if (axis === 'steps' && (last < view.from || chunk.fromStep >= view.to)) continue;
    for (let i = 0; i < chunk.tasks.length; i++) {
      const lane = laneOf.get(chunk.tasks[i]!);
      if (lane === undefined) continue;
      const x = xOf(chunk.fromStep + i);
      if (x < 0) continue;
      const row = runs.get(lane)!;
      for (let k = 0; k < fill && x + k < width; k++) row[x + k] = 1;
    }
  }
  return { runs, stepAt, xOf };
}

/** A view `factor` times narrower (zoom in) or wider, around `step`, kept within the run. */
export function zoom(view: Viewport, timeline: Timeline, factor: number, around: number): Viewport {
  const full = fullView(timeline);
  const span = Math.min(full.to - full.from, Math.max(4, (view.to - view.from) / factor));
  let from = around - ((around - view.from) / (view.to - view.from)) * span;
  from = Math.max(full.from, Math.min(full.to - span, from));
  return { from, to: from + span };
}

export function pan(view: Viewport, timeline: Timeline, steps: number): Viewport {
  const full = fullView(timeline);
  const span = view.to - view.from;
  const from = Math.max(full.from, Math.min(full.to - span, view.from + steps));
  return { from, to: from + span };
}
