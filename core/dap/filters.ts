// The scheduler events a run can break on, offered to editors as exception breakpoint filters
// (the checkboxes of VS Code's Breakpoints view): one filter per BreakOnEvent.
import type { DebugProtocol } from '@vscode/debugprotocol';
import { z } from 'zod';
import { BreakOnEvent } from '../protocol/index.js';
import { DapError, parseArguments } from './errors.js';

const LABELS: Record<BreakOnEvent, [label: string, description: string]> = {
  'task-switch': ['Task switch', 'Stop each time the loop resumes a different task (a condition names the tasks: "worker, fetcher")'],
  'task-created': ['Task created', 'Stop where a task is created'],
  'task-finished': ['Task finished', 'Stop when a task returns'],
  'task-cancelled': ['Task cancelled', 'Stop when a task ends cancelled'],
  'task-failed': ['Task failed', 'Stop when a task ends with an exception'],
  'future-resolved': ['Future resolved', 'Stop when a future gets its result'],
  'future-cancelled': ['Future cancelled', 'Stop when a future is cancelled'],
  'lock-contended': ['Lock contended', 'Stop when a task must wait for a Lock, Semaphore or Condition another task holds'],
  'lock-acquired': ['Lock acquired', 'Stop when a task acquires a Lock, Semaphore or Condition'],
  'lock-released': ['Lock released', 'Stop when a task releases a Lock, Semaphore or Condition'],
  exception: ['Uncaught exception', 'Stop on an exception no code catches, in a task or the program'],
  'never-retrieved': ['Exception never retrieved', "Stop when a task's or future's exception is dropped without anyone reading it"],
  deadlock: ['Deadlock', 'Stop when no task can ever run again (a lock cycle, tasks awaiting each other, or every task blocked)'],
};

export const EXCEPTION_FILTERS: DebugProtocol.ExceptionBreakpointsFilter[] = BreakOnEvent.options.map((filter) => ({
  filter,
  label: LABELS[filter][0],
  description: LABELS[filter][1],
  default: filter === 'deadlock',
  ...(filter === 'task-switch'
    ? { supportsCondition: true, conditionDescription: 'Names of the tasks to stop at, comma-separated (empty: every task)' }
    : {}),
}));

export interface BreakOnSetting {
  events: BreakOnEvent[];
  /** With task-switch: stop only when switching to a task of one of these names. */
  taskNames: string[];
}

export const DEFAULT_BREAK_ON: BreakOnSetting = { events: ['deadlock'], taskNames: [] };

const Arguments = z.object({
  filters: z.array(z.string()),
  filterOptions: z.array(z.object({ filterId: z.string(), condition: z.string().optional() })).optional(),
});

/** The setting a setExceptionBreakpoints request asks for; an unknown filter is refused whole. */
export function parseExceptionFilters(args: unknown): BreakOnSetting {
  const { filters, filterOptions = [] } = parseArguments('setExceptionBreakpoints', Arguments, args);
  const chosen = [...filters, ...filterOptions.map((option) => option.filterId)];
  const unknown = chosen.filter((id) => !BreakOnEvent.safeParse(id).success);
  if (unknown.length > 0) {
    throw new DapError(`setExceptionBreakpoints: unknown filter ${unknown.map((id) => `'${id}'`).join(', ')} (the filters are ${BreakOnEvent.options.join(', ')})`);
  }
  const events = [...new Set(chosen)] as BreakOnEvent[];
  const condition = filterOptions.find((option) => option.filterId === 'task-switch')?.condition ?? '';
  const taskNames = condition.split(',').map((name) => name.trim()).filter((name) => name.length > 0);
  return { events, taskNames };
}
