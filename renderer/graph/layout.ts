// A layered ("Sugiyama-lite") layout for the wait-for graph: break cycles, put each node one
// layer below its deepest predecessor, order layers by the barycenter of their neighbours, then
// place. Small graphs (tens of nodes) are what a person can read, so big ones are cut, keeping
// cycles and locks first.
import type { WaitGraph } from '../../core/protocol/index.js';

export const MAX_DRAWN_NODES = 120;
const NODE_HEIGHT = 28;
const LAYER_GAP = 52;
const NODE_GAP = 18;
const MARGIN = 16;
const CHAR_WIDTH = 7;
const MAX_PER_ROW = 5;

type GraphNode = WaitGraph['nodes'][number];

export interface PlacedNode extends GraphNode {
  x: number;
  y: number;
  width: number;
  height: number;
  inCycle: boolean;
}

export interface PlacedEdge {
  from: string;
  to: string;
  kind: WaitGraph['edges'][number]['kind'];
  label?: string;
  path: string;
  inCycle: boolean;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  /** Nodes with edges left out to keep the drawing readable. */
  hidden: number;
}

export function cycleEdgeKeys(graph: WaitGraph): Set<string> {
  const keys = new Set<string>();
  for (const cycle of graph.cycles) {
    cycle.nodes.forEach((node, i) => keys.add(`${node}->${cycle.nodes[(i + 1) % cycle.nodes.length]}`));
  }
  return keys;
}

/** Which nodes to draw: only those with an edge (a task waiting on nothing says nothing about
 * waits), cycles first, then resources, then the rest. */
function pickNodes(graph: WaitGraph, limit: number): { nodes: GraphNode[]; linked: number } {
  const linked = new Set<string>();
  for (const edge of graph.edges) {
    linked.add(edge.from);
    linked.add(edge.to);
  }
  const candidates = graph.nodes.filter((node) => linked.has(node.id));
  if (candidates.length <= limit) return { nodes: candidates, linked: candidates.length };
  const inCycle = new Set(graph.cycles.flatMap((cycle) => cycle.nodes));
  const rank = (node: GraphNode) => (inCycle.has(node.id) ? 0 : node.kind === 'resource' ? 1 : 2);
  // Fill by rank, keeping the graph's order within a rank (a bucket pass, not a sort of all).
  const chosen = new Set<GraphNode>();
  for (let wanted = 0; wanted <= 2 && chosen.size < limit; wanted++) {
    for (const node of candidates) {
      if (chosen.size >= limit) break;
      if (rank(node) === wanted) chosen.add(node);
    }
  }
  return { nodes: candidates.filter((node) => chosen.has(node)), linked: candidates.length };
}

/** More edges than this into or out of one node are drawn as one "+N more" node. */
export const MAX_FAN = 8;
export const MORE_PREFIX = 'more:';

/** Ten thousand tasks waiting on one semaphore are one fact, not ten thousand boxes: past
 * MAX_FAN, a node's edges (outside cycles) go to or come from a single "+N more" node. */
export function collapseFans(graph: WaitGraph, fan = MAX_FAN): WaitGraph {
  const inCycle = cycleEdgeKeys(graph);
  const kind = new Map(graph.nodes.map((node) => [node.id, node.kind]));
  const extra: GraphNode[] = [];
  const collapse = (edges: WaitGraph['edges'], side: 'from' | 'to'): WaitGraph['edges'] => {
    const other = side === 'from' ? 'to' : 'from';
    const groups = new Map<string, WaitGraph['edges']>();
    for (const edge of edges) {
      const list = groups.get(edge[side]);
      if (list) list.push(edge);
      else groups.set(edge[side], [edge]);
    }
    const kept: WaitGraph['edges'] = [];
    for (const [id, list] of groups) {
      if (list.length <= fan) {
        kept.push(...list);
        continue;
      }
      // Cycle edges and edges to resources first: they are what the graph is for.
      const rank = (edge: WaitGraph['edges'][number]) => (inCycle.has(`${edge.from}->${edge.to}`) ? 0 : kind.get(edge[other]) === 'resource' ? 1 : 2);
      const sorted = [...list].sort((a, b) => rank(a) - rank(b));
      const shown = sorted.filter((edge, i) => i < fan || rank(edge) === 0);
      const hidden = sorted.length - shown.length;
      kept.push(...shown);
      const more = `${MORE_PREFIX}${side}:${id}`;
      const hiddenKind = kind.get(sorted.at(-1)![other]) ?? 'task';
      extra.push({ id: more, kind: hiddenKind, label: `+${hidden} more` });
      kept.push(side === 'from' ? { from: id, to: more, kind: sorted.at(-1)!.kind } : { from: more, to: id, kind: sorted.at(-1)!.kind });
    }
    return kept;
  };
  const edges = collapse(collapse(graph.edges, 'from'), 'to');
  return { nodes: [...graph.nodes, ...extra], edges, cycles: graph.cycles };
}

