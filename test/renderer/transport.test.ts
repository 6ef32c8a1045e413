// The transports and the request/response client: ids, responses, validation, reconnects,
// and that every listener is let go.
import { describe, expect, it, vi } from 'vitest';
import { HostClient, HostRequestError } from '../../renderer/transport/host-client.js';
import { IpcTransport, type LoopscopeBridge } from '../../renderer/transport/ipc-transport.js';
import { WebSocketTransport, webSocketUrl, type WebSocketLike } from '../../renderer/transport/websocket-transport.js';
import type { HostMessage } from '../../core/protocol/client.js';
import { FakeHost } from './fake-host.js';

class FakeSocket implements WebSocketLike {
  readyState = 0;
  readonly sent: string[] = [];
  private readonly handlers = new Map<string, Array<(event: { data: unknown }) => void>>();
  addEventListener(type: string, listener: (event: { data: unknown }) => void): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), listener]);
  }
  send(data: string): void {
    this.sent.push(data);
  }
  close(): void {
    this.readyState = 3;
  }
  fire(type: 'open' | 'close' | 'message', data?: unknown): void {
    if (type === 'open') this.readyState = 1;
    if (type === 'close') this.readyState = 3;
    for (const handler of this.handlers.get(type) ?? []) handler({ data });
  }
}

describe('webSocketUrl', () => {
  it('is the page host, path /ws and the page token', () => {
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:4000', search: '?token=a+b/c' })).toBe('ws://127.0.0.1:4000/ws?token=a%20b%2Fc');
    expect(webSocketUrl({ protocol: 'https:', host: 'x', search: '' })).toBe('wss://x/ws?token=');
  });
});

describe('WebSocketTransport', () => {
  it('queues requests until the socket opens, then sends them in order', () => {
    const socket = new FakeSocket();
    const transport = new WebSocketTransport('ws://x/ws?token=t', () => socket);
    transport.send({ type: 'session.subscribe', id: 1 });
    transport.send({ type: 'examples.list', id: 2 });
    expect(socket.sent).toEqual([]);
    socket.fire('open');
    expect(socket.sent.map((data) => JSON.parse(data).id)).toEqual([1, 2]);
    transport.dispose();
  });

  it('delivers valid messages and reports invalid ones', () => {
    const socket = new FakeSocket();
    const errors: string[] = [];
    const transport = new WebSocketTransport('ws://x', () => socket, (error) => errors.push(error));
    const messages: HostMessage[] = [];
    const stop = transport.onMessage((message) => messages.push(message));
    socket.fire('open');
    socket.fire('message', JSON.stringify({ type: 'menu', action: 'Run' }));
    socket.fire('message', '{not json');
    socket.fire('message', JSON.stringify({ type: 'events', events: [{ type: 'output', stream: 'nowhere', text: '' }] }));
    expect(messages).toEqual([{ type: 'menu', action: 'Run' }]);
    expect(errors).toHaveLength(2);
    stop();
    socket.fire('message', JSON.stringify({ type: 'menu', action: 'Run' }));
    expect(messages).toHaveLength(1);
    transport.dispose();
  });

  it('reconnects after the socket drops', () => {
    vi.useFakeTimers();
    try {
      const sockets: FakeSocket[] = [];
      const transport = new WebSocketTransport('ws://x', () => {
        const socket = new FakeSocket();
        sockets.push(socket);
        return socket;
      });
      const statuses: string[] = [];
      transport.onStatus((status) => statuses.push(status));
      sockets[0]!.fire('open');
      sockets[0]!.fire('close');
      vi.advanceTimersByTime(1000);
      expect(sockets).toHaveLength(2);
      sockets[1]!.fire('open');
      expect(statuses).toEqual(['open', 'closed', 'connecting', 'open']);
      transport.dispose();
      sockets[1]!.fire('close');
      vi.advanceTimersByTime(5000);
      expect(sockets).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('IpcTransport', () => {
  it('forwards requests to the preload and validates what main sends', () => {
    const sent: unknown[] = [];
    let deliver: (message: unknown) => void = () => undefined;
    const bridge: LoopscopeBridge = {
      send: (request) => sent.push(request),
      onMessage: (listener) => {
        deliver = listener;
        return () => {
          deliver = () => undefined;
        };
      },
      getPathForFile: () => '/tmp/x.py',
    };
    const errors: string[] = [];
    const transport = new IpcTransport(bridge, (error) => errors.push(error));
    const received: HostMessage[] = [];
    const stop = transport.onMessage((message) => received.push(message));
    transport.send({ type: 'examples.list', id: 4 });
    deliver({ type: 'file.changed', path: '/a.py', deleted: false });
    deliver({ type: 'file.changed' });
    expect(sent).toEqual([{ type: 'examples.list', id: 4 }]);
    expect(received).toEqual([{ type: 'file.changed', path: '/a.py', deleted: false }]);
    expect(errors).toHaveLength(1);
    stop();
  });
});

describe('HostClient', () => {
  it('numbers requests and settles each with its response', async () => {
    const host = new FakeHost();
    host.handlers['examples.list'] = () => ({ ok: true, result: [{ name: 'a', title: 'A', path: '/a.py' }] });
    host.handlers['file.open'] = () => ({ ok: false, error: 'no such file' });
    const client = new HostClient(host);
    await expect(client.request({ type: 'examples.list' })).resolves.toEqual([{ name: 'a', title: 'A', path: '/a.py' }]);
    await expect(client.request({ type: 'file.open', path: '/nope.py' })).rejects.toThrow(new HostRequestError('file.open', 'no such file'));
    expect(host.sent.map((request) => request.id)).toEqual([1, 2]);
    expect(client.pendingCount).toBe(0);
    client.dispose();
    expect(host.listenerCount).toBe(0);
  });

  it('passes other messages to listeners, and rejects what is pending when disposed', async () => {
    const host = new FakeHost();
    host.handlers['session.run'] = () => 'hold';
    const client = new HostClient(host);
    const seen: string[] = [];
    client.onMessage((message) => seen.push(message.type));
    host.emit({ type: 'menu', action: 'Pause' });
    const run = client.request({ type: 'session.run', filename: 'x.py', source: '' });
    client.dispose();
    await expect(run).rejects.toThrow('the connection was closed');
    expect(seen).toEqual(['menu']);
  });
});
