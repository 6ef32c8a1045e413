// Drawing the Timeline on its canvas: the axis, a lane per task in view (its name, its life as
// a thin line, its steps as ticks), lock marks, the run's pauses, and where the program is now.
import type { Timeline } from '../../core/model/index.js';
import type { Axis, Columns, Lane, Viewport } from './timeline-view.js';

export const LABEL_WIDTH = 150;
export const LANE_HEIGHT = 16;
export const AXIS_HEIGHT = 18;

export interface Scene {
  timeline: Timeline;
  lanes: readonly Lane[];
  firstLane: number;
  visibleLanes: number;
  columns: Columns;
  view: Viewport;
  axis: Axis;
  current: number | null;
  width: number;
  height: number;
}

function colour(element: Element, name: string, fallback: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim() || fallback;
}

export function drawTimeline(canvas: HTMLCanvasElement, scene: Scene): void {
  const ratio = globalThis.devicePixelRatio || 1;
  canvas.width = Math.floor(scene.width * ratio);
  canvas.height = Math.floor(scene.height * ratio);
  canvas.style.width = `${scene.width}px`;
  canvas.style.height = `${scene.height}px`;
  const g = canvas.getContext('2d');
  if (!g) return;
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  const fg = colour(canvas, '--fg', '#222');
  const muted = colour(canvas, '--muted', '#888');
  const accent = colour(canvas, '--accent', '#0066cc');
  const border = colour(canvas, '--border', '#ddd');
  const danger = colour(canvas, '--danger', '#c00');
  const paused = colour(canvas, '--status-paused', '#c90');
  g.clearRect(0, 0, scene.width, scene.height);
  g.font = '11px sans-serif';
  g.textBaseline = 'middle';

  const { timeline, lanes, firstLane, visibleLanes, columns, view } = scene;
  const plot = scene.width - LABEL_WIDTH;

  // The axis: a few labelled ticks.
  g.fillStyle = muted;
  g.strokeStyle = border;
  g.beginPath();
  g.moveTo(LABEL_WIDTH, AXIS_HEIGHT - 0.5);
  g.lineTo(scene.width, AXIS_HEIGHT - 0.5);
  g.stroke();
  for (let i = 0; i <= 5; i++) {
    const x = LABEL_WIDTH + Math.round((i / 5) * (plot - 1));
    const step = columns.stepAt(x - LABEL_WIDTH);
    const label = scene.axis === 'steps' ? `${step.toLocaleString('en')}` : `t=${timeAt(timeline, step)}`;
    g.fillText(label, Math.min(x + 2, scene.width - g.measureText(label).width - 2), AXIS_HEIGHT / 2);
  }

  for (let row = 0; row < visibleLanes; row++) {
    const lane = lanes[firstLane + row];
    if (!lane) break;
    const y = AXIS_HEIGHT + row * LANE_HEIGHT;
    g.fillStyle = row % 2 ? 'rgba(127,127,127,0.06)' : 'transparent';
    g.fillRect(0, y, scene.width, LANE_HEIGHT);
    g.fillStyle = lane.state === 'failed' || lane.state === 'cancelled' ? danger : fg;
    const name = `${'  '.repeat(Math.min(lane.depth, 6))}${lane.name} #${lane.id}`;
    g.fillText(name.length > 24 ? `${name.slice(0, 23)}…` : name, 4, y + LANE_HEIGHT / 2);
    // Its life, from creation on.
    const born = columns.xOf(Math.max(lane.createdStep, Math.ceil(view.from)));
    g.fillStyle = border;
    g.fillRect(LABEL_WIDTH + Math.max(0, born), y + LANE_HEIGHT / 2 - 0.5, plot - Math.max(0, born), 1);
    // Its steps.
    const runs = columns.runs.get(firstLane + row);
    if (runs) {
      g.fillStyle = accent;
      for (let x = 0; x < runs.length; x++) {
        if (!runs[x]) continue;
        let end = x;
        while (end + 1 < runs.length && runs[end + 1]) end++;
        g.fillRect(LABEL_WIDTH + x, y + 3, end - x + 1, LANE_HEIGHT - 6);
        x = end;
      }
    }
  }

  // Locks: ▲ acquired, ▼ released, on the lane of the task that did it.
  const laneRow = new Map<number, number>();
  for (let row = 0; row < visibleLanes && lanes[firstLane + row]; row++) laneRow.set(lanes[firstLane + row]!.id, row);
  for (const chunk of timeline.chunks) {
    for (const [step, kind, , taskId] of chunk.marks) {
      const row = taskId === null ? undefined : laneRow.get(taskId);
      const x = columns.xOf(step);
      if (row === undefined || x < 0) continue;
      const y = AXIS_HEIGHT + row * LANE_HEIGHT;
      g.fillStyle = kind === 'lock-acquired' ? '#2e8b57' : '#b8860b';
      g.beginPath();
      const up = kind === 'lock-acquired';
      g.moveTo(LABEL_WIDTH + x, y + (up ? 2 : LANE_HEIGHT - 2));
      g.lineTo(LABEL_WIDTH + x - 3, y + (up ? 7 : LANE_HEIGHT - 7));
      g.lineTo(LABEL_WIDTH + x + 3, y + (up ? 7 : LANE_HEIGHT - 7));
      g.fill();
    }
  }

  // The run's pauses, on the axis.
  g.fillStyle = danger;
  for (const [step] of timeline.pauses) {
    const x = columns.xOf(step);
    if (x >= 0) g.fillRect(LABEL_WIDTH + x - 1, AXIS_HEIGHT - 6, 3, 6);
  }

  // Where the program is now.
  if (scene.current !== null) {
    const x = columns.xOf(scene.current);
    if (x >= 0) {
      g.fillStyle = paused;
      g.fillRect(LABEL_WIDTH + x, 0, 2, scene.height);
    }
  }
}

function timeAt(timeline: Timeline, step: number): string {
  let time = 0;
  for (const chunk of timeline.chunks) {
    for (const [at, value] of chunk.times) {
      if (at > step) return format(time);
      time = value;
    }
  }
  return format(time);
}

function format(time: number): string {
  return Number(time.toPrecision(4)).toString();
}
