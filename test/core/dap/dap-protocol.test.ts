// The adapter against clients that get the protocol wrong (bad frames, unknown commands,
// requests out of order), over a port, and with the README's launch configurations.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import { MAX_FRAME_BYTES } from '../../../core/dap/framing.js';
import { BIN, Client, lineOf, programFile, startServer } from './dap-client.js';

const ROOT = resolve(import.meta.dirname, '../../..');

/** A client that writes whatever bytes it is given and reads frames back. */
class RawClient {
  readonly messages: DebugProtocol.ProtocolMessage[] = [];
  private buffer = Buffer.alloc(0);
  private waiters: Array<() => void> = [];
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const match = /^Content-Length: (\d+)\r\n\r\n/.exec(this.buffer.toString('latin1', 0, Math.min(this.buffer.length, 64)));
        if (!match || this.buffer.length < match[0].length + Number(match[1])) break;
        const body = this.buffer.subarray(match[0].length, match[0].length + Number(match[1]));
        this.buffer = this.buffer.subarray(match[0].length + Number(match[1]));
        this.messages.push(JSON.parse(body.toString('utf8')) as DebugProtocol.ProtocolMessage);
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.exited = new Promise((done) => child.once('exit', (code) => done(code)));
  }

  write(bytes: string | Buffer): void {
    this.child.stdin!.write(bytes);
  }

  request(seq: number, command: string, args?: unknown): void {
    const body = JSON.stringify({ seq, type: 'request', command, ...(args !== undefined ? { arguments: args } : {}) });
    this.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  async response(seq: number): Promise<DebugProtocol.Response> {
    return this.wait((m): m is DebugProtocol.Response => m.type === 'response' && (m as DebugProtocol.Response).request_seq === seq);
  }

  async console(n: number): Promise<string> {
    const outputs = () => this.messages.filter((m) => m.type === 'event' && (m as DebugProtocol.Event).event === 'output');
    await this.wait(() => outputs().length > n);
    return (outputs()[n] as DebugProtocol.OutputEvent).body.output;
  }

  private async wait<T extends DebugProtocol.ProtocolMessage>(predicate: (m: DebugProtocol.ProtocolMessage) => boolean): Promise<T> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const found = this.messages.find(predicate);
      if (found) return found as T;
      // A hang says what did arrive.
      if (Date.now() > deadline) throw new Error(`not received; got ${JSON.stringify(this.messages).slice(-1500)}`);
      await new Promise<void>((wake) => {
        this.waiters.push(wake);
        setTimeout(wake, 1000);
      });
    }
  }
}

let client: Client | undefined;
const children: ChildProcess[] = [];
afterEach(async () => {
  await client?.stop();
  client = undefined;
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill();
});

