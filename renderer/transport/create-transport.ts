// Picks the transport of the host the page runs in: the preload's bridge means Electron.
import { IpcTransport } from './ipc-transport.js';
import type { Transport } from './transport.js';
import { WebSocketTransport, webSocketUrl } from './websocket-transport.js';

export function createTransport(window: Window): Transport {
  if (window.loopscope) return new IpcTransport(window.loopscope);
  return new WebSocketTransport(webSocketUrl(window.location));
}
