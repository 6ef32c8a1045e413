import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientRequest, MAX_CLIENT_MESSAGE_BYTES } from '../../core/protocol/client.js';
import { startBrowserShell, type BrowserShell } from '../../main/browser-shell/server.js';
import { findExamplesDir } from '../../core/session/examples.js';
import { connect, rawGet, type ShellSocket } from './shell-clients.js';
import { seededRandom } from '../support/seeded-random.js';

let shell: BrowserShell;
let root: string;
let rendererDir: string;
const EXAMPLE = join(findExamplesDir()!, 'hello_tasks.py');

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'loopscope-shell-'));
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Loopscope</title><script type="module" src="./assets/app.js"></script>\n');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app");\n');
  writeFileSync(join(root, 'secret.txt'), 'not for the web\n');
  shell = await startBrowserShell({ port: 0, rendererDir, file: EXAMPLE });
});
afterAll(async () => {
  await shell?.close();
  rmSync(root, { recursive: true, force: true });
});

const wsUrl = (query = `?token=${shell.token}`) => `ws://127.0.0.1:${shell.port}/ws${query}`;
const origin = () => `http://127.0.0.1:${shell.port}`;
const cookie = () => `loopscope_token_${shell.port}=${shell.token}`;

async function open(): Promise<ShellSocket> {
  const upgrade = await connect(wsUrl(), { origin: origin() });
  if (!upgrade.ok) throw new Error(`refused: ${upgrade.status} ${upgrade.body}`);
  return upgrade.client;
}

