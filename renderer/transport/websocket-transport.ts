// The browser shell's transport: one WebSocket to ws://<host>/ws?token=<token>. The token comes
// from the page's own URL (the shell prints a URL with it), so only whoever got that URL can drive
// the session. Requests sent before the socket opens wait for it; a dropped socket reconnects
// (the host then sends the whole state again on `session.subscribe`).
import type { ClientRequest, HostMessage } from '../../core/protocol/client.js';
import { decodeHostMessage } from './decode.js';
import { Listeners } from './listeners.js';
import type { Disposer, Transport, TransportStatus } from './transport.js';

export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

const OPEN = 1;
const RECONNECT_MS = 1000;

/** The socket URL of the page at `location`: same host, path /ws, the page's token. */
export function webSocketUrl(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws?token=${encodeURIComponent(token)}`;
}

export class WebSocketTransport implements Transport {
  private socket: WebSocketLike | undefined;
  private readonly queue: string[] = [];
  private readonly messages = new Listeners<HostMessage>();
  private readonly statuses = new Listeners<TransportStatus>();
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    private readonly url: string,
    private readonly open: (url: string) => WebSocketLike = (target) => new WebSocket(target),
    private readonly onError: (error: string) => void = (error) => console.error(error),
  ) {
    this.connect();
  }

  send(request: ClientRequest): void {
    const data = JSON.stringify(request);
    if (this.socket?.readyState === OPEN) this.socket.send(data);
    else this.queue.push(data);
  }

  onMessage(listener: (message: HostMessage) => void): Disposer {
    return this.messages.add(listener);
  }

  onStatus(listener: (status: TransportStatus) => void): Disposer {
    return this.statuses.add(listener);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.reconnectTimer);
    this.socket?.close();
    this.messages.clear();
    this.statuses.clear();
  }

  private connect(): void {
    this.statuses.emit('connecting');
    const socket = this.open(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.statuses.emit('open');
      for (const data of this.queue.splice(0)) socket.send(data);
    });
    socket.addEventListener('message', (event) => {
      const decoded = decodeHostMessage(event.data);
      if (decoded.ok) this.messages.emit(decoded.message);
      else this.onError(decoded.error);
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket || this.disposed) return;
      this.statuses.emit('closed');
      this.reconnectTimer = setTimeout(() => this.connect(), RECONNECT_MS);
    });
  }
}
