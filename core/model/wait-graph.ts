// The wait-for graph of a session: tasks, resources and futures as nodes; "waits" edges from
// a task to what it waits on, "held-by" edges from a resource to its holders; and the cycles
// in it, named (a lock cycle, tasks awaiting each other).
import type { ResourceRecord, TaskRecord, WaitGraph } from '../protocol/index.js';
import type { SessionState } from './session-model.js';

type Node = WaitGraph['nodes'][number];
type Edge = WaitGraph['edges'][number];
type Cycle = WaitGraph['cycles'][number];

export const taskNode = (id: number) => `task:${id}`;
export const resourceNode = (id: number) => `resource:${id}`;
export const futureNode = (id: number) => `future:${id}`;

export function resourceLabel(resource: ResourceRecord): string {
  return resource.name ? `${resource.kind} ${resource.name}` : `${resource.kind} #${resource.id}`;
}

/** The graph of the live (not finished) tasks of `state`. */
export function buildWaitGraph(state: Pick<SessionState, 'tasks' | 'resources' | 'futures'>): WaitGraph {
  const nodes = new Map<string, Node>();
  const edges: Edge[] = [];
  const live = Object.values(state.tasks).filter((task) => task.state === 'waiting' || task.state === 'ready' || task.state === 'running');
  const addTask = (task: TaskRecord) => nodes.set(taskNode(task.id), { id: taskNode(task.id), kind: 'task', label: task.name });
  for (const task of live) {
    addTask(task);
    const wait = task.waitingOn;
    if (!wait || task.state !== 'waiting') continue;
    const targets: string[] = [];
    if (wait.kind === 'resource' && wait.id != null) {
      const resource = state.resources[wait.id];
      const id = resourceNode(wait.id);
      nodes.set(id, { id, kind: 'resource', label: resource ? resourceLabel(resource) : wait.label });
      targets.push(id);
    } else if ((wait.kind === 'task' && wait.id != null) || wait.kind === 'gather') {
      for (const id of wait.kind === 'gather' ? wait.ids ?? [] : [wait.id!]) targets.push(taskNode(id));
    } else if (wait.kind === 'future' && wait.id != null) {
      const id = futureNode(wait.id);
      nodes.set(id, { id, kind: 'future', label: state.futures[wait.id]?.label ?? wait.label });
      targets.push(id);
    }
    for (const target of targets) edges.push({ from: taskNode(task.id), to: target, kind: 'waits', label: wait.label });
  }
  for (const resource of Object.values(state.resources)) {
    const id = resourceNode(resource.id);
    if (!nodes.has(id) && resource.holders.length === 0) continue;
    nodes.set(id, { id, kind: 'resource', label: resourceLabel(resource) });
    for (const holder of resource.holders) {
      const task = state.tasks[holder];
      if (task) addTask(task);
      edges.push({ from: id, to: taskNode(holder), kind: 'held-by' });
    }
  }
  // An edge to a task that is not drawn (finished and forgotten) would dangle.
  const kept = edges.filter((edge) => nodes.has(edge.from) && nodes.has(edge.to));
  return { nodes: [...nodes.values()], edges: kept, cycles: findCycles([...nodes.values()], kept) };
}

/** Elementary cycles, each once, found from each strongly connected component. */
export function findCycles(nodes: readonly Node[], edges: readonly Edge[]): Cycle[] {
  const out = new Map<string, string[]>();
  for (const edge of edges) {
    const targets = out.get(edge.from);
    if (targets) targets.push(edge.to);
    else out.set(edge.from, [edge.to]);
  }
  const kinds = new Map(nodes.map((node) => [node.id, node]));
  const cycles: Cycle[] = [];
  const seen = new Set<string>();
  const visit = (start: string, node: string, path: string[], onPath: Set<string>) => {
    for (const next of out.get(node) ?? []) {
      if (next === start) {
        const key = [...path].sort().join('|');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(describeCycle(path, kinds));
        }
      } else if (!onPath.has(next) && next > start && cycles.length < 100) {
        onPath.add(next);
        visit(start, next, [...path, next], onPath);
        onPath.delete(next);
      }
    }
  };
  for (const node of [...out.keys()].sort()) visit(node, node, [node], new Set([node]));
  return cycles;
}

function describeCycle(path: string[], nodes: Map<string, Node>): Cycle {
  const label = (id: string) => nodes.get(id)?.label ?? id;
  const hasResource = path.some((id) => nodes.get(id)?.kind === 'resource');
  const steps: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const from = path[i]!;
    const to = path[(i + 1) % path.length]!;
    if (nodes.get(from)?.kind === 'task') steps.push(`${label(from)} waits for ${label(to)}`);
    else steps.push(`${label(from)} is held by ${label(to)}`);
  }
  return {
    kind: hasResource ? 'lock-cycle' : 'await-cycle',
    nodes: path,
    description: `${hasResource ? 'Lock cycle' : 'Await cycle'}: ${steps.join(', ')}`,
  };
}
