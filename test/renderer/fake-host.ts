// A host for renderer tests: records what the renderer sends, answers requests the way the
// real host does (or holds them for the test to answer), and sends host messages on demand.
import type { ClientRequest, HostMessage } from '../../core/protocol/client.js';
import type { Transport } from '../../renderer/transport/transport.js';

type Answer = { ok: true; result?: unknown } | { ok: false; error: string } | 'hold';
type Handler = (request: ClientRequest) => Answer;

export class FakeHost implements Transport {
  readonly sent: ClientRequest[] = [];
  private readonly listeners = new Set<(message: HostMessage) => void>();
  private readonly held = new Map<number, ClientRequest>();
  handlers: Partial<Record<ClientRequest['type'], Handler>> = {};

  send(request: ClientRequest): void {
    this.sent.push(request);
    const answer = this.handlers[request.type]?.(request) ?? { ok: true };
    if (answer === 'hold') this.held.set(request.id, request);
    else this.respond(request.id, answer);
  }

  onMessage(listener: (message: HostMessage) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(message: HostMessage): void {
    for (const listener of [...this.listeners]) listener(message);
  }

  respond(id: number, answer: Exclude<Answer, 'hold'>): void {
    this.held.delete(id);
    this.emit(answer.ok ? { type: 'response', id, ok: true, ...(answer.result === undefined ? {} : { result: answer.result }) } : { type: 'response', id, ok: false, error: answer.error });
  }

  /** Answer the oldest held request of this type. */
  answerHeld(type: ClientRequest['type'], answer: Exclude<Answer, 'hold'>): boolean {
    for (const [id, request] of this.held) {
      if (request.type === type) {
        this.respond(id, answer);
        return true;
      }
    }
    return false;
  }

  last<T extends ClientRequest['type']>(type?: T): Extract<ClientRequest, { type: T }> | undefined {
    const list = type ? this.sent.filter((request) => request.type === type) : this.sent;
    return list.at(-1) as Extract<ClientRequest, { type: T }> | undefined;
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
