// The desktop app's security settings and its small parts, tested without the Electron binary:
// the window options main passes to every BrowserWindow, the sender check of IPC, the menu's
// keys, the IPC backlog, the recent-files list, and the built preload (run with a recording
// stand-in for the `electron` module, to see exactly what it exposes to the page).
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { MenuItemConstructorOptions } from 'electron';
import {
  APP_CSP, APP_URL, isAppUrl, isTrustedFrame, webPreferences, windowOptions,
} from '../../main/electron/window-options.js';
import { MENU_ACTIONS, menuTemplate, type MenuAction } from '../../main/electron/menu.js';
import { IpcClient } from '../../main/electron/ipc-client.js';
import { MAX_RECENT_FILES, RecentFiles } from '../../main/electron/recent-files.js';
import { filesFromArgv } from '../../main/electron/argv.js';
import { displayProblem, findElectronBinary } from '../../main/electron/electron-binary.js';
import { ACK_CHANNEL, MESSAGE_CHANNEL, REQUEST_CHANNEL } from '../../main/electron/ipc-channels.js';

describe('Electron window options', () => {
  it('lock every window down as CONVENTIONS.md says', () => {
    const prefs = webPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
    });
    expect(windowOptions('/app/preload.cjs').webPreferences).toEqual(prefs);
  });

  it('has a CSP that starts at default-src self and allows no inline or remote script', () => {
    expect(APP_CSP).toMatch(/^default-src 'self';/);
    expect(APP_CSP).toContain("script-src 'self';");
    expect(APP_CSP).not.toMatch(/script-src[^;]*(unsafe|http|\*)/);
    expect(APP_CSP).toContain("object-src 'none'");
    expect(APP_CSP).toContain("connect-src 'self'");
  });

  it('takes only our own page as a place to be and as an IPC sender', () => {
    expect(isAppUrl(APP_URL)).toBe(true);
    expect(isAppUrl('loopscope://app/assets/index.js')).toBe(true);
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'loopscope://evil/index.html', 'loopscope:app', 'devtools://devtools/', 'not a url', '']) {
      expect(isAppUrl(url), url).toBe(false);
    }
    expect(isTrustedFrame({ parent: null, url: APP_URL })).toBe(true);
    expect(isTrustedFrame({ parent: {}, url: APP_URL })).toBe(false);
    expect(isTrustedFrame({ parent: null, url: 'https://example.com/' })).toBe(false);
    expect(isTrustedFrame(null)).toBe(false);
  });
});

