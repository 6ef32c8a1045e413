// A small observable value. With a scheduler, updates are newest-wins: many `set`s between two
// frames publish once, with the last value (DevTools' Throttler), so a stream of deltas costs
// one render per frame however fast it arrives.
import { Listeners } from '../transport/listeners.js';
import type { Disposer } from '../transport/transport.js';

/** Runs a callback later, once; returns a canceller. */
export type Scheduler = (callback: () => void) => () => void;

export const animationFrameScheduler: Scheduler = (callback) => {
  const handle = requestAnimationFrame(callback);
  return () => cancelAnimationFrame(handle);
};

export const immediateScheduler: Scheduler = (callback) => {
  callback();
  return () => undefined;
};

export class Store<T> {
  private published: T;
  private latest: T;
  private cancelPublish: (() => void) | undefined;
  private readonly listeners = new Listeners<T>();

  constructor(initial: T, private readonly schedule: Scheduler = immediateScheduler) {
    this.published = initial;
    this.latest = initial;
  }

  /** The value views draw: the last one published. */
  get(): T {
    return this.published;
  }

  /** The newest value, published or not: what the next update builds on. */
  peek(): T {
    return this.latest;
  }

  set(next: T): void {
    if (next === this.latest) return;
    this.latest = next;
    if (this.cancelPublish) return;
    let ranSynchronously = false;
    const cancel = this.schedule(() => {
      ranSynchronously = true;
      this.cancelPublish = undefined;
      this.publish();
    });
    if (!ranSynchronously) this.cancelPublish = cancel;
  }

  update(change: (value: T) => T): void {
    this.set(change(this.latest));
  }

  /** Publish a pending value now (a test, or a user action that must show at once). */
  flush(): void {
    this.cancelPublish?.();
    this.cancelPublish = undefined;
    this.publish();
  }

  subscribe = (listener: (value: T) => void): Disposer => this.listeners.add(listener);

  getSnapshot = (): T => this.published;

  get listenerCount(): number {
    return this.listeners.size;
  }

  dispose(): void {
    this.cancelPublish?.();
    this.cancelPublish = undefined;
    this.listeners.clear();
  }

  private publish(): void {
    if (this.published === this.latest) return;
    this.published = this.latest;
    this.listeners.emit(this.published);
  }
}
