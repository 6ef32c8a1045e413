// One way to talk to the host, whichever host it is: the Electron preload (IPC) or the browser
// shell (WebSocket). Everything above this file sees only `Transport`.
import type { ClientRequest, HostMessage } from '../../core/protocol/client.js';

export type Disposer = () => void;

export interface Transport {
  send(request: ClientRequest): void;
  /** Validated host messages, in order. */
  onMessage(listener: (message: HostMessage) => void): Disposer;
  /** Connection state changes (a WebSocket can drop; IPC is always connected). */
  onStatus?(listener: (status: TransportStatus) => void): Disposer;
  dispose?(): void;
  /** The file system path of a file dropped on the page, where the host can tell (Electron). */
  pathForFile?(file: File): string | undefined;
}

export type TransportStatus = 'connecting' | 'open' | 'closed';
