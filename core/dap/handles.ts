// References handed to the client (frame ids, variablesReference), valid for one stop. Not the
// library's Handles: its reset() starts numbering again, so a reference kept from an earlier
// stop would name a new value. These numbers are never reused, and an old one is told apart.
import { DapError } from './errors.js';

export class Handles<T> {
  private readonly live = new Map<number, T>();
  private next = 1;
  private firstOfStop = 1;

  constructor(private readonly what: string) {}

  add(value: T): number {
    const id = this.next++;
    this.live.set(id, value);
    return id;
  }

  get(id: number): T {
    const value = this.live.get(id);
    if (value !== undefined) return value;
    if (id >= 1 && id < this.firstOfStop) {
      throw new DapError(`${this.what} ${id} is from an earlier stop: the program has run since (ask for the stack again)`);
    }
    throw new DapError(`${this.what} ${id} was never given by this adapter`);
  }

  /** The program runs again: every reference given so far is stale. */
  reset(): void {
    this.live.clear();
    this.firstOfStop = this.next;
  }
}
