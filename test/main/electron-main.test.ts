// The Electron main process's wiring, run against a recording stand-in for `electron` (the
// binary cannot be had here; test/e2e/electron.e2e.test.ts drives the real app where it can).
// Everything behind the `electron` module is real: HostSession, the engine, files on disk.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_URL } from '../../main/electron/window-options.js';
import { REQUEST_CHANNEL } from '../../main/electron/ipc-channels.js';
import { MAX_CLIENT_MESSAGE_BYTES } from '../../core/protocol/client.js';
import { fake, FakeBrowserWindow, type FakeWebContents } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);

let dir: string;
let program: string;
const argv = process.argv;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'loopscope-main-'));
  fake.userData = join(dir, 'user-data');
  program = join(dir, 'greet.py');
  writeFileSync(program, 'print("hello from greet")\n');
  process.argv = ['/opt/electron', '--inspect=0', '/fake/app/dist/main/main.mjs', program];
  await import('../../main/electron/main.js');
  fake.ready();
  await vi.waitFor(() => expect(FakeBrowserWindow.all).toHaveLength(1));
});
afterAll(() => {
  process.argv = argv;
  for (const window of FakeBrowserWindow.getAllWindows()) window.close();
  rmSync(dir, { recursive: true, force: true });
});

const trusted = (contents: FakeWebContents) => ({ sender: { id: contents.id }, senderFrame: { parent: null, url: APP_URL } });
const request = (event: object, payload: unknown) => fake.ipc.emit(REQUEST_CHANNEL, event, payload);

function responseOf(contents: FakeWebContents, id: number) {
  return vi.waitFor(() => {
    const found = contents.messages().find((m) => m.type === 'response' && m.id === id);
    if (!found) throw new Error(`no response ${id} yet`);
    return found;
  }, { timeout: 30_000 });
}

