// The named commands of the toolbar, the keyboard and the desktop menu. The names are the
// toolbar buttons' accessible names; the menu sends the same names as `{type:'menu', action}`.
import type { SessionMachineSnapshot } from '../session.machine.js';
import type { UiState } from '../state/ui-state.js';

export const DEBUG_COMMANDS = [
  'Run', 'Continue', 'Pause', 'Step Over', 'Step Into', 'Step Out', 'Step to Next Switch', 'Stop', 'Restart',
] as const;
/** Going back in the run (time travel): from a pause, or after the program ended. */
export const TRAVEL_COMMANDS = ['Step Back', 'Reverse Continue', 'Back to Previous Switch'] as const;
export const EDITOR_COMMANDS = ['Toggle Breakpoint', 'Save', 'Open Example', 'Toggle Theme', 'Save Run'] as const;

export type DebugCommandName = (typeof DEBUG_COMMANDS)[number];
export type TravelCommandName = (typeof TRAVEL_COMMANDS)[number];
export type CommandName = DebugCommandName | TravelCommandName | (typeof EDITOR_COMMANDS)[number];

const ALL: readonly CommandName[] = [...DEBUG_COMMANDS, ...TRAVEL_COMMANDS, ...EDITOR_COMMANDS];
const squash = (name: string) => name.toLowerCase().replace(/[^a-z]/g, '');
const BY_SQUASHED = new Map(ALL.map((name) => [squash(name), name]));

/** A menu action as the host spells it ("Step Over", "step-over", "stepOver") to a command. */
export function commandNamed(action: string): CommandName | undefined {
  return BY_SQUASHED.get(squash(action));
}

/** `native`: the run is in the user's own Python, which cannot go back or be recorded (the
 * embedded engine re-executes a run deterministically; a real process cannot). */
export function commandEnabled(command: CommandName, phase: SessionMachineSnapshot, ui: Pick<UiState, 'file' | 'traveling'>, native = false): boolean {
  switch (command) {
    case 'Step Back':
    case 'Reverse Continue':
      return !native && !ui.traveling && phase.matches('paused');
    case 'Back to Previous Switch':
      return !native && !ui.traveling && (phase.matches('paused') || phase.matches('exited'));
    case 'Run':
      return ui.file !== null && phase.can({ type: 'RUN' });
    case 'Restart':
      return ui.file !== null && phase.can({ type: 'RESTART' });
    // On the way to another moment, the run goes on from there, not from here.
    case 'Continue':
      return !ui.traveling && phase.can({ type: 'CONTINUE' });
    case 'Pause':
      return phase.can({ type: 'PAUSE' });
    case 'Step Over':
    case 'Step Into':
    case 'Step Out':
    case 'Step to Next Switch':
      return !ui.traveling && phase.can({ type: 'STEP', kind: 'over' });
    case 'Stop':
      return phase.can({ type: 'STOP' });
    case 'Toggle Breakpoint':
    case 'Save':
      return ui.file !== null;
    case 'Open Example':
    case 'Toggle Theme':
      return true;
    case 'Save Run':
      return !native && !phase.matches('idle') && !phase.matches('starting');
  }
}
