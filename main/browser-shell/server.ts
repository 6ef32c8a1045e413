// The browser shell: a Node HTTP server that serves the built renderer and speaks the client
// protocol over a WebSocket (JSON text frames: ClientRequest in, HostMessage out), so the same
// UI runs in any browser. It can run any program on this machine on behalf of whoever reaches
// it, so it is locked to this user: loopback only, a random token on every request and upgrade,
// the Host header checked (DNS rebinding) and the Origin of an upgrade checked (cross-site pages).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_CLIENT_MESSAGE_BYTES, type HostMessage } from '../../core/protocol/client.js';
import type { HostClient, HostSession, HostSessionOptions } from '../../core/session/host-session.js';
import { createHostSession } from '../host-session.js';
import { CONTENT_TYPES, findRendererDir, staticFile } from '../static-files.js';

/** Where the renderer's WebSocket connects: same origin as the page. */
export const WEBSOCKET_PATH = '/ws';
/** Frames a little over the protocol's limit are read and answered with an error; past this,
 * ws stops reading and closes the connection (1009), or a client could make us buffer without
 * bound. */
const MAX_FRAME_BYTES = MAX_CLIENT_MESSAGE_BYTES + 1024 * 1024;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export interface BrowserShellOptions {
  /** 0 = any free port. */
  port: number;
  /** A program to open at start. */
  file?: string;
  /** A recording (.loopscope) to open at start: its run is the session. */
  recording?: string;
  /** A loopback address; anything else is refused. */
  host?: string;
  /** The built renderer (index.html + assets); default: dist/renderer beside this bundle. */
  rendererDir?: string;
  /** The token; default: 32 random bytes. For tests that need to know it in advance. */
  token?: string;
  session?: HostSessionOptions;
}

export interface BrowserShell {
  /** The page's address, token included: what the user opens. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly session: HostSession;
  /** Clients connected over the WebSocket now. */
  connections(): number;
  close(): Promise<void>;
}

/** The page's Content-Security-Policy. CodeMirror puts its styles in <style> elements (style-mod
 * uses adoptedStyleSheets only for shadow roots), hence 'unsafe-inline' for styles, and only
 * for styles: no inline script, no eval, nothing from elsewhere. */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function sameSecret(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookies(request: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) out.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return out;
}

