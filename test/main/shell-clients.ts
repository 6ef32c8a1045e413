// Real clients of the browser shell for tests: raw HTTP (so that Host and the path go out as
// written) and the `ws` WebSocket client.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import WebSocket from 'ws';
import { HostMessage } from '../../core/protocol/client.js';
import type { EngineEvent } from '../../core/protocol/index.js';
import { MessageLog } from '../support/message-log.js';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export function rawGet(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const all: Record<string, string> = { Host: `127.0.0.1:${port}`, ...headers };
    // Host '' means: send none (Node would otherwise fill in its own).
    const setHost = all.Host !== '';
    if (!setHost) delete all.Host;
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers: all, setHost }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

export type Upgrade = { ok: true; client: ShellSocket } | { ok: false; status: number; body: string };

/** Open a WebSocket; resolves with the refusal's status instead of throwing when refused. */
export function connect(url: string, options: { origin?: string; headers?: Record<string, string> } = {}): Promise<Upgrade> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { ...(options.origin ? { origin: options.origin } : {}), headers: options.headers ?? {} });
    const client = new ShellSocket(ws);
    ws.once('open', () => resolve({ ok: true, client }));
    ws.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ ok: false, status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    ws.once('error', reject);
  });
}

type Response = Extract<HostMessage, { type: 'response' }>;

export class ShellSocket extends MessageLog {
  /** Frames that were not valid HostMessages (there should be none). */
  readonly invalid: string[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(readonly ws: WebSocket) {
    super();
    ws.on('message', (data) => {
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
      const parsed = HostMessage.safeParse(JSON.parse(text));
      if (parsed.success) this.record(parsed.data);
      else {
        this.invalid.push(text.slice(0, 200));
        this.record();
      }
    });
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      this.record();
    }));
  }

  send(value: unknown): void {
    this.ws.send(typeof value === 'string' ? value : JSON.stringify(value));
  }

  responses(): Response[] {
    return this.messages.filter((m): m is Response => m.type === 'response');
  }

  response(id: number): Promise<Response> {
    return this.waitFor((ms) => ms.find((m): m is Response => m.type === 'response' && m.id === id), `response ${id}`);
  }

  events(): EngineEvent[] {
    return this.messages.flatMap((m) => (m.type === 'events' ? m.events : []));
  }

  close(): Promise<unknown> {
    this.ws.close();
    return this.closed;
  }
}