export function layoutGraph(fullGraph: WaitGraph, limit = MAX_DRAWN_NODES): GraphLayout {
  const graph = collapseFans(fullGraph);
  const { nodes, linked } = pickNodes(graph, limit);
  const ids = new Set(nodes.map((node) => node.id));
  const edges = graph.edges.filter((edge) => ids.has(edge.from) && ids.has(edge.to) && edge.from !== edge.to);
  const inCycle = cycleEdgeKeys(graph);
  const cycleNodes = new Set(graph.cycles.flatMap((cycle) => cycle.nodes));
  // A deadlock reads best as the ring it is.
  if (nodes.length >= 3 && nodes.every((node) => cycleNodes.has(node.id))) return ringLayout(graph, nodes, edges, inCycle, linked);
  const out = new Map<string, string[]>(nodes.map((node) => [node.id, []]));
  for (const edge of edges) out.get(edge.from)!.push(edge.to);

  // 1. Break cycles: edges that close a cycle in a depth-first walk point backwards.
  const reversed = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const walk = (start: string) => {
    const stack: Array<{ id: string; next: number }> = [{ id: start, next: 0 }];
    state.set(start, 'open');
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const targets = out.get(top.id)!;
      if (top.next >= targets.length) {
        state.set(top.id, 'done');
        stack.pop();
        continue;
      }
      const target = targets[top.next++]!;
      const seen = state.get(target);
      if (seen === 'open') reversed.add(`${top.id}->${target}`);
      else if (!seen) {
        state.set(target, 'open');
        stack.push({ id: target, next: 0 });
      }
    }
  };
  for (const node of nodes) if (!state.has(node.id)) walk(node.id);
  const dag = edges.map((edge) => (reversed.has(`${edge.from}->${edge.to}`) ? { from: edge.to, to: edge.from } : edge));

  // 2. Layers: longest path from the sources, in topological order.
  const indegree = new Map(nodes.map((node) => [node.id, 0]));
  const succ = new Map<string, string[]>(nodes.map((node) => [node.id, []]));
  const pred = new Map<string, string[]>(nodes.map((node) => [node.id, []]));
  for (const edge of dag) {
    succ.get(edge.from)!.push(edge.to);
    pred.get(edge.to)!.push(edge.from);
    indegree.set(edge.to, indegree.get(edge.to)! + 1);
  }
  const layer = new Map<string, number>();
  const queue = nodes.filter((node) => indegree.get(node.id) === 0).map((node) => node.id);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    if (!layer.has(id)) layer.set(id, 0);
    for (const next of succ.get(id)!) {
      layer.set(next, Math.max(layer.get(next) ?? 0, layer.get(id)! + 1));
      indegree.set(next, indegree.get(next)! - 1);
      if (indegree.get(next) === 0) queue.push(next);
    }
  }
  const layers: string[][] = [];
  for (const node of nodes) {
    const index = layer.get(node.id) ?? 0;
    (layers[index] ??= []).push(node.id);
  }

  // 3. Order each layer by the mean position of its neighbours, sweeping down and up.
  const position = new Map<string, number>();
  const renumber = () => layers.forEach((ids) => ids.forEach((id, i) => position.set(id, i)));
  renumber();
  const barycenter = (id: string, neighbours: Map<string, string[]>) => {
    const around = neighbours.get(id)!;
    return around.length ? around.reduce((sum, n) => sum + position.get(n)!, 0) / around.length : position.get(id)!;
  };
  for (let sweep = 0; sweep < 4; sweep++) {
    const down = sweep % 2 === 0;
    const order = down ? layers.slice(1) : layers.slice(0, -1).reverse();
    for (const ids of order) {
      const keys = new Map(ids.map((id) => [id, barycenter(id, down ? pred : succ)]));
      ids.sort((a, b) => keys.get(a)! - keys.get(b)!);
      ids.forEach((id, i) => position.set(id, i));
    }
  }

  // 4. Place: layers top to bottom, each centred; a wide layer wraps onto more rows, so the
  // drawing fits a side panel instead of shrinking to a hairline.
  const rows = layers.flatMap((ids) => Array.from({ length: Math.ceil(ids.length / MAX_PER_ROW) }, (_, i) => ids.slice(i * MAX_PER_ROW, (i + 1) * MAX_PER_ROW)));
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const rowWidths = rows.map((ids) => ids.reduce((sum, id) => sum + widthOf(byId.get(id)!), 0) + NODE_GAP * Math.max(0, ids.length - 1));
  const width = Math.max(200, ...rowWidths) + MARGIN * 2;
  const placed = new Map<string, PlacedNode>();
  rows.forEach((ids, index) => {
    let x = (width - rowWidths[index]!) / 2;
    for (const id of ids) {
      const node = byId.get(id)!;
      const nodeWidth = widthOf(node);
      placed.set(id, { ...node, x, y: MARGIN + index * (NODE_HEIGHT + LAYER_GAP), width: nodeWidth, height: NODE_HEIGHT, inCycle: cycleNodes.has(id) });
      x += nodeWidth + NODE_GAP;
    }
  });
  const height = MARGIN * 2 + rows.length * NODE_HEIGHT + Math.max(0, rows.length - 1) * LAYER_GAP;

  const placedEdges = placeEdges(edges, placed, inCycle, edgePath);
  return { width, height: Math.max(height, 80), nodes: [...placed.values()], edges: placedEdges, hidden: linked - nodes.length };
}

