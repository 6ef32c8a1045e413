// What the lifecycle machine needs to hear from the host's messages. The session store reads
// the same messages for data; this reads them for transitions.
import type { SessionStatus } from '../../core/model/index.js';
import type { Notification } from '../transport/host-client.js';
import type { SessionMachineEvent } from '../session.machine.js';

export function machineEventsFor(message: Notification, syncedStatus?: SessionStatus): SessionMachineEvent[] {
  if (message.type === 'state.full') return syncedStatus ? [{ type: 'SYNC', status: syncedStatus }] : [];
  if (message.type !== 'events') return [];
  const out: SessionMachineEvent[] = [];
  for (const event of message.events) {
    switch (event.type) {
      case 'engine.ready':
        out.push({ type: 'ENGINE.READY' });
        break;
      case 'paused':
      case 'travel.arrived':
        out.push({ type: 'ENGINE.PAUSED' });
        break;
      case 'resumed':
        out.push({ type: 'ENGINE.RESUMED' });
        break;
      case 'exit':
        out.push({ type: 'ENGINE.EXITED', crashed: event.reason === 'crashed' });
        break;
    }
  }
  return out;
}

/** The engine's warning that an embedded run died of what the embedded engine lacks (a module,
 * a socket, a server): the run could go on in native mode. */
export const NATIVE_MODE_SUGGESTED = 'NativeModeSuggested';

/** What native mode hears in a batch: that a run started, and the engine's offer of native
 * mode (its words), if it made one. Null when the message says neither. */
export function nativeModeNews(message: Notification): { started: boolean; suggestion: string | null } | null {
  if (message.type !== 'events') return null;
  let started = false;
  let suggestion: string | null = null;
  for (const event of message.events) {
    if (event.type === 'engine.ready') {
      started = true;
      suggestion = null;
    } else if (event.type === 'warning' && event.category === NATIVE_MODE_SUGGESTED) {
      suggestion = event.message;
    }
  }
  return started || suggestion !== null ? { started, suggestion } : null;
}
