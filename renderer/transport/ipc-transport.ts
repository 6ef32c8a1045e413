// The desktop app's transport: the small typed object the Electron preload exposes as
// `window.loopscope`. The renderer cannot import the preload's types (it lives in main/), so
// the shape is restated here; the preload helper keeps it in step.
import type { ClientRequest, HostMessage } from '../../core/protocol/client.js';
import { decodeHostMessage } from './decode.js';
import type { Disposer, Transport } from './transport.js';

export interface LoopscopeBridge {
  send(request: ClientRequest): void;
  onMessage(listener: (message: unknown) => void): Disposer;
  /** The file system path of a dropped file (Electron's webUtils.getPathForFile). */
  getPathForFile(file: File): string;
}

declare global {
  interface Window {
    loopscope?: LoopscopeBridge;
  }
}

export class IpcTransport implements Transport {
  constructor(
    private readonly bridge: LoopscopeBridge,
    private readonly onError: (error: string) => void = (error) => console.error(error),
  ) {}

  send(request: ClientRequest): void {
    this.bridge.send(request);
  }

  onMessage(listener: (message: HostMessage) => void): Disposer {
    // Main is trusted but still another process: its messages are checked like the socket's.
    return this.bridge.onMessage((data) => {
      const decoded = decodeHostMessage(data);
      if (decoded.ok) listener(decoded.message);
      else this.onError(decoded.error);
    });
  }

  pathForFile(file: File): string | undefined {
    return this.bridge.getPathForFile(file) || undefined;
  }
}