describe('a client that gets the protocol wrong', () => {
  it('gets an error or a console note for each bad frame and request, and the adapter goes on', async () => {
    const child = spawn(BIN, ['dap'], { stdio: ['pipe', 'pipe', 'pipe'] });
    children.push(child);
    const raw = new RawClient(child);
    raw.write('Content-Length: abc\r\n\r\n{"seq":1}');
    expect(await raw.console(0)).toMatch(/ignored a malformed message: Content-Length is not a byte count: "abc"/);
    raw.write('Content-Length: 5\r\n\r\nnot j');
    expect(await raw.console(1)).toMatch(/the message is not JSON/);
    raw.write('Content-Length: 5\r\n\r\n[1,2]');
    expect(await raw.console(2)).toMatch(/not a request/);
    raw.write('Content-Type: text\r\n\r\n');
    expect(await raw.console(3)).toMatch(/a header without Content-Length/);
    raw.write('x'.repeat(9000));
    expect(await raw.console(4)).toMatch(/no end of header/);
    // A body over the limit is skipped as it comes, not kept; the frame after it is read.
    raw.write(`Content-Length: ${MAX_FRAME_BYTES + 1}\r\n\r\n`);
    expect(await raw.console(5)).toMatch(/over the limit/);
    raw.write(Buffer.alloc(MAX_FRAME_BYTES + 1, 0x20));
    const noCommand = '{"seq":7,"type":"request","x":1}';
    raw.write(`Content-Length: ${noCommand.length}\r\n\r\n${noCommand}`);
    expect(await raw.response(7)).toMatchObject({ success: false, message: expect.stringMatching(/malformed request: command:/) });

    raw.request(8, 'frobnicate');
    expect(await raw.response(8)).toMatchObject({ success: false, command: 'frobnicate', message: "unsupported request 'frobnicate' (Loopscope's adapter does not do it)" });
    // Out of order: before initialize and launch.
    raw.request(9, 'launch', { program: '/tmp/x.py' });
    expect((await raw.response(9)).message).toBe('launch: send initialize first');
    raw.request(10, 'threads');
    expect(await raw.response(10)).toMatchObject({ success: true, body: { threads: [] } });
    for (const [seq, command, args] of [[11, 'stackTrace', { threadId: 1 }], [12, 'continue', { threadId: 1 }], [13, 'evaluate', { expression: '1' }],
      [14, 'variables', { variablesReference: 5 }], [15, 'pause', { threadId: 1 }], [16, 'terminateThreads', { threadIds: [1] }]] as const) {
      raw.request(seq, command, args);
      expect(await raw.response(seq)).toMatchObject({ success: false, message: expect.stringMatching(/no program is running: launch one first/) });
    }
    raw.request(17, 'setBreakpoints');
    expect((await raw.response(17)).message).toMatch(/^setBreakpoints: invalid arguments \(source: expected a source with a path/);
    raw.request(18, 'next', { threadId: 'one' });
    expect((await raw.response(18)).message).toMatch(/^next: invalid arguments \(threadId: /);
    raw.request(19, 'initialize', { adapterID: 'raw', pathFormat: 'uri' });
    expect((await raw.response(19)).message).toMatch(/pathFormat "uri" is not supported/);

    // A request cut into single bytes still arrives whole; the adapter never stopped answering.
    const body = JSON.stringify({ seq: 20, type: 'request', command: 'initialize', arguments: { adapterID: 'raw', pathFormat: 'path' } });
    for (const byte of Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)) raw.write(Buffer.from([byte]));
    expect(await raw.response(20)).toMatchObject({ success: true, body: { supportsConfigurationDoneRequest: true, supportsStepBack: true } });
    raw.request(21, 'initialize', { adapterID: 'raw', pathFormat: 'path' });
    expect((await raw.response(21)).message).toBe('initialize: the session is already initialized');
    raw.request(22, 'configurationDone');
    expect((await raw.response(22)).success).toBe(true);
    raw.request(23, 'disconnect', {});
    expect((await raw.response(23)).success).toBe(true);
    expect(await raw.exited).toBe(0);
  });

  it('ends its session when the client goes away without a word', async () => {
    const child = spawn(BIN, ['dap'], { stdio: ['pipe', 'pipe', 'pipe'] });
    children.push(child);
    const raw = new RawClient(child);
    raw.request(1, 'initialize', { adapterID: 'raw', pathFormat: 'path' });
    await raw.response(1);
    child.stdin!.end();
    expect(await raw.exited).toBe(0);
  });
});

describe('loopscope dap --port', () => {
  it('serves sessions on 127.0.0.1 only, one after another, and stops on SIGTERM', async () => {
    const server = await startServer();
    children.push(server.child);
    const external = Object.values(networkInterfaces()).flat().find((address) => address && address.family === 'IPv4' && !address.internal);
    if (external) {
      const refused = await new Promise<string>((done) => {
        const socket = connect(server.port, external.address);
        socket.once('connect', () => { socket.destroy(); done('connected'); });
        socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? 'error'));
      });
      expect(refused).toBe('ECONNREFUSED');
    }
    for (const value of [1, 2]) {
      client = await Client.port(server.port);
      const source = `import asyncio\nasync def main():\n    x = ${value}\n    print("x is", x)  # PRINT\nasyncio.run(main())\n`;
      const program = programFile('served.py', source);
      await client.launch({ program }, { [program]: [{ line: lineOf(source, '# PRINT') }] });
      const stopped = await client.stopped(0);
      expect(await client.evaluate('x * 10')).toBe(String(value * 10));
      await client.dc.continueRequest({ threadId: stopped.body.threadId! });
      expect((await client.event<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(0);
      expect(client.output('stdout')).toBe(`x is ${value}\n`);
      await client.stop();
      client = undefined;
    }
    const exited = new Promise<number | null>((done) => server.child.once('exit', (code) => done(code)));
    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('keeps two sessions at once apart, each with its own program', async () => {
    const server = await startServer();
    children.push(server.child);
    const clients = await Promise.all([Client.port(server.port), Client.port(server.port)]);
    try {
      const sources = ['alpha', 'beta'].map((name) => `import asyncio\nasync def main():\n    who = "${name}"\n    print(who)  # PRINT\nasyncio.run(main())\n`);
      const programs = sources.map((text, i) => programFile(`session${i}.py`, text));
      await Promise.all(clients.map((c, i) => c.launch({ program: programs[i] }, { [programs[i]!]: [{ line: lineOf(sources[i]!, '# PRINT') }] })));
      const stops = await Promise.all(clients.map((c) => c.stopped(0)));
      expect(await Promise.all(clients.map((c) => c.evaluate('who')))).toEqual(["'alpha'", "'beta'"]);
      await Promise.all(clients.map((c, i) => c.dc.continueRequest({ threadId: stops[i]!.body.threadId! })));
      expect(await Promise.all(clients.map(async (c) => (await c.event<DebugProtocol.ExitedEvent>('exited')).body.exitCode))).toEqual([0, 0]);
      expect(clients.map((c) => c.output('stdout'))).toEqual(['alpha\n', 'beta\n']);
    } finally {
      await Promise.all(clients.map((c) => c.stop()));
    }
  });

  it('refuses a bad port, a port in use, and other arguments, with exit status 2', async () => {
    const run = (...args: string[]) => spawnSync(BIN, ['dap', ...args], { encoding: 'utf8', input: '' });
    expect(run('--port', '70000')).toMatchObject({ status: 2, stderr: expect.stringContaining('--port needs a port number (0 to 65535), got 70000') });
    expect(run('--port')).toMatchObject({ status: 2, stderr: expect.stringContaining('--port needs an integer, got nothing') });
    expect(run('prog.py')).toMatchObject({ status: 2, stderr: expect.stringContaining('unexpected argument of dap: prog.py') });
    const server = await startServer();
    children.push(server.child);
    expect(run('--port', String(server.port))).toMatchObject({ status: 2, stderr: expect.stringContaining(`cannot listen on 127.0.0.1:${server.port}: EADDRINUSE`) });
  });
});

describe("the README's editor configurations", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Debug Adapter Protocol'));
  const source = 'import asyncio\nasync def main():\n    await asyncio.sleep(1)\n    print("slept")  # AFTER\nasyncio.run(main())\n';

  async function runWith(config: Record<string, unknown>): Promise<void> {
    const program = programFile('snippet.py', source);
    const args = JSON.parse(JSON.stringify(config).replaceAll('${file}', program)) as Record<string, unknown>;
    expect(args).toMatchObject({ type: 'loopscope', request: 'launch', program });
    await client!.launch(args, { [program]: [{ line: lineOf(source, '# AFTER') }] });
    const stopped = await client!.stopped(0);
    expect(await client!.top(stopped.body.threadId!)).toMatchObject({ line: lineOf(source, '# AFTER'), source: { path: program } });
    await client!.dc.continueRequest({ threadId: stopped.body.threadId! });
    expect((await client!.event<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(0);
    expect(client!.output('stdout')).toBe('slept\n');
  }

  it('VS Code: the launch.json configuration, through the stub extension\'s adapter', async () => {
    const block = /```jsonc\n([\s\S]*?)```/.exec(section)![1]!;
    const launchJson = JSON.parse(block.replace(/\/\/.*$/gm, '')) as { configurations: Array<Record<string, unknown>> };
    const extension = JSON.parse(readFileSync(join(ROOT, 'extensions/vscode/package.json'), 'utf8'));
    const debuggerSpec = extension.contributes.debuggers[0];
    expect(debuggerSpec.type).toBe(launchJson.configurations[0]!.type);
    // As VS Code starts it: `runtime program`, from the extension's folder.
    const adapter = new DebugClient(debuggerSpec.runtime, join(ROOT, 'extensions/vscode', debuggerSpec.program), 'loopscope');
    client = new Client(adapter);
    await adapter.start();
    await runWith(launchJson.configurations[0]!);
  });

  it('nvim-dap: the adapter command and the configuration', async () => {
    const lua = /```lua\n([\s\S]*?)```/.exec(section)![1]!;
    expect(/command = '([^']+)'/.exec(lua)![1]).toBe('loopscope');
    expect(/args = \{ '([^']+)' \}/.exec(lua)![1]).toBe('dap');
    const table = /table\.insert\(dap\.configurations\.python, \{([\s\S]*?)\}\)/.exec(lua)![1]!;
    const config = Object.fromEntries([...table.matchAll(/(\w+) = ('([^']*)'|true|false)/g)]
      .map((m) => [m[1]!, m[3] ?? m[2] === 'true']));
    // `loopscope` on the PATH is this checkout's bin/loopscope.js (what `npm link` makes).
    client = await Client.stdio();
    await runWith(config);
  });
});
