// The renderer's session state: host messages through core/model, newest-wins publishing.
import { describe, expect, it } from 'vitest';
import { initialState } from '../../core/model/index.js';
import { SessionStore } from '../../renderer/state/session-store.js';
import { Store, type Scheduler } from '../../renderer/state/store.js';
import { deadlockPause, loop, task } from './fixtures.js';

function manualScheduler(): { schedule: Scheduler; run: () => void; pending: () => number } {
  let callbacks: Array<() => void> = [];
  return {
    schedule: (callback) => {
      callbacks.push(callback);
      return () => {
        callbacks = callbacks.filter((c) => c !== callback);
      };
    },
    run: () => {
      const now = callbacks;
      callbacks = [];
      for (const callback of now) callback();
    },
    pending: () => callbacks.length,
  };
}

describe('SessionStore', () => {
  it('publishes many deltas once per frame, with the newest state', () => {
    const frames = manualScheduler();
    const store = new SessionStore(frames.schedule);
    const published: number[] = [];
    store.subscribe((state) => published.push(Object.keys(state.tasks).length));
    for (let i = 1; i <= 50; i++) {
      store.apply({ type: 'events', events: [{ type: 'snapshot.delta', seq: i, loop, tasks: [task(i)], futures: [], resources: [] }] });
    }
    expect(frames.pending()).toBe(1);
    expect(Object.keys(store.get().tasks)).toHaveLength(0);
    frames.run();
    expect(published).toEqual([50]);
    expect(store.get().seq).toBe(50);
    store.dispose();
  });

  it('replaces everything with a full state, and pauses with the engine', () => {
    const frames = manualScheduler();
    const store = new SessionStore(frames.schedule);
    store.apply({ type: 'events', events: [{ type: 'snapshot.delta', seq: 1, loop, tasks: [task(9)], futures: [], resources: [] }] });
    store.apply({ type: 'state.full', state: { ...initialState(), status: 'paused', paused: deadlockPause(), tasks: { 1: task(1) } }, droppedEvents: 0 });
    frames.run();
    expect(Object.keys(store.get().tasks)).toEqual(['1']);
    expect(store.get().paused?.reason.kind).toBe('deadlock');
  });

  it('refuses a malformed full state', () => {
    const errors: string[] = [];
    const store = new SessionStore(undefined, (error) => errors.push(error));
    store.apply({ type: 'state.full', state: { status: 'sideways' }, droppedEvents: 0 });
    expect(errors).toHaveLength(1);
    expect(store.get()).toEqual(initialState());
  });
});

describe('Store', () => {
  it('can publish a pending value at once, and cancels what it scheduled when disposed', () => {
    const frames = manualScheduler();
    const store = new Store(0, frames.schedule);
    store.set(1);
    store.flush();
    expect(store.get()).toBe(1);
    store.set(2);
    store.dispose();
    expect(frames.pending()).toBe(0);
    expect(store.listenerCount).toBe(0);
  });
});
