// Wait-for Graph: who waits on what. Tasks are boxes, locks and other primitives rounded, and a
// cycle (a deadlock, when nothing else can wake them) is drawn in red and named.
import { useMemo, type KeyboardEvent } from 'react';
import type { SessionState } from '../../core/model/index.js';
import { EmptyState, Panel } from '../components/Panel.js';
import { useApp, useSession, useUi } from '../components/app-context.js';
import { innermostUserFrame } from '../app/session-controller.js';
import { MORE_PREFIX, layoutGraph, type PlacedNode } from '../graph/layout.js';
import { useSampled } from '../components/use-sampled.js';
import { selectWaitGraph } from '../state/selectors.js';

const selectState = (state: SessionState) => state;
/** While a program runs, the live graph is rebuilt at most this often: with ten thousand tasks
 * one build takes tens of milliseconds, too much for every frame. At a pause it is at once. */
const LIVE_GRAPH_INTERVAL_MS = 1000;

export function WaitGraphPanel() {
  return (
    <Panel title="Wait-for Graph" className="panel-graph">
      <WaitGraphView />
    </Panel>
  );
}

function WaitGraphView() {
  const app = useApp();
  const latest = useSession(selectState);
  const state = useSampled(latest, LIVE_GRAPH_INTERVAL_MS, latest.status !== 'running');
  const graph = selectWaitGraph(state.paused, state.tasks, state.resources, state.futures);
  const layout = useMemo(() => layoutGraph(graph), [graph]);
  const selectedTask = useUi((state) => state.selectedTaskId);
  const selectedResource = useUi((state) => state.selectedResourceId);

  const open = (node: PlacedNode) => {
    const [kind, id] = node.id.split(':');
    const number = Number(id);
    if (kind === 'task') {
      const paused = app.session.get().paused;
      app.actions.selectTask(number, paused ? innermostUserFrame(paused, number) : undefined);
    } else if (kind === 'resource') app.actions.selectResource(number);
  };
  const isSelected = (node: PlacedNode) => node.id === `task:${selectedTask}` || node.id === `resource:${selectedResource}`;

  return (
    <>
      {graph.cycles.length > 0 ? (
        <ul className="cycle-list" aria-label="Cycles">
          {graph.cycles.map((cycle) => <li key={cycle.nodes.join()} className="cycle">{cycle.description}</li>)}
        </ul>
      ) : null}
      {layout.nodes.length === 0 ? (
        <EmptyState>No task is waiting on another task or a lock right now. When one does, the graph shows who waits on what, and names any cycle.</EmptyState>
      ) : (
        <div className="graph-scroll">
          <svg
            className="wait-graph"
            role="group"
            aria-label="Wait-for graph"
            // Fit the panel's width, never above natural size: a ring of ten stays readable.
            style={{ width: '100%', maxWidth: layout.width, height: 'auto' }}
            viewBox={`0 0 ${layout.width} ${layout.height}`}
          >
            <defs>
              <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" className="arrow-head" />
              </marker>
              <marker id="arrow-cycle" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" className="arrow-head cycle" />
              </marker>
            </defs>
            {layout.edges.map((edge) => (
              <path
                key={`${edge.from}->${edge.to}`}
                d={edge.path}
                className={`edge edge-${edge.kind} ${edge.inCycle ? 'cycle' : ''}`}
                markerEnd={edge.inCycle ? 'url(#arrow-cycle)' : 'url(#arrow)'}
              >
                <title>{edge.kind === 'waits' ? `waits on${edge.label ? ` ${edge.label}` : ''}` : 'held by'}</title>
              </path>
            ))}
            {layout.nodes.map((node) => {
              const more = node.id.startsWith(MORE_PREFIX);
              const kind = node.kind === 'task' ? 'Task' : node.kind === 'resource' ? 'Resource' : 'Future';
              // A "+N more" box summarises; it is not a thing to select.
              const control = more
                ? { role: 'img', 'aria-label': `${node.label.slice(1)} ${kind.toLowerCase()}s` }
                : {
                  role: 'button',
                  tabIndex: 0,
                  'aria-label': `${kind} ${node.label}${node.inCycle ? ' (in a cycle)' : ''}`,
                  onClick: () => open(node),
                  onKeyDown: (event: KeyboardEvent) => {
                    if (event.key === 'Enter' || event.key === ' ') {
                      event.preventDefault();
                      open(node);
                    }
                  },
                };
              return (
                <g
                  key={node.id}
                  className={`node node-${node.kind} ${more ? 'more' : ''} ${node.inCycle ? 'cycle' : ''} ${isSelected(node) ? 'selected' : ''}`}
                  transform={`translate(${node.x},${node.y})`}
                  {...control}
                >
                  <rect width={node.width} height={node.height} rx={node.kind === 'task' ? 3 : 12} />
                  <text x={node.width / 2} y={node.height / 2} dominantBaseline="central" textAnchor="middle">
                    {truncate(node.label, Math.floor((node.width - 12) / 7))}
                  </text>
                </g>
              );
            })}
          </svg>
          {layout.hidden > 0 ? <p className="muted">{layout.hidden} more nodes not drawn (cycles and locks come first).</p> : null}
        </div>
      )}
    </>
  );
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
}
