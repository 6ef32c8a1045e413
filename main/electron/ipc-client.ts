// A window as a HostSession client. Electron's IPC gives no measure of what a renderer has not
// yet taken, so the preload acknowledges each message after its listeners ran: a renderer whose
// thread is busy stops acknowledging, its backlog grows, and HostSession stops streaming to it
// until it catches up (then sends one fresh full state).
import type { HostMessage } from '../../core/protocol/client.js';
import type { HostClient } from '../../core/session/host-session.js';

export interface MessageSink {
  isDestroyed(): boolean;
  send(channel: string, json: string): void;
}

export class IpcClient implements HostClient {
  private readonly unacknowledged: number[] = [];
  private unacknowledgedBytes = 0;

  constructor(private readonly sink: MessageSink, private readonly channel: string) {}

  send(message: HostMessage): void {
    if (this.sink.isDestroyed()) throw new Error('the window is closed');
    const json = JSON.stringify(message);
    this.unacknowledged.push(json.length);
    this.unacknowledgedBytes += json.length;
    this.sink.send(this.channel, json);
  }

  backlog(): number {
    return this.unacknowledgedBytes;
  }

  /** The renderer took the oldest message not yet acknowledged. */
  acknowledge(): void {
    const size = this.unacknowledged.shift();
    if (size !== undefined) this.unacknowledgedBytes -= size;
  }

  /** The page was reloaded: what the old page never took will never be acknowledged. */
  reset(): void {
    this.unacknowledged.length = 0;
    this.unacknowledgedBytes = 0;
  }
}
