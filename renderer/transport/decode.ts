// The boundary check for what the host sends: a message that does not match the protocol is
// reported, never handed to the model half-read.
import { HostMessage } from '../../core/protocol/client.js';

export type Decoded = { ok: true; message: HostMessage } | { ok: false; error: string };

export function decodeHostMessage(data: unknown): Decoded {
  let value = data;
  if (typeof data === 'string') {
    try {
      value = JSON.parse(data);
    } catch {
      return { ok: false, error: 'the host sent a message that is not JSON' };
    }
  }
  const parsed = HostMessage.safeParse(value);
  if (!parsed.success) return { ok: false, error: `the host sent an invalid message: ${parsed.error.message.slice(0, 300)}` };
  return { ok: true, message: parsed.data };
}