describe('browser shell: HTTP', () => {
  it('listens on 127.0.0.1 and prints an address with the token', () => {
    expect(shell.url).toBe(`http://127.0.0.1:${shell.port}/?token=${shell.token}`);
    expect(Buffer.from(shell.token, 'base64url')).toHaveLength(32);
  });

  it('refuses to listen anywhere but loopback', async () => {
    await expect(startBrowserShell({ port: 0, host: '0.0.0.0', rendererDir })).rejects.toThrow(/loopback address only/);
  });

  it('serves the page with the token, and sets the token cookie and a strict CSP', async () => {
    const page = await fetch(shell.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('assets/app.js');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toMatch(/^default-src 'self'; script-src 'self';/);
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${shell.port}`);
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('set-cookie')).toBe(`${cookie()}; Path=/; HttpOnly; SameSite=Strict`);
    const asset = await fetch(`${origin()}/assets/app.js`, { headers: { Cookie: cookie() } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 403 to any request without the right token', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js', '/?token=', `/?token=${shell.token.slice(1)}`, `/?token=${shell.token}x`]) {
      const response = await fetch(`${origin()}${path}`);
      expect(response.status, path).toBe(403);
      expect(await response.text()).toMatch(/token/);
    }
    const wrongCookie = await fetch(`${origin()}/assets/app.js`, { headers: { Cookie: `loopscope_token_${shell.port}=nope` } });
    expect(wrongCookie.status).toBe(403);
  });

  it('answers 403 to a foreign Host header (DNS rebinding), even with the token', async () => {
    for (const host of ['evil.example', `evil.example:${shell.port}`, `127.0.0.1:${shell.port + 1}`, `127.0.0.1`, `127.0.0.1.evil.example:${shell.port}`]) {
      const response = await rawGet(shell.port, `/?token=${shell.token}`, { Host: host });
      expect(response.status, host).toBe(403);
      expect(response.body).toMatch(/DNS rebinding/);
    }
    expect((await rawGet(shell.port, `/?token=${shell.token}`, { Host: `localhost:${shell.port}` })).status).toBe(200);
    // No Host at all: Node's server itself refuses it (HTTP/1.1 requires one).
    expect((await rawGet(shell.port, `/?token=${shell.token}`, { Host: '' })).status).toBe(400);
  });

  it('serves nothing outside the renderer folder, and only GET and HEAD', async () => {
    const token = `token=${shell.token}`;
    for (const path of [`/../secret.txt?${token}`, `/%2e%2e/secret.txt?${token}`, `/assets/..%2f..%2fsecret.txt?${token}`, `/assets?${token}`, `/%00?${token}`, `/%E0%A4%A?${token}`]) {
      const response = await rawGet(shell.port, path);
      expect(response.status, path).toBe(404);
      expect(response.body).not.toContain('not for the web');
    }
    expect((await rawGet(shell.port, `//evil.example/?${token}`)).status).toBe(400);
    expect((await rawGet(shell.port, `/?${token}`, {}, 'POST')).status).toBe(405);
    expect((await rawGet(shell.port, `/?${token}`, {}, 'HEAD')).status).toBe(200);
  });
});

describe('browser shell: WebSocket upgrade', () => {
  it('refuses an upgrade without the token, with a wrong one, or to another path', async () => {
    expect(await connect(wsUrl(''), { origin: origin() })).toMatchObject({ ok: false, status: 403 });
    expect(await connect(wsUrl('?token=wrong'), { origin: origin() })).toMatchObject({ ok: false, status: 403 });
    expect(await connect(`ws://127.0.0.1:${shell.port}/other?token=${shell.token}`, { origin: origin() })).toMatchObject({ ok: false, status: 404 });
  });

  it('refuses a foreign Origin, even one on this host with the cookie (a page on another port)', async () => {
    for (const foreign of ['http://evil.example', `http://127.0.0.1:${shell.port + 1}`, 'null', `https://127.0.0.1:${shell.port}`]) {
      const refused = await connect(wsUrl(), { origin: foreign, headers: { Cookie: cookie() } });
      expect(refused, foreign).toMatchObject({ ok: false, status: 403, body: expect.stringMatching(/origin/) });
    }
  });

  it('refuses a foreign Host on the upgrade', async () => {
    expect(await connect(wsUrl(), { origin: origin(), headers: { Host: 'evil.example' } })).toMatchObject({ ok: false, status: 403 });
  });

  it('accepts the token from the cookie as the page sends it, and from the URL', async () => {
    const byCookie = await connect(wsUrl(''), { origin: `http://localhost:${shell.port}`, headers: { Cookie: cookie() } });
    expect(byCookie.ok).toBe(true);
    const byQuery = await connect(wsUrl(), { origin: origin() });
    expect(byQuery.ok).toBe(true);
    if (byCookie.ok) await byCookie.client.close();
    if (byQuery.ok) await byQuery.client.close();
  });
});

describe('browser shell: the protocol over the WebSocket', () => {
  it('answers malformed, unknown, binary and oversized messages with errors, and keeps serving', async () => {
    const client = await open();
    client.send('{"id": 1, "type": "session.subscribe"');
    client.send({ id: 2, type: 'session.fly' });
    client.send({ id: 3, type: 'file.open' });
    client.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    client.send(JSON.stringify({ id: 4, type: 'file.save', path: '/tmp/x.py', source: 'x'.repeat(MAX_CLIENT_MESSAGE_BYTES) }));
    await client.waitFor((ms) => (ms.filter((m) => m.type === 'response').length >= 5 ? true : undefined), '5 responses');
    expect(client.responses()).toMatchObject([
      { id: 0, ok: false, error: expect.stringMatching(/^malformed JSON/) },
      { id: 2, ok: false, error: expect.stringMatching(/^unknown request type "session.fly"/) },
      { id: 3, ok: false, error: expect.stringMatching(/^invalid file.open request: path/) },
      { id: 0, ok: false, error: expect.stringMatching(/^binary frames are not understood/) },
      { id: 0, ok: false, error: expect.stringMatching(/^message too large: \d+ bytes/) },
    ]);
    client.send({ id: 5, type: 'examples.list' });
    expect(await client.response(5)).toMatchObject({ ok: true, result: expect.arrayContaining([expect.objectContaining({ name: 'hello_tasks' })]) });
    await client.close();
  });

  it('closes a connection that sends a frame far over the limit, and the server goes on', async () => {
    const client = await open();
    client.ws.send(Buffer.alloc(MAX_CLIENT_MESSAGE_BYTES + 2 * 1024 * 1024, 0x20));
    expect((await client.closed).code).toBe(1009);
    const next = await open();
    next.send({ id: 1, type: 'examples.list' });
    expect(await next.response(1)).toMatchObject({ ok: true });
    await next.close();
  });

  it('runs a program: subscribe, run, events until exit, with the output as python3 prints it', async () => {
    const client = await open();
    client.send({ id: 1, type: 'session.subscribe' });
    await client.response(1);
    expect(client.messages.map((m) => m.type).slice(0, 3)).toEqual(['state.full', 'file.opened', 'response']);
    expect(client.messages[1]).toMatchObject({ type: 'file.opened', file: { path: EXAMPLE } });
    const source = 'import asyncio\nasync def main():\n    await asyncio.gather(*(asyncio.sleep(i) for i in range(3)))\n    print("slept", asyncio.get_running_loop().time())\nasyncio.run(main())\n';
    client.send({ id: 2, type: 'session.run', filename: '/tmp/tiny.py', source });
    expect(await client.response(2)).toMatchObject({ ok: true });
    const exit = await client.waitFor(() => client.events().find((e) => e.type === 'exit'), 'exit');
    expect(exit).toEqual({ type: 'exit', code: 0 });
    const stdout = client.events().flatMap((e) => (e.type === 'output' && e.stream === 'stdout' ? [e.text] : [])).join('');
    expect(stdout).toBe('slept 2.0\n');
    expect(client.events()[0]).toMatchObject({ type: 'engine.ready' });
    expect(client.invalid).toEqual([]);
    await client.close();
  });

  it('survives a bounded fuzz: every bad message gets an error response, and the server stays up', async () => {
    const client = await open();
    const random = seededRandom(20251125);
    const templates: ClientRequest[] = [
      { id: 1, type: 'session.subscribe' },
      { id: 1, type: 'session.run', filename: '/tmp/f.py', source: 'print(1)', breakpoints: [{ file: '/tmp/f.py', line: 1 }], breakOn: ['deadlock'], argv: [], seed: 0 },
      { id: 1, type: 'session.stop' },
      { id: 1, type: 'session.restart', source: 'x' },
      { id: 1, type: 'debug', command: { type: 'debug.step', kind: 'over', taskId: 1 } },
      { id: 1, type: 'debug', command: { type: 'inspect.evaluate', expression: '1 + 1' } },
      { id: 1, type: 'file.open', path: '/tmp/f.py' },
      { id: 1, type: 'file.save', path: '/tmp/f.py', source: 'x' },
      { id: 1, type: 'examples.list' },
    ];
    const started = Date.now();
    let sent = 0;
    let skippedValid = 0;
    while (sent < 400 && Date.now() - started < 15_000) {
      const text = random() < 0.2 ? garbage(random) : JSON.stringify(mutate(structuredClone(templates[Math.floor(random() * templates.length)]!), random));
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        value = undefined;
      }
      // Only bad messages: a valid run or save would do real work, which other tests cover.
      if (value !== undefined && ClientRequest.safeParse(value).success) {
        skippedValid++;
        continue;
      }
      client.send(text);
      sent++;
    }
    await client.waitFor((ms) => (ms.filter((m) => m.type === 'response').length >= sent ? true : undefined), `${sent} responses`);
    const responses = client.responses();
    expect(responses).toHaveLength(sent);
    expect(responses.every((r) => !r.ok && typeof r.error === 'string' && r.error.length > 0)).toBe(true);
    expect(client.invalid).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    console.log(`fuzz: ${sent} bad messages in ${Date.now() - started} ms, all answered with an error (${skippedValid} valid mutants not sent)`);
    // Still up: HTTP and a new socket.
    expect((await fetch(shell.url)).status).toBe(200);
    const next = await open();
    next.send({ id: 7, type: 'examples.list' });
    expect(await next.response(7)).toMatchObject({ ok: true });
    await Promise.all([client.close(), next.close()]);
  });

  it('forgets a closed connection', async () => {
    const client = await open();
    expect(shell.connections()).toBeGreaterThan(0);
    await client.close();
    await expect.poll(() => shell.connections()).toBe(0);
  });
});

