// A client of HostSession for tests: keeps every message it is sent (checked against the
// protocol, after a JSON round trip as on a wire) and waits on predicates, never on sleeps.
import { HostMessage } from '../../../core/protocol/client.js';
import type { EngineEvent } from '../../../core/protocol/index.js';
import { applyEvents, initialState, type SessionState } from '../../../core/model/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { HostSession, type HostClient } from '../../../core/session/host-session.js';
import { MessageLog } from '../../support/message-log.js';

type Response = Extract<HostMessage, { type: 'response' }>;

export class RecordingClient extends MessageLog implements HostClient {
  /** What backlog() reports: set it to play a client that has fallen behind. */
  backlogBytes = 0;

  send(message: HostMessage): void {
    this.record(HostMessage.parse(JSON.parse(JSON.stringify(message))));
  }

  backlog(): number {
    return this.backlogBytes;
  }

  response(id: number): Promise<Response> {
    return this.waitFor((messages) => messages.find((m): m is Response => m.type === 'response' && m.id === id), `response ${id}`);
  }

  events(): EngineEvent[] {
    return this.messages.flatMap((m) => (m.type === 'events' ? m.events : []));
  }

  exit(): Promise<Extract<EngineEvent, { type: 'exit' }>> {
    return this.waitFor(() => this.events().find((e): e is Extract<EngineEvent, { type: 'exit' }> => e.type === 'exit'), 'exit');
  }

  stdout(): string {
    return this.events().flatMap((e) => (e.type === 'output' && e.stream === 'stdout' ? [e.text] : [])).join('');
  }

  /** The session state as this client's reducer sees it: the last full state plus the events
   * that came after it. */
  replayedState(): SessionState {
    let state = initialState();
    for (const message of this.messages) {
      if (message.type === 'state.full') state = message.state as SessionState;
      if (message.type === 'events') state = applyEvents(state, message.events);
    }
    return state;
  }

  clear(): void {
    this.messages.length = 0;
  }
}

/** A HostSession (with a real engine) and a scratch folder for the tests of one file or block,
 * with clients and requests numbered across them. */
export function useHostSession(folderPrefix: string) {
  let host: HostSession | undefined;
  let dir = '';
  let nextId = 1;
  beforeAll(() => {
    host = new HostSession();
    dir = mkdtempSync(join(tmpdir(), folderPrefix));
  });
  afterAll(async () => {
    await host?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  const hosted = {
    get host(): HostSession {
      if (!host) throw new Error('the host session is not open');
      return host;
    },
    get dir(): string {
      return dir;
    },
    client(): RecordingClient & { dispose: () => void } {
      const recording = new RecordingClient();
      return Object.assign(recording, { dispose: hosted.host.attach(recording) });
    },
    async request(to: RecordingClient, body: Record<string, unknown>) {
      const id = nextId++;
      await hosted.host.receive(to, { id, ...body });
      return to.response(id);
    },
  };
  return hosted;
}
