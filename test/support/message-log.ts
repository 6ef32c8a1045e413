// Messages a test client has received, and waiting on a predicate over them (never a sleep).
import type { HostMessage } from '../../core/protocol/client.js';

export class MessageLog {
  readonly messages: HostMessage[] = [];
  private readonly waiters = new Set<() => void>();

  protected record(message?: HostMessage): void {
    if (message) this.messages.push(message);
    for (const wake of [...this.waiters]) wake();
  }

  /** Resolves with the first non-undefined value of `find` over the messages so far or to come. */
  waitFor<T>(find: (messages: HostMessage[]) => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = find(this.messages);
        if (found === undefined) return false;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        const last = this.messages.slice(-5).map((m) => JSON.stringify(m).slice(0, 120)).join(' | ');
        reject(new Error(`timed out waiting for ${what}; got ${this.messages.length} messages, the last: ${last}`));
      }, timeoutMs);
      if (!check()) this.waiters.add(check);
    });
  }
}
