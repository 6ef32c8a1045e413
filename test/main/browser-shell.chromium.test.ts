// The browser shell's defences as a real browser meets them: the page's own script reaches the
// WebSocket with the cookie alone, the CSP stops inline script, a page of another origin on this
// very host (which the cookie is sent to) is refused by the Origin check, and a rebound host
// name is refused by the Host check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startBrowserShell, type BrowserShell } from '../../main/browser-shell/server.js';

const CHROMIUM = process.env.LOOPSCOPE_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);

let shell: BrowserShell;
let browser: Browser;
let attacker: Server;
let attackerPort: number;
let root: string;

const PAGE = `<!doctype html><title>loading</title>
<script>document.title = 'inline script ran';</script>
<script type="module" src="./assets/app.js"></script>
`;
// Only the cookie carries the token here: the socket URL has none.
const APP = `const ws = new WebSocket('ws://' + location.host + '/ws');
ws.onopen = () => ws.send(JSON.stringify({ id: 1, type: 'session.subscribe' }));
ws.onmessage = (event) => {
  const message = JSON.parse(event.data);
  if (message.type === 'state.full') document.body.dataset.state = 'full';
  if (message.type === 'response' && message.id === 1) document.body.dataset.subscribed = String(message.ok);
};
ws.onclose = () => { document.body.dataset.closed = 'yes'; };
`;

describe.skipIf(!haveChromium)('browser shell in Chromium', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'loopscope-chromium-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), PAGE);
    writeFileSync(join(root, 'assets', 'app.js'), APP);
    shell = await startBrowserShell({ port: 0, rendererDir: root, session: { engine: { prewarm: false } } });
    attacker = createServer((request, response) => {
      if (request.url === '/attack.js') {
        response.writeHead(200, { 'Content-Type': 'text/javascript' });
        response.end(`const ws = new WebSocket('ws://127.0.0.1:${shell.port}/ws');
ws.onopen = () => { document.body.dataset.result = 'open'; };
ws.onclose = () => { document.body.dataset.result = document.body.dataset.result || 'refused'; };`);
        return;
      }
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<!doctype html><title>attacker</title><body><script src="/attack.js"></script></body>');
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerPort = (attacker.address() as AddressInfo).port;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--host-resolver-rules=MAP rebind.test 127.0.0.1'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => attacker?.close(resolve));
    await shell?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it("lets the page's own script subscribe over the WebSocket with the cookie, and blocks inline script", async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/.test(message.text())) violations.push(message.text());
    });
    await page.goto(shell.url);
    await page.waitForFunction(() => document.body.dataset.subscribed === 'true');
    expect(await page.evaluate(() => document.body.dataset.state)).toBe('full');
    expect(await page.title()).toBe('loading');
    expect(violations.join('\n')).toMatch(/inline script/);
    await page.close();
  });

  it('refuses the WebSocket to a page of another origin on this host, though the browser sends it the cookie', async () => {
    const page = await browser.newPage();
    // The cookie is set by visiting the shell first, as the user did.
    await page.goto(shell.url);
    await page.waitForFunction(() => document.body.dataset.subscribed === 'true');
    await page.goto(`http://127.0.0.1:${attackerPort}/`);
    await page.waitForFunction(() => document.body.dataset.result !== undefined);
    expect(await page.evaluate(() => document.body.dataset.result)).toBe('refused');
    await page.close();
  });

  it('refuses a host name that resolves to 127.0.0.1 (DNS rebinding), token and all', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`http://rebind.test:${shell.port}/?token=${shell.token}`);
    expect(response?.status()).toBe(403);
    expect(await page.textContent('body')).toMatch(/DNS rebinding/);
    await page.close();
  });
});
