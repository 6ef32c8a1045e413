// Coalescing one tick's events before they go to clients: a run of consecutive snapshot deltas
// becomes one delta (deltas carry whole records, so the newest record of an id is all a client
// needs), and every other event keeps its place. A client that applies the coalesced stream
// ends in the same state as one that applied every event.
import type { EngineEvent, SnapshotDeltaEvent } from '../protocol/index.js';

function newestById<T extends { id: number }>(deltas: readonly SnapshotDeltaEvent[], pick: (delta: SnapshotDeltaEvent) => T[]): T[] {
  const byId = new Map<number, T>();
  for (const delta of deltas) for (const record of pick(delta)) byId.set(record.id, record);
  return [...byId.values()];
}

export function mergeDeltas(deltas: readonly SnapshotDeltaEvent[]): SnapshotDeltaEvent {
  const last = deltas.at(-1);
  if (!last) throw new Error('mergeDeltas needs at least one delta');
  if (deltas.length === 1) return last;
  return {
    type: 'snapshot.delta',
    seq: last.seq,
    loop: last.loop,
    tasks: newestById(deltas, (delta) => delta.tasks),
    futures: newestById(deltas, (delta) => delta.futures),
    resources: newestById(deltas, (delta) => delta.resources),
  };
}

export function coalesceEvents(events: readonly EngineEvent[]): EngineEvent[] {
  const out: EngineEvent[] = [];
  let run: SnapshotDeltaEvent[] = [];
  for (const event of events) {
    if (event.type === 'snapshot.delta') {
      run.push(event);
      continue;
    }
    if (run.length) out.push(mergeDeltas(run));
    run = [];
    out.push(event);
  }
  if (run.length) out.push(mergeDeltas(run));
  return out;
}
