// How each request that lets the program run is carried out by the engine. stepBack and
// reverseContinue need time travel, which the engine does not have yet: when it lands, give
// them their commands here and the `supportsStepBack` capability follows.
import type { DebugCommand } from '../protocol/index.js';

export type Movement = 'continue' | 'next' | 'stepIn' | 'stepOut' | 'stepBack' | 'reverseContinue';

type Command = (taskId: number | undefined) => DebugCommand;

const step = (kind: 'over' | 'into' | 'out'): Command => (taskId) => ({ type: 'debug.step', kind, ...(taskId !== undefined ? { taskId } : {}) });

/** A step stays in the task it is given (the engine's steps are per task): the other tasks
 * run meanwhile, since the awaited thing needs them, but only that task stops. */
export const MOVEMENTS: Record<Movement, Command | undefined> = {
  continue: () => ({ type: 'debug.continue' }),
  next: step('over'),
  stepIn: step('into'),
  stepOut: step('out'),
  stepBack: undefined,
  reverseContinue: undefined,
};

export const SUPPORTS_STEP_BACK = MOVEMENTS.stepBack !== undefined && MOVEMENTS.reverseContinue !== undefined;
