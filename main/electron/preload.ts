// The preload of every Loopscope window (sandboxed, CommonJS): the page's only way to the host.
// It exposes a small typed object as `window.loopscope`, never ipcRenderer itself, and every
// `on*` returns its unsubscribe function.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { ClientRequest, HostMessage } from '../../core/protocol/client.js';
import { ACK_CHANNEL, MESSAGE_CHANNEL, REQUEST_CHANNEL } from './ipc-channels.js';

type Listener = (message: HostMessage) => void;
const listeners = new Set<Listener>();

ipcRenderer.on(MESSAGE_CHANNEL, (_event, json: unknown) => {
  // Main sends JSON text; the renderer's transport validates what it is handed.
  let message: HostMessage | undefined;
  try {
    message = typeof json === 'string' ? (JSON.parse(json) as HostMessage) : undefined;
  } catch {
    message = undefined;
  }
  if (message) {
    for (const listener of [...listeners]) {
      try {
        listener(message);
      } catch (error) {
        console.error('Loopscope: a message listener failed', error);
      }
    }
  }
  // After the listeners ran: a page too busy to run them does not acknowledge, and main then
  // sees it falling behind.
  ipcRenderer.send(ACK_CHANNEL);
});

const api = {
  send(request: ClientRequest): void {
    ipcRenderer.send(REQUEST_CHANNEL, request);
  },
  onMessage(listener: (message: HostMessage) => void): () => void {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  /** The path of a file dropped on the page (sandboxed pages see File objects, not paths). */
  getPathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
};

contextBridge.exposeInMainWorld('loopscope', api);

export type LoopscopeApi = typeof api;
