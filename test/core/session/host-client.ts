// A client of HostSession for tests: keeps every message it is sent (checked against the
// protocol, after a JSON round trip as on a wire) and waits on predicates, never on sleeps.
import { HostMessage } from '../../../core/protocol/client.js';
import type { EngineEvent } from '../../../core/protocol/index.js';
import { applyEvents, initialState, type SessionState } from '../../../core/model/index.js';
import type { HostClient } from '../../../core/session/host-session.js';

type Response = Extract<HostMessage, { type: 'response' }>;

export class RecordingClient implements HostClient {
  readonly messages: HostMessage[] = [];
  /** What backlog() reports: set it to play a client that has fallen behind. */
  backlogBytes = 0;
  private readonly waiters = new Set<() => void>();

  send(message: HostMessage): void {
    this.messages.push(HostMessage.parse(JSON.parse(JSON.stringify(message))));
    for (const wake of [...this.waiters]) wake();
  }

  backlog(): number {
    return this.backlogBytes;
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
        reject(new Error(`timed out waiting for ${what}; got: ${this.messages.map((m) => m.type).join(', ')}`));
      }, timeoutMs);
      if (!check()) this.waiters.add(check);
    });
  }

  response(id: number): Promise<Response> {
    return this.waitFor((messages) => messages.find((m): m is Response => m.type === 'response' && m.id === id), `response ${id}`);
  }

  events(): EngineEvent[] {
    return this.messages.flatMap((m) => (m.type === 'events' ? m.events : []));
  }

  exit(): Promise<Extract<EngineEvent, { type: 'exit' }>> {
    return this.waitFor(() => this.events().find((e): e is Extract<EngineEvent, { type: 'exit' }> => e.type === 'exit'), 'exit');
  }

  stdout(): string {
    return this.events().flatMap((e) => (e.type === 'output' && e.stream === 'stdout' ? [e.text] : [])).join('');
  }

  /** The session state as this client's reducer sees it: the last full state plus the events
   * that came after it. */
  replayedState(): SessionState {
    let state = initialState();
    for (const message of this.messages) {
      if (message.type === 'state.full') state = message.state as SessionState;
      if (message.type === 'events') state = applyEvents(state, message.events);
    }
    return state;
  }

  clear(): void {
    this.messages.length = 0;
  }
}
