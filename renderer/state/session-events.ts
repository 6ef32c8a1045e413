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
