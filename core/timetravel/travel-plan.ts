// How to reach a moment of the run: which re-executions to make, and how the target follows
// from what the first one found (the agent's replay.py does each one).
import { lastStepOf, taskAtStep, type Timeline } from '../model/index.js';
import type { Paused, Replay, ReplayMoment, ReplayReport, TravelRequest } from '../protocol/index.js';

export class TravelError extends Error {}

/** Where the run stands now: paused (the moment of that pause) or ended (after its last step). */
export type Position = { paused: Paused } | { ended: true };

/** A plan: an optional scan (a re-execution to the current moment that traces what lay before
 * it), then the target, given the scan's report. */
export interface Plan {
  scan?: Replay;
  target(report: ReplayReport | undefined): Replay;
}

/** The current moment, as a re-execution can find it again: the run's n-th armed pause, when
 * the armed set has stayed as it was from the start (`armedUnchanged`); before a step; or the
 * first arrival at a line in a step (a line run twice in one step, in a loop with no await, is
 * taken at its first run). */
export function momentOf(paused: Paused, armedUnchanged: boolean): ReplayMoment {
  const step = paused.step ?? 1;
  if (paused.pauseIndex !== undefined && armedUnchanged) return { pause: paused.pauseIndex };
  if (paused.aboutToRun || !paused.location) return { step };
  return { step, line: paused.location };
}

export function plan(request: TravelRequest, position: Position, timeline: Timeline, armedUnchanged: boolean): Plan {
  if (request.to === 'step') return { target: () => ({ to: { step: request.step } }) };
  if ('ended' in position) {
    if (request.to !== 'previous-switch') throw new TravelError('the program has ended: go to a step first (click the timeline), then step back from there');
    if (timeline.steps < 1) throw new TravelError('the run has no step to go back to');
    return { target: () => ({ to: { step: timeline.steps } }) };
  }
  const { paused } = position;
  const step = paused.step ?? 1;
  const current = momentOf(paused, armedUnchanged);
  switch (request.to) {
    case 'previous-switch': {
      const target = paused.aboutToRun ? step - 1 : step;
      if (target < 1) throw new TravelError('this is the first task switch of the run');
      return { target: () => ({ to: { step: target } }) };
    }
    case 'step-back': {
      const taskId = paused.taskId ?? taskAtStep(timeline, step);
      if (taskId === null || taskId === undefined) throw new TravelError('no task is paused here: step back needs a task');
      return {
        scan: { to: current, trace: 'lines', taskId },
        target: (report) => {
          const previous = report?.previousLine;
          if (!previous) {
            const earlier = lastStepOf(timeline, taskId, step);
            throw new TravelError(earlier === undefined ? 'this is the first line this task ran' : `no earlier line of this task was found (it last ran at step ${earlier})`);
          }
          return { to: { step: previous[0], lineIndex: previous[1] } };
        },
      };
    }
    case 'reverse-continue':
      return {
        scan: { to: current, trace: 'pauses' },
        target: (report) => {
          const previous = report?.previousPause;
          if (!previous) throw new TravelError('no breakpoint or armed scheduler event was hit before this moment');
          return { to: { pause: previous.index } };
        },
      };
  }
}
