// `loopscope dap`: the adapter over stdio (an editor starts it, one session), or with --port a
// server on 127.0.0.1 that takes any number of sessions, one after another or at once.
import { createServer, type Server, type Socket } from 'node:net';
import { serveConnection } from './connection.js';
import type { DapSessionOptions } from './session.js';

export const DAP_HOST = '127.0.0.1';

export interface DapServer {
  port: number;
  /** Stop listening, end every session (their programs are stopped). */
  close(): Promise<void>;
}

/** Serve DAP on stdin/stdout until the client disconnects or goes away. */
export async function serveStdio(options: DapSessionOptions = {}): Promise<void> {
  const end = () => process.stdin.destroy();
  process.once('SIGINT', end);
  process.once('SIGTERM', end);
  try {
    await serveConnection(process.stdin, process.stdout, { session: options });
  } finally {
    process.off('SIGINT', end);
    process.off('SIGTERM', end);
    process.stdin.destroy();
  }
}

/** Listen on 127.0.0.1:port (0: any free port); never on another interface. */
export function listenDap(port: number, options: DapSessionOptions = {}): Promise<DapServer> {
  const sockets = new Set<Socket>();
  const sessions = new Set<Promise<void>>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const served = serveConnection(socket, socket, { session: options, endOutput: true }).finally(() => {
      sockets.delete(socket);
      sessions.delete(served);
    });
    sessions.add(served);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, DAP_HOST, () => {
      server.off('error', reject);
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : port,
        close: async () => {
          const closed = new Promise<void>((done) => server.close(() => done()));
          for (const socket of sockets) socket.destroy();
          await Promise.all([closed, ...sessions]);
        },
      });
    });
  });
}

/** The command: stdio, or a server until SIGINT/SIGTERM. Returns the exit status. `say`
 * prints the server's address (stdout), `complain` what went wrong (stderr). */
export async function dapCommand(port: number | undefined, say: (line: string) => void, complain: (line: string) => void): Promise<number> {
  if (port === undefined) {
    await serveStdio();
    return 0;
  }
  let server: DapServer;
  try {
    server = await listenDap(port);
  } catch (error) {
    complain(`loopscope: cannot listen on ${DAP_HOST}:${port}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return 2;
  }
  say(`Loopscope debug adapter listening on ${DAP_HOST}:${server.port}`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}
