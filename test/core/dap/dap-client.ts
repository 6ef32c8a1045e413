// Drives the real `loopscope dap` (dist/, from `npm run build`) with @vscode/debugadapter-
// testsupport's DebugClient, a DAP client written by others: over stdio, or over a port.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { expect } from 'vitest';

export const BIN = resolve(import.meta.dirname, '../../../bin/loopscope.js');
/** The engine loads in seconds and the machine is shared: DebugClient's 5 s is too short. Under
 * the test timeout, so that a wait that fails says what did arrive. */
const TIMEOUT_MS = 45_000;
const EVENTS = ['initialized', 'stopped', 'continued', 'output', 'exited', 'terminated'];

export function programFile(name: string, source: string, dir = mkdtempSync(join(tmpdir(), 'loopscope-dap-'))): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}

export function lineOf(source: string, marker: string): number {
  const index = source.split('\n').findIndex((line) => line.includes(marker));
  if (index < 0) throw new Error(`no line with ${marker}`);
  return index + 1;
}

/** A DebugClient with every event it receives kept, so that none is missed between waits. */
export class Client {
  readonly dc: DebugClient;
  readonly events: DebugProtocol.Event[] = [];
  private waiters: Array<() => void> = [];

  constructor(dc: DebugClient) {
    this.dc = dc;
    dc.defaultTimeout = TIMEOUT_MS;
    for (const name of EVENTS) {
      dc.on(name, (event: DebugProtocol.Event) => {
        this.events.push(event);
        for (const wake of this.waiters.splice(0)) wake();
      });
    }
  }

  /** Over stdio: DebugClient spawns `bin/loopscope.js dap` (its runtime is the script). */
  static async stdio(): Promise<Client> {
    const client = new Client(new DebugClient(BIN, 'dap', 'loopscope'));
    await client.dc.start();
    return client;
  }

  static async port(port: number): Promise<Client> {
    const client = new Client(new DebugClient('unused', 'unused', 'loopscope'));
    await client.dc.start(port);
    return client;
  }

  /** The n-th (0-based) event of a kind, waiting for it if need be. */
  async event<T extends DebugProtocol.Event = DebugProtocol.Event>(name: string, n = 0): Promise<T> {
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      const found = this.events.filter((event) => event.event === name)[n];
      if (found) return found as T;
      if (Date.now() > deadline) throw new Error(`no ${name} event #${n}; got ${this.events.map((e) => e.event).join(', ')}`);
      await new Promise<void>((wake) => {
        this.waiters.push(wake);
        setTimeout(wake, 1000);
      });
    }
  }

  stopped(n: number): Promise<DebugProtocol.StoppedEvent> {
    return this.event<DebugProtocol.StoppedEvent>('stopped', n);
  }

  output(category: string): string {
    return this.events.filter((e) => e.event === 'output' && e.body.category === category).map((e) => e.body.output).join('');
  }

  /** initialize, launch, and the configuration an editor sends on `initialized`. */
  async launch(args: Record<string, unknown>, breakpoints: Record<string, DebugProtocol.SourceBreakpoint[]> = {},
    filters?: DebugProtocol.SetExceptionBreakpointsArguments): Promise<Record<string, DebugProtocol.Breakpoint[]>> {
    const capabilities = await this.dc.initializeRequest();
    expect(capabilities.body?.supportsConfigurationDoneRequest).toBe(true);
    const launched = this.dc.launchRequest(args as DebugProtocol.LaunchRequestArguments);
    await this.event('initialized');
    const answers: Record<string, DebugProtocol.Breakpoint[]> = {};
    for (const [path, list] of Object.entries(breakpoints)) {
      answers[path] = (await this.dc.setBreakpointsRequest({ source: { path }, breakpoints: list })).body.breakpoints;
    }
    if (filters) await this.dc.setExceptionBreakpointsRequest(filters);
    await this.dc.configurationDoneRequest();
    await launched;
    return answers;
  }

  async top(threadId: number): Promise<DebugProtocol.StackFrame> {
    return (await this.dc.stackTraceRequest({ threadId })).body.stackFrames[0]!;
  }

  async evaluate(expression: string, frameId?: number): Promise<string> {
    return (await this.dc.evaluateRequest({ expression, ...(frameId !== undefined ? { frameId } : {}), context: 'repl' })).body.result;
  }

  stop(): Promise<void> {
    return this.dc.stop();
  }
}

/** `loopscope dap --port 0`, and the port it says it listens on. */
export async function startServer(): Promise<{ child: ChildProcess; port: number; stderr: () => string }> {
  const child = spawn(BIN, ['dap', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolvePort, reject) => {
    lines.once('line', (line) => {
      const match = /listening on 127\.0\.0\.1:(\d+)$/.exec(line);
      if (match) resolvePort(Number(match[1]));
      else reject(new Error(`unexpected first line: ${line}`));
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}): ${stderr}`)));
  });
  return { child, port, stderr: () => stderr };
}