/** Nodes on an ellipse in the order of the first cycle through them, edges as chords. */
function ringLayout(graph: WaitGraph, nodes: GraphNode[], edges: WaitGraph['edges'], inCycle: Set<string>, linked: number): GraphLayout {
  const order: string[] = [];
  for (const cycle of graph.cycles) for (const id of cycle.nodes) if (!order.includes(id) && nodes.some((n) => n.id === id)) order.push(id);
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const widest = Math.max(...nodes.map(widthOf));
  // Room for every node around the ring without overlap.
  const circumference = order.length * (NODE_HEIGHT + 26) * 1.6;
  const ry = Math.max(60, circumference / (2 * Math.PI));
  const rx = ry + widest / 2;
  const cx = MARGIN + rx + widest / 2;
  const cy = MARGIN + ry + NODE_HEIGHT / 2;
  const placed = new Map<string, PlacedNode>();
  order.forEach((id, i) => {
    const node = byId.get(id)!;
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / order.length;
    const width = widthOf(node);
    const x = cx + rx * Math.cos(angle) - width / 2;
    const y = cy + ry * Math.sin(angle) - NODE_HEIGHT / 2;
    placed.set(id, { ...node, x, y, width, height: NODE_HEIGHT, inCycle: true });
  });
  const placedEdges = placeEdges(edges, placed, inCycle, chord);
  return { width: 2 * cx, height: 2 * cy, nodes: [...placed.values()], edges: placedEdges, hidden: linked - nodes.length };
}

/** A box wide enough for its label, within bounds. */
function widthOf(node: GraphNode): number {
  return Math.min(200, Math.max(64, node.label.length * CHAR_WIDTH + 20));
}

/** Edges between placed nodes, drawn by `path`. */
function placeEdges(edges: WaitGraph['edges'], placed: Map<string, PlacedNode>, inCycle: Set<string>,
  path: (from: PlacedNode, to: PlacedNode) => string): PlacedEdge[] {
  return edges.map((edge) => ({
    from: edge.from,
    to: edge.to,
    kind: edge.kind,
    ...(edge.label ? { label: edge.label } : {}),
    path: path(placed.get(edge.from)!, placed.get(edge.to)!),
    inCycle: inCycle.has(`${edge.from}->${edge.to}`),
  }));
}

/** A straight line between the borders of two boxes. */
function chord(from: PlacedNode, to: PlacedNode): string {
  const [x1, y1] = [from.x + from.width / 2, from.y + from.height / 2];
  const [x2, y2] = [to.x + to.width / 2, to.y + to.height / 2];
  const border = (node: PlacedNode, dx: number, dy: number) => {
    const scale = 1 / Math.max(Math.abs(dx) / (node.width / 2), Math.abs(dy) / (node.height / 2), 1e-9);
    return [dx * scale, dy * scale] as const;
  };
  const [sx, sy] = border(from, x2 - x1, y2 - y1);
  const [ex, ey] = border(to, x1 - x2, y1 - y2);
  return `M${x1 + sx},${y1 + sy} L${x2 + ex},${y2 + ey}`;
}

/** A curve from one node to another: down between layers, or out to the side and back up
 * for an edge that closes a cycle. */
function edgePath(from: PlacedNode, to: PlacedNode): string {
  const fx = from.x + from.width / 2;
  const tx = to.x + to.width / 2;
  if (to.y > from.y) {
    const y1 = from.y + from.height;
    const y2 = to.y;
    const mid = (y1 + y2) / 2;
    return `M${fx},${y1} C${fx},${mid} ${tx},${mid} ${tx},${y2}`;
  }
  if (to.y === from.y) {
    const y = from.y + from.height / 2;
    const [x1, x2] = tx > fx ? [from.x + from.width, to.x] : [from.x, to.x + to.width];
    return `M${x1},${y} C${(x1 + x2) / 2},${y - 30} ${(x1 + x2) / 2},${y - 30} ${x2},${y}`;
  }
  // Upward: leave from the right side and come back into the target's right side.
  const x1 = from.x + from.width;
  const x2 = to.x + to.width;
  const y1 = from.y + from.height / 2;
  const y2 = to.y + to.height / 2;
  const bulge = Math.max(x1, x2) + 40;
  return `M${x1},${y1} C${bulge},${y1} ${bulge},${y2} ${x2},${y2}`;
}