export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`the browser shell listens on a loopback address only (127.0.0.1, ::1 or localhost), not ${host}`);
  const token = options.token ?? randomBytes(32).toString('base64url');
  const rendererDir = options.rendererDir ?? findRendererDir();
  const session = createHostSession(options.session);
  const sockets = new Set<WebSocket>();
  // The port is known only once listening (with port 0), so the checks read it late.
  let port = options.port;
  const cookieName = () => `loopscope_token_${port}`;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`]);

  try {
    if (options.file) session.openPath(options.file);
    if (options.recording) await session.openRecording(options.recording);
  } catch (error) {
    await session.dispose();
    throw error;
  }

  /** Why the request is refused, or undefined if it may go on. */
  const refusal = (request: IncomingMessage, url: URL): { status: number; message: string } | undefined => {
    if (!allowedHosts().has((request.headers.host ?? '').toLowerCase())) {
      return { status: 403, message: 'This host name is not allowed: open Loopscope at 127.0.0.1 or localhost (DNS rebinding protection).' };
    }
    const given = url.searchParams.get('token') ?? cookies(request).get(cookieName());
    if (!sameSecret(given ?? undefined, token)) {
      return { status: 403, message: 'Missing or wrong token: open the address that `loopscope serve` printed, token included.' };
    }
    return undefined;
  };

  const securityHeaders = (): Record<string, string> => ({
    'Content-Security-Policy': contentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    // The page's address carries the token: never hand it to anyone in a Referer.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  });

  const answer = (response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) => {
    response.writeHead(status, { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
    response.end(`${text}\n`);
  };

  const server = createServer((request, response) => {
    const url = parseUrl(request);
    if (!url) return answer(response, 400, 'Malformed request address.');
    const refused = refusal(request, url);
    if (refused) return answer(response, refused.status, refused.message);
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(response, 405, 'Only GET and HEAD are served.', { Allow: 'GET, HEAD' });
    // The token came in the address: keep it in a cookie for the page's scripts, styles and socket.
    const setCookie = url.searchParams.has('token')
      ? { 'Set-Cookie': `${cookieName()}=${token}; Path=/; HttpOnly; SameSite=Strict` }
      : undefined;
    if (!rendererDir) return answer(response, 503, "Loopscope's UI is not built here (dist/renderer/index.html is missing): run `npm run build`.", setCookie);
    const file = staticFile(rendererDir, url.pathname);
    if (!file) return answer(response, 404, `Not found: ${url.pathname}`, setCookie);
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      return answer(response, 404, `Not found: ${url.pathname}`, setCookie);
    }
    response.writeHead(200, {
      ...securityHeaders(),
      ...setCookie,
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': String(body.length),
      // The page is rebuilt in place; hashed assets would not need this, but nothing here is big.
      'Cache-Control': 'no-cache',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  });

  const refuseUpgrade = (socket: Duplex, status: number, message: string) => {
    const reason = status === 403 ? 'Forbidden' : status === 404 ? 'Not Found' : 'Bad Request';
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(message) + 1}\r\n\r\n${message}\n`);
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy());
    const url = parseUrl(request);
    if (!url) return refuseUpgrade(socket, 400, 'Malformed request address.');
    const refused = refusal(request, url);
    if (refused) return refuseUpgrade(socket, refused.status, refused.message);
    // Browsers always send Origin on a WebSocket upgrade, and a page cannot forge it: a
    // cross-site page (even on another port of this host, which shares our cookie) is refused
    // here. A client without one is not a browser page, and the token is proof enough.
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin.toLowerCase())) {
      return refuseUpgrade(socket, 403, `WebSocket from origin ${origin} refused: only Loopscope's own page may connect.`);
    }
    if (url.pathname !== WEBSOCKET_PATH) return refuseUpgrade(socket, 404, `No WebSocket endpoint at ${url.pathname}; use ${WEBSOCKET_PATH}.`);
    wss.handleUpgrade(request, socket, head, (ws) => connect(ws));
  });

  const connect = (ws: WebSocket) => {
    sockets.add(ws);
    const client: HostClient = {
      send(message: HostMessage) {
        if (ws.readyState !== ws.OPEN) throw new Error('the WebSocket is closed');
        ws.send(JSON.stringify(message));
      },
      backlog: () => ws.bufferedAmount,
    };
    const detach = session.attach(client);
    const error = (text: string) => client.send({ type: 'response', id: 0, ok: false, error: text });
    ws.on('message', (data, isBinary) => {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      if (isBinary) return error('binary frames are not understood: send each request as a JSON text frame');
      if (bytes.length > MAX_CLIENT_MESSAGE_BYTES) {
        return error(`message too large: ${bytes.length} bytes (the limit is ${MAX_CLIENT_MESSAGE_BYTES})`);
      }
      void session.receiveText(client, bytes.toString('utf8'));
    });
    // A protocol error (bad frame, oversized frame) closes this connection, never the server.
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      sockets.delete(ws);
      detach();
    });
  };

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  }).catch(async (error: unknown) => {
    await session.dispose();
    throw error;
  });
  port = (server.address() as AddressInfo).port;
  const urlHost = host === '::1' ? '[::1]' : host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}/?token=${token}`,
    port,
    token,
    session,
    connections: () => sockets.size,
    close() {
      closing ??= (async () => {
        for (const ws of sockets) ws.terminate();
        wss.close();
        await new Promise<void>((resolveClose) => {
          server.close(() => resolveClose());
          server.closeAllConnections();
        });
        await session.dispose();
      })();
      return closing;
    },
  };
}

function parseUrl(request: IncomingMessage): URL | undefined {
  const path = request.url ?? '/';
  // Only origin-form paths: "//evil/x" would otherwise parse as another host.
  if (!path.startsWith('/') || path.startsWith('//')) return undefined;
  try {
    return new URL(path, 'http://127.0.0.1');
  } catch {
    return undefined;
  }
}