describe('application menu', () => {
  const collect = (platform: NodeJS.Platform, packaged = true) => {
    const sent: string[] = [];
    const opened: string[] = [];
    const template = menuTemplate(
      { platform, packaged, recent: ['/home/u/a.py'], examples: [{ name: 'hello_tasks', title: 'Hello, tasks', path: '/ex/hello_tasks.py' }] },
      {
        action: (action: MenuAction) => sent.push(action),
        runOrContinue: () => sent.push('Run / Continue'),
        showOpenDialog: () => sent.push('open dialog'),
        open: (path) => opened.push(path),
        clearRecent: () => sent.push('clear recent'),
      },
    );
    const items: MenuItemConstructorOptions[] = [];
    const walk = (list: MenuItemConstructorOptions[]) => {
      for (const item of list) {
        items.push(item);
        if (Array.isArray(item.submenu)) walk(item.submenu);
      }
    };
    walk(template);
    const click = (label: string) => {
      const item = items.find((candidate) => candidate.label === label);
      if (!item?.click) throw new Error(`no menu item ${label}`);
      (item.click as () => void)();
    };
    return { template, items, sent, opened, click };
  };

  it("has VS Code's debugging keys, each sending the renderer's command", () => {
    const { items } = collect('linux');
    const keys = Object.fromEntries(items.filter((item) => item.accelerator).map((item) => [item.label ?? item.role, item.accelerator]));
    expect(keys).toMatchObject({
      'Run / Continue': 'F5', Stop: 'Shift+F5', Pause: 'F6', 'Toggle Breakpoint': 'F9',
      'Step Over': 'F10', 'Step Into': 'F11', 'Step Out': 'Shift+F11', Save: 'CmdOrCtrl+S', 'Open…': 'CmdOrCtrl+O',
    });
    const accelerators = items.flatMap((item) => (item.accelerator ? [String(item.accelerator)] : []));
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('sends actions, opens recent files and examples', () => {
    const { sent, opened, click } = collect('linux');
    click('Run / Continue');
    click('Step Over');
    click('Stop');
    click('Hello, tasks');
    click('/home/u/a.py');
    click('Clear Recently Opened');
    expect(sent).toEqual(['Run / Continue', 'Step Over', 'Stop', 'clear recent']);
    expect(opened).toEqual(['/ex/hello_tasks.py', '/home/u/a.py']);
    for (const action of sent.filter((name) => name !== 'Run / Continue' && name !== 'clear recent')) {
      expect(MENU_ACTIONS).toContain(action);
    }
  });

  it('offers developer tools only in development, and the app menu only on macOS', () => {
    expect(collect('linux', true).items.some((item) => item.role === 'toggleDevTools')).toBe(false);
    expect(collect('linux', false).items.some((item) => item.role === 'toggleDevTools')).toBe(true);
    expect(collect('darwin').template[0]).toEqual({ role: 'appMenu' });
    expect(collect('win32').template[0]?.label).toBe('&File');
  });
});

describe('IpcClient', () => {
  it('counts what the renderer has not acknowledged as its backlog', () => {
    const sent: Array<[string, string]> = [];
    let destroyed = false;
    const client = new IpcClient({ isDestroyed: () => destroyed, send: (channel, json) => sent.push([channel, json]) }, MESSAGE_CHANNEL);
    client.send({ type: 'menu', action: 'Run' });
    client.send({ type: 'file.changed', path: '/a.py', deleted: false });
    expect(sent.map(([channel]) => channel)).toEqual([MESSAGE_CHANNEL, MESSAGE_CHANNEL]);
    expect(JSON.parse(sent[0]![1])).toEqual({ type: 'menu', action: 'Run' });
    expect(client.backlog()).toBe(sent[0]![1].length + sent[1]![1].length);
    client.acknowledge();
    expect(client.backlog()).toBe(sent[1]![1].length);
    client.acknowledge();
    client.acknowledge();
    expect(client.backlog()).toBe(0);
    client.send({ type: 'menu', action: 'Stop' });
    client.reset();
    expect(client.backlog()).toBe(0);
    destroyed = true;
    expect(() => client.send({ type: 'menu', action: 'Run' })).toThrow(/window is closed/);
  });
});

describe('RecentFiles', () => {
  it('keeps the newest first, without duplicates, bounded, across restarts; a damaged file is an empty list', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loopscope-recent-'));
    try {
      const recent = RecentFiles.in(dir);
      for (let i = 0; i < MAX_RECENT_FILES + 3; i++) recent.add(`/p/${i}.py`);
      recent.add('/p/5.py');
      expect(recent.list[0]).toBe('/p/5.py');
      expect(recent.list).toHaveLength(MAX_RECENT_FILES);
      expect(new Set(recent.list).size).toBe(MAX_RECENT_FILES);
      recent.remove('/p/12.py');
      expect(RecentFiles.in(dir).list).toEqual(recent.list);
      writeFileSync(join(dir, 'recent-files.json'), '{"version": 1, "files": [3]');
      expect(RecentFiles.in(dir).list).toEqual([]);
      writeFileSync(join(dir, 'recent-files.json'), JSON.stringify({ version: 2, files: ['/x.py'] }));
      expect(RecentFiles.in(dir).list).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('files from the command line', () => {
  it("skips Electron's switches and, unpackaged, the app's own path", () => {
    const cwd = '/home/u/project';
    expect(filesFromArgv(['/opt/electron', '--inspect=0', 'dist/main/main.mjs', 'prog.py', '/tmp/other.py'], cwd, false))
      .toEqual(['/home/u/project/prog.py', '/tmp/other.py']);
    expect(filesFromArgv(['electron', '.', 'a.py'], cwd, false)).toEqual([resolve(cwd, 'a.py')]);
    expect(filesFromArgv(['/Applications/Loopscope.app/Contents/MacOS/Loopscope', '-psn_0_12345'], cwd, true)).toEqual([]);
    expect(filesFromArgv(['C:\\Loopscope\\Loopscope.exe', 'prog.py'], cwd, true)).toEqual([resolve(cwd, 'prog.py')]);
  });
});

describe('the Electron binary', () => {
  it('is found, or a reason is given, without trying to download it', () => {
    const found = findElectronBinary(resolve(import.meta.dirname, '../..'));
    if (found.ok) expect(existsSync(found.path)).toBe(true);
    else expect(found.reason).toMatch(/\S/);
    expect(displayProblem({}, 'linux')).toMatch(/no display/);
    expect(displayProblem({ DISPLAY: ':99' }, 'linux')).toBeUndefined();
    expect(displayProblem({}, 'darwin')).toBeUndefined();
  });
});

describe('the built preload', () => {
  const PRELOAD = resolve(import.meta.dirname, '../../dist/main/preload.cjs');

  it.skipIf(!existsSync(PRELOAD))('exposes only send, onMessage and getPathForFile, and acknowledges each message', () => {
    const exposed = new Map<string, unknown>();
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => void>();
    const sent: Array<[string, unknown[]]> = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: {
        on: (channel: string, handler: (event: unknown, ...args: unknown[]) => void) => handlers.set(channel, handler),
        send: (channel: string, ...args: unknown[]) => sent.push([channel, args]),
      },
      webUtils: { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` },
    };
    const requires: string[] = [];
    const module = { exports: {} };
    runInNewContext(readFileSync(PRELOAD, 'utf8'), {
      module, exports: module.exports, console,
      require: (name: string) => {
        requires.push(name);
        if (name === 'electron') return electron;
        throw new Error(`a sandboxed preload cannot require ${name}`);
      },
    });
    expect(requires).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['loopscope']);
    const api = exposed.get('loopscope') as {
      send(request: unknown): void;
      onMessage(listener: (message: unknown) => void): () => void;
      getPathForFile(file: unknown): string;
    };
    expect(Object.keys(api).sort()).toEqual(['getPathForFile', 'onMessage', 'send']);

    api.send({ id: 1, type: 'session.subscribe' });
    expect(sent).toEqual([[REQUEST_CHANNEL, [{ id: 1, type: 'session.subscribe' }]]]);

    const got: unknown[] = [];
    const dispose = api.onMessage((message) => got.push(message));
    const deliver = handlers.get(MESSAGE_CHANNEL)!;
    deliver({}, JSON.stringify({ type: 'menu', action: 'Run' }));
    deliver({}, '{not json');
    dispose();
    deliver({}, JSON.stringify({ type: 'menu', action: 'Stop' }));
    expect(got).toEqual([{ type: 'menu', action: 'Run' }]);
    expect(sent.filter(([channel]) => channel === ACK_CHANNEL)).toHaveLength(3);
    expect(api.getPathForFile({ name: 'prog.py' })).toBe('/dropped/prog.py');
  });
});