describe('browser shell: closing', () => {
  it('ends its connections and frees its port', async () => {
    const other = await startBrowserShell({ port: 0, rendererDir, session: { engine: { prewarm: false } } });
    const upgrade = await connect(`ws://127.0.0.1:${other.port}/ws?token=${other.token}`);
    expect(upgrade.ok).toBe(true);
    await other.close();
    if (upgrade.ok) expect((await upgrade.client.closed).code).toBe(1006);
    await expect(fetch(other.url)).rejects.toThrow();
  });
});


const WEIRD: unknown[] = [null, true, -1, 1.5, 2 ** 53, -0, '', 'x'.repeat(5000), '\u0000\ud800', [], {}, [[[[[]]]]], { __proto__: { polluted: 1 } }, { constructor: { prototype: { polluted: 1 } } }];

function mutate(value: unknown, random: () => number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  if (typeof value !== 'object' || value === null || random() < 0.15) return pick(WEIRD);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const key = pick(keys);
  switch (Math.floor(random() * 5)) {
    case 0:
      delete record[key];
      break;
    case 1:
      record[key] = pick(WEIRD);
      break;
    case 2:
      record.type = pick(['session.run', 'debug', 'session.Run', 'file.open ', 'examples', 42, null, '__proto__']);
      break;
    case 3:
      record[key] = mutate(record[key], random);
      break;
    default:
      record[pick(['extra', '__proto__', 'id', 'seq'])] = pick(WEIRD);
  }
  return record;
}

function garbage(random: () => number): string {
  const forms = ['', ' ', '{', '[', '"', 'null', 'true', '123', '{"id":1,"type":"session.subscribe"', '\u0000', '}{', '[{"type":"debug"}]'];
  const base = forms[Math.floor(random() * forms.length)]!;
  let noise = '';
  for (let i = Math.floor(random() * 20); i > 0; i--) noise += String.fromCharCode(Math.floor(random() * 0x7f));
  return random() < 0.5 ? base : base + noise;
}

