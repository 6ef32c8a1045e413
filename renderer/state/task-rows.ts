// Rows of the Tasks panel: core/model's task tree, with a row for each TaskGroup its children
// sit in, so a group's tasks show together under it.
import { taskTreeRows } from '../../core/model/index.js';
import type { TaskRecord } from '../../core/protocol/index.js';

export type TaskRow =
  | { kind: 'task'; key: string; task: TaskRecord; depth: number; hasChildren: boolean }
  | { kind: 'group'; key: string; groupId: number; depth: number; size: number };

export function taskMatches(task: TaskRecord, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (!needle) return true;
  return task.name.toLowerCase().includes(needle) || task.coro.toLowerCase().includes(needle)
    || task.state.includes(needle) || `#${task.id}` === needle;
}

export function buildTaskRows(tasks: Record<number, TaskRecord>, filter: string, collapsed: ReadonlySet<number>): TaskRow[] {
  const tree = taskTreeRows(tasks, filter.trim() ? (task) => taskMatches(task, filter) : undefined, collapsed);
  const rows: TaskRow[] = [];
  // Display depth of the last row seen at each tree depth, and the group open under each parent.
  const displayDepth: number[] = [];
  const openGroup: Array<{ parent: number | null; group: number; row: Extract<TaskRow, { kind: 'group' }> } | undefined> = [];
  for (const { task, depth, hasChildren } of tree) {
    const parentDepth = depth === 0 ? -1 : displayDepth[depth - 1]!;
    let own = parentDepth + 1;
    openGroup.length = depth + 1;
    if (task.group != null) {
      const open = openGroup[depth];
      if (open && open.parent === task.parent && open.group === task.group) {
        open.row.size++;
      } else {
        const row = { kind: 'group' as const, key: `g${task.group}:${task.id}`, groupId: task.group, depth: own, size: 1 };
        rows.push(row);
        openGroup[depth] = { parent: task.parent, group: task.group, row };
      }
      own++;
    } else {
      openGroup[depth] = undefined;
    }
    displayDepth[depth] = own;
    rows.push({ kind: 'task', key: `t${task.id}`, task, depth: own, hasChildren });
  }
  return rows;
}
