// The host's side of an isolation test: things a program that got out would change, watched
// from outside the engine. A folder (new files in it, or in the engine's and the test's working
// folders), a TCP listener and a UDP socket on 127.0.0.1 (connections, datagrams), SIGUSR2 of
// this process (signals), and secrets that must not appear in the program's output (a file's
// contents, a file's name, a value in this process's environment).
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Target } from './hostile-programs.js';

export const CANARY_VARIABLE = 'LOOPSCOPE_ISOLATION_CANARY';

export interface Escapes {
  files: string[];
  connections: number;
  datagrams: number;
  signals: number;
  leaked: string[];
}

export class HostWitness {
  readonly target: Target;
  private readonly server: Server;
  private readonly udp: UdpSocket;
  private readonly watched: string[];
  private readonly before = new Map<string, Set<string>>();
  private connections = 0;
  private datagrams = 0;
  private signals = 0;
  private readonly onSignal = () => {
    this.signals++;
  };

  private constructor(target: Target, server: Server, udp: UdpSocket, watched: string[]) {
    this.target = target;
    this.server = server;
    this.udp = udp;
    this.watched = [target.dir, ...watched];
    server.on('connection', (socket) => {
      this.connections++;
      socket.destroy();
    });
    udp.on('message', () => {
      this.datagrams++;
    });
    process.on('SIGUSR2', this.onSignal);
    for (const dir of this.watched) this.before.set(dir, new Set(list(dir)));
  }

  /** @param watched more folders in which no file may appear (the engine's working folder). */
  static async start(watched: string[] = []): Promise<HostWitness> {
    const dir = mkdtempSync(join(tmpdir(), 'loopscope-escape-target-'));
    const secret = randomBytes(12).toString('hex');
    const hiddenName = `hidden-${randomBytes(6).toString('hex')}`;
    const secretFile = join(dir, 'secret.txt');
    writeFileSync(secretFile, `${secret}\n`);
    writeFileSync(join(dir, hiddenName), 'x');
    const canary = `canary-${randomBytes(12).toString('hex')}`;
    process.env[CANARY_VARIABLE] = canary;
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const udp = createSocket('udp4');
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    const tcpPort = (server.address() as { port: number }).port;
    const target: Target = { dir, secretFile, secret, hiddenName, tcpPort, udpPort: udp.address().port, hostPid: process.pid, canary };
    return new HostWitness(target, server, udp, [process.cwd(), ...watched]);
  }

  /** What got out since the start (or the last reset), judged from outside. */
  escapes(output: string): Escapes {
    const files: string[] = [];
    for (const dir of this.watched) {
      const seen = this.before.get(dir)!;
      // In the target folder any new file; elsewhere (folders other tests use too) the names
      // the programs use.
      const ours = (name: string) => dir === this.target.dir || /escaped|cmd-/.test(name);
      for (const name of list(dir)) if (!seen.has(name) && ours(name)) files.push(join(dir, name));
    }
    const { secret, hiddenName, canary } = this.target;
    const leaked = [secret, hiddenName, canary].filter((value) => output.includes(value));
    return { files, connections: this.connections, datagrams: this.datagrams, signals: this.signals, leaked };
  }

  async stop(): Promise<void> {
    process.off('SIGUSR2', this.onSignal);
    delete process.env[CANARY_VARIABLE];
    await new Promise((resolve) => this.server.close(resolve));
    this.udp.close();
    rmSync(this.target.dir, { recursive: true, force: true });
  }
}

export const NOTHING_ESCAPED: Escapes = { files: [], connections: 0, datagrams: 0, signals: 0, leaked: [] };

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
