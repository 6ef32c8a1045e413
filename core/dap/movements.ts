// How each request that lets the program run is carried out by the engine: a debugger command
// (continue, steps), or a trip back in the run (stepBack, reverseContinue: time travel).
import type { DebugCommand, TravelRequest } from '../protocol/index.js';

export type Movement = 'continue' | 'next' | 'stepIn' | 'stepOut' | 'stepBack' | 'reverseContinue';

type Command = (taskId: number | undefined) => DebugCommand;

const step = (kind: 'over' | 'into' | 'out'): Command => (taskId) => ({ type: 'debug.step', kind, ...(taskId !== undefined ? { taskId } : {}) });

/** A step stays in the task it is given (the engine's steps are per task): the other tasks
 * run meanwhile, since the awaited thing needs them, but only that task stops. */
export const MOVEMENTS: Record<Movement, { command: Command } | { travel: TravelRequest; reason: string }> = {
  continue: { command: () => ({ type: 'debug.continue' }) },
  next: { command: step('over') },
  stepIn: { command: step('into') },
  stepOut: { command: step('out') },
  // Back to the line before, across awaits, in the task that stopped (time travel re-executes
  // the run to it); the stop that follows says 'step', as after a step forward.
  stepBack: { travel: { to: 'step-back' }, reason: 'step' },
  // Back to the previous stop of a breakpoint or an armed exception filter.
  reverseContinue: { travel: { to: 'reverse-continue' }, reason: 'breakpoint' },
};

export const SUPPORTS_STEP_BACK = true;
