// The task tree: each task under the task that created it, grouped by TaskGroup.
import type { TaskRecord } from '../protocol/index.js';

export interface TaskTreeRow {
  task: TaskRecord;
  depth: number;
  hasChildren: boolean;
}

/** Rows of the tree in display order (depth first, children by id). A task whose parent is
 * not known (forgotten, or created outside any task) is a root. `filter` keeps a task if it
 * or one of its descendants matches, so the path to a match stays visible. */
export function taskTreeRows(tasks: Record<number, TaskRecord>, filter?: (task: TaskRecord) => boolean,
  collapsed: ReadonlySet<number> = new Set()): TaskTreeRow[] {
  const children = new Map<number | null, TaskRecord[]>();
  for (const task of Object.values(tasks)) {
    const parent = task.parent != null && tasks[task.parent] ? task.parent : null;
    const list = children.get(parent);
    if (list) list.push(task);
    else children.set(parent, [task]);
  }
  for (const list of children.values()) list.sort((a, b) => a.id - b.id);
  const keep = new Map<number, boolean>();
  const matches = (task: TaskRecord): boolean => {
    const known = keep.get(task.id);
    if (known !== undefined) return known;
    const result = !filter || filter(task) || (children.get(task.id) ?? []).some(matches);
    keep.set(task.id, result);
    return result;
  };
  const rows: TaskTreeRow[] = [];
  const stack: Array<{ task: TaskRecord; depth: number }> = (children.get(null) ?? []).filter(matches).reverse().map((task) => ({ task, depth: 0 }));
  while (stack.length) {
    const { task, depth } = stack.pop()!;
    const kids = (children.get(task.id) ?? []).filter(matches);
    rows.push({ task, depth, hasChildren: kids.length > 0 });
    if (collapsed.has(task.id)) continue;
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ task: kids[i]!, depth: depth + 1 });
  }
  return rows;
}

/** "waiting on Lock #3 since t=1.5 (line 12)" and the like. */
export function describeTaskState(task: TaskRecord): string {
  switch (task.state) {
    case 'waiting': {
      const line = task.line ? ` at line ${task.line[1]}` : '';
      return `waiting on ${task.waitingOn?.label ?? 'a future'} since t=${formatTime(task.since)}${line}`;
    }
    case 'failed':
      return `failed: ${task.exception ?? ''}`;
    case 'done':
      return `done: ${task.result ?? 'None'}`;
    default:
      return task.state;
  }
}

export function formatTime(seconds: number): string {
  return Number.isInteger(seconds) ? `${seconds}` : seconds.toFixed(6).replace(/0+$/, '');
}
