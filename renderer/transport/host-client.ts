// Requests and their responses over a Transport: each request gets the next id, and the
// promise it returns settles with the host's `response` of that id. Other host messages go
// to `onMessage` listeners.
import type { ClientRequest, HostMessage } from '../../core/protocol/client.js';
import { Listeners } from './listeners.js';
import type { Disposer, Transport } from './transport.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A request as a caller writes it: the client numbers it. */
export type RequestBody = DistributiveOmit<ClientRequest, 'id'>;
export type Notification = Exclude<HostMessage, { type: 'response' }>;

export class HostRequestError extends Error {
  constructor(readonly request: RequestBody['type'], message: string) {
    super(message);
    this.name = 'HostRequestError';
  }
}

interface Pending {
  type: RequestBody['type'];
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

export class HostClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly notifications = new Listeners<Notification>();
  private readonly stopListening: Disposer;

  constructor(private readonly transport: Transport) {
    this.stopListening = transport.onMessage((message) => this.receive(message));
  }

  /** Send a request; resolves with its result, rejects with the host's error. */
  request(body: RequestBody): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { type: body.type, resolve, reject });
      this.transport.send({ ...body, id } as ClientRequest);
    });
  }

  onMessage(listener: (message: Notification) => void): Disposer {
    return this.notifications.add(listener);
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  dispose(): void {
    this.stopListening();
    this.notifications.clear();
    for (const [, pending] of this.pending) pending.reject(new HostRequestError(pending.type, 'the connection was closed'));
    this.pending.clear();
  }

  private receive(message: HostMessage): void {
    if (message.type !== 'response') {
      this.notifications.emit(message);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.ok) pending.resolve(message.result);
    else pending.reject(new HostRequestError(pending.type, message.error ?? `${pending.type} failed`));
  }
}