describe('Electron main', () => {
  it('sandboxes every renderer and registers its page scheme before the app is ready', () => {
    expect(fake.sandboxEnabled).toBe(true);
    expect(fake.privileged).toEqual([{ scheme: 'loopscope', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
  });

  it('opens the file from its command line in a locked-down window titled with it', () => {
    const [window] = FakeBrowserWindow.all;
    expect(window!.options.webPreferences).toMatchObject({
      contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false,
      preload: expect.stringMatching(/preload\.cjs$/),
    });
    expect(window!.url).toBe(APP_URL);
    expect(window!.title).toBe('greet.py — Loopscope');
    expect(JSON.parse(readFileSync(join(fake.userData, 'recent-files.json'), 'utf8'))).toEqual({ version: 1, files: [program] });
  });

  it('denies new windows, navigation away, permissions and requests to the network or disk', () => {
    const contents = FakeBrowserWindow.all[0]!.webContents;
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const navigate = (url: string) => {
      const event = { prevented: false, preventDefault() { this.prevented = true; } };
      contents.fire('will-navigate', event, url);
      return event.prevented;
    };
    expect(navigate('https://example.com/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate(APP_URL)).toBe(false);
    const granted: boolean[] = [];
    fake.permissionRequest?.({}, 'media', (answer) => granted.push(answer));
    expect(granted).toEqual([false]);
    expect(fake.blockedUrls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'file:///*']));
  });

  it('serves its page with the CSP, and nothing outside the renderer', async () => {
    const handler = fake.protocolHandlers.get('loopscope')!;
    const page = await handler(new Request(APP_URL));
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'self'/);
    // Built renderer or not, the page answers; outside it, nothing does.
    expect([200, 503]).toContain(page.status);
    expect((await handler(new Request('loopscope://app/..%2f..%2fpackage.json'))).status).toBe(404);
    expect((await handler(new Request('loopscope://other/index.html'))).status).toBe(404);
  });

  it('answers requests from its page over IPC, and ignores any other sender', async () => {
    const contents = FakeBrowserWindow.all[0]!.webContents;
    request({ sender: { id: contents.id }, senderFrame: { parent: null, url: 'https://example.com/' } }, { id: 1, type: 'examples.list' });
    request({ sender: { id: contents.id }, senderFrame: { parent: {}, url: APP_URL } }, { id: 2, type: 'examples.list' });
    request({ sender: { id: contents.id }, senderFrame: null }, { id: 3, type: 'examples.list' });
    request({ sender: { id: 999 }, senderFrame: { parent: null, url: APP_URL } }, { id: 4, type: 'examples.list' });
    expect(contents.sent).toEqual([]);

    request(trusted(contents), { id: 5, type: 'session.subscribe' });
    await responseOf(contents, 5);
    expect(contents.messages().map((m) => m.type)).toEqual(['state.full', 'file.opened', 'response']);
    expect(contents.messages()[1]).toMatchObject({ file: { path: program, source: 'print("hello from greet")\n' } });

    request(trusted(contents), { id: 6, type: 'session.fly' });
    expect(await responseOf(contents, 6)).toMatchObject({ ok: false, error: expect.stringMatching(/unknown request type/) });
    request(trusted(contents), { id: 7, type: 'file.save', path: program, source: 'x'.repeat(MAX_CLIENT_MESSAGE_BYTES) });
    await vi.waitFor(() => expect(contents.messages().at(-1)).toMatchObject({ type: 'response', ok: false, error: expect.stringMatching(/too large/) }));
  });

  it('runs the program for its page and streams the run back', async () => {
    const contents = FakeBrowserWindow.all[0]!.webContents;
    request(trusted(contents), { id: 10, type: 'session.run', filename: program, source: 'print("hello from greet")\n' });
    expect(await responseOf(contents, 10)).toMatchObject({ ok: true });
    await vi.waitFor(() => {
      const events = contents.messages().flatMap((m) => (m.type === 'events' ? (m.events as Array<{ type: string; text?: string }>) : []));
      expect(events.some((e) => e.type === 'exit')).toBe(true);
      expect(events.filter((e) => e.type === 'output').map((e) => e.text).join('')).toBe('hello from greet\n');
    }, { timeout: 30_000 });
  });

  it('gives a reloaded page the whole state back when it subscribes again', async () => {
    const contents = FakeBrowserWindow.all[0]!.webContents;
    contents.fire('did-start-navigation', { isMainFrame: true, isSameDocument: false, url: APP_URL });
    contents.sent.length = 0;
    request(trusted(contents), { id: 11, type: 'session.subscribe' });
    await responseOf(contents, 11);
    expect(contents.messages()[0]).toMatchObject({ type: 'state.full', droppedEvents: 0, state: { status: 'exited', console: [{ text: 'hello from greet\n' }, expect.anything()] } });
  });

  it('sends menu actions to the focused window; F5 is Run when nothing is paused', () => {
    const contents = FakeBrowserWindow.all[0]!.webContents;
    fake.click('Run / Continue');
    fake.click('Step Over');
    fake.click('Toggle Breakpoint');
    expect(contents.messages().filter((m) => m.type === 'menu')).toEqual([
      { type: 'menu', action: 'Run' }, { type: 'menu', action: 'Step Over' }, { type: 'menu', action: 'Toggle Breakpoint' },
    ]);
  });

  it('opens another file in a new window, focuses a file already open, and reports one it cannot open', async () => {
    const second = join(dir, 'second.py');
    writeFileSync(second, 'print(2)\n');
    fake.click(program);
    expect(FakeBrowserWindow.getAllWindows()).toHaveLength(1);
    // Opening a second file makes a second window.
    fake.app.fire('second-instance', {}, ['/opt/electron', '/fake/app/dist/main/main.mjs', second], dir);
    expect(FakeBrowserWindow.getAllWindows()).toHaveLength(2);
    expect(FakeBrowserWindow.all[1]!.title).toBe('second.py — Loopscope');
    fake.app.fire('second-instance', {}, ['/opt/electron', '/fake/app/dist/main/main.mjs', join(dir, 'missing.py')], dir);
    expect(fake.errors).toEqual([{ title: 'Loopscope cannot open this file', message: `${join(dir, 'missing.py')}: no such file` }]);
    expect(FakeBrowserWindow.getAllWindows()).toHaveLength(2);
    FakeBrowserWindow.all[1]!.close();
    expect(FakeBrowserWindow.getAllWindows()).toHaveLength(1);
    expect(existsSync(join(fake.userData, 'recent-files.json'))).toBe(true);
  });
});
