// Tasks: the tree of tasks by creator and TaskGroup, with what each waits on and since when.
// Virtualised: with ten thousand tasks only the rows in view exist in the page.
import { useMemo, useState, type KeyboardEvent } from 'react';
import type { SessionState } from '../../core/model/index.js';
import type { TaskRecord } from '../../core/protocol/index.js';
import { EmptyState, Panel } from '../components/Panel.js';
import { VirtualList } from '../components/VirtualList.js';
import { useApp, useSession, useUi } from '../components/app-context.js';
import { innermostUserFrame } from '../app/session-controller.js';
import { describeTaskState } from '../state/selectors.js';
import { buildTaskRows, type TaskRow } from '../state/task-rows.js';
import type { UiState } from '../state/ui-state.js';

const ROW_HEIGHT = 22;
const selectTasks = (state: SessionState) => state.tasks;
const selectSelected = (state: UiState) => state.selectedTaskId;

export function TasksPanel() {
  const app = useApp();
  const tasks = useSession(selectTasks);
  const selected = useUi(selectSelected);
  const [filter, setFilter] = useState('');
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(new Set());
  const rows = useMemo(() => buildTaskRows(tasks, filter, collapsed), [tasks, filter, collapsed]);
  const selectedIndex = useMemo(() => rows.findIndex((row) => row.kind === 'task' && row.task.id === selected), [rows, selected]);
  const total = Object.keys(tasks).length;

  const select = (task: TaskRecord) => {
    const paused = app.session.get().paused;
    const frame = paused ? innermostUserFrame(paused, task.id) : undefined;
    app.actions.selectTask(task.id, frame);
    if (!frame && task.line) app.actions.reveal(task.line[0], task.line[1]);
  };
  const toggle = (id: number) => {
    const next = new Set(collapsed);
    if (!next.delete(id)) next.add(id);
    setCollapsed(next);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const move = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    const current = rows[selectedIndex];
    if (move) {
      event.preventDefault();
      for (let i = selectedIndex + move; i >= 0 && i < rows.length; i += move) {
        const row = rows[i]!;
        if (row.kind === 'task') return select(row.task);
      }
    } else if (current?.kind === 'task' && current.hasChildren && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      event.preventDefault();
      if ((event.key === 'ArrowLeft') !== collapsed.has(current.task.id)) toggle(current.task.id);
    }
  };

  const renderRow = (index: number) => {
    const row = rows[index]!;
    return row.kind === 'group'
      ? <GroupRow row={row} />
      : <TaskTreeItem row={row} selected={row.task.id === selected} collapsed={collapsed.has(row.task.id)} onSelect={select} onToggle={toggle} />;
  };

  return (
    <Panel
      title="Tasks"
      className="panel-tasks"
      actions={<span className="panel-count" aria-label="Tasks shown">{rows.filter((r) => r.kind === 'task').length.toLocaleString('en')}</span>}
    >
      <input
        className="panel-filter"
        type="search"
        aria-label="Filter tasks"
        placeholder="Filter by name, coroutine or state"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
      />
      {rows.length === 0 ? (
        <EmptyState>{total === 0 ? 'No tasks yet. Press Run (F5) to start the program and watch its tasks here.' : `No task matches “${filter}”.`}</EmptyState>
      ) : (
        <VirtualList
          className="task-tree"
          role="tree"
          aria-label="Tasks"
          tabIndex={0}
          count={rows.length}
          rowHeight={ROW_HEIGHT}
          renderRow={renderRow}
          scrollToIndex={selectedIndex >= 0 ? selectedIndex : null}
          onKeyDown={onKeyDown}
        />
      )}
    </Panel>
  );
}

function GroupRow({ row }: { row: Extract<TaskRow, { kind: 'group' }> }) {
  return (
    <div role="treeitem" aria-level={row.depth + 1} aria-selected={false} className="tree-row group-row" style={{ paddingLeft: 8 + row.depth * 14 }}>
      <span className="group-label">TaskGroup #{row.groupId}</span>
    </div>
  );
}

interface TaskTreeItemProps {
  row: Extract<TaskRow, { kind: 'task' }>;
  selected: boolean;
  collapsed: boolean;
  onSelect: (task: TaskRecord) => void;
  onToggle: (id: number) => void;
}

function TaskTreeItem({ row, selected, collapsed, onSelect, onToggle }: TaskTreeItemProps) {
  const { task } = row;
  const description = describeTaskState(task);
  return (
    <div
      role="treeitem"
      aria-level={row.depth + 1}
      aria-selected={selected}
      aria-expanded={row.hasChildren ? !collapsed : undefined}
      aria-label={`${task.name}: ${description}`}
      className={`tree-row task-row ${selected ? 'selected' : ''}`}
      style={{ paddingLeft: 8 + row.depth * 14 }}
      onClick={() => onSelect(task)}
      title={`${task.coro} — ${description}`}
    >
      {row.hasChildren ? (
        <span
          className={`twisty ${collapsed ? 'closed' : 'open'}`}
          aria-hidden="true"
          onClick={(event) => {
            event.stopPropagation();
            onToggle(task.id);
          }}
        />
      ) : <span className="twisty none" aria-hidden="true" />}
      <span className={`state-dot state-${task.state}`} aria-hidden="true" />
      <span className="task-name">{task.name}</span>
      <span className="task-id">#{task.id}</span>
      <span className="task-state">{description}</span>
    </div>
  );
}
