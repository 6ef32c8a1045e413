// The Electron main process: one window per open file, each with its own HostSession (and so
// its own engine), the application menu, and the IPC router between pages and sessions.
// Locked down as CONVENTIONS.md says; the settings themselves are in window-options.ts.
import {
  app, BrowserWindow, dialog, ipcMain, Menu, protocol, session as electronSession,
  type IpcMainEvent,
} from 'electron';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_CLIENT_MESSAGE_BYTES } from '../../core/protocol/client.js';
import { findExamplesDir, listExamples } from '../../core/session/examples.js';
import type { HostSession } from '../../core/session/host-session.js';
import { createHostSession } from '../host-session.js';
import { CONTENT_TYPES, findRendererDir, staticFile } from '../static-files.js';
import { filesFromArgv } from './argv.js';
import { ACK_CHANNEL, MESSAGE_CHANNEL, REQUEST_CHANNEL } from './ipc-channels.js';
import { IpcClient } from './ipc-client.js';
import { menuTemplate, type MenuAction } from './menu.js';
import { RecentFiles } from './recent-files.js';
import { APP_CSP, APP_SCHEME, APP_URL, isAppUrl, isTrustedFrame, windowOptions } from './window-options.js';

const here = dirname(fileURLToPath(import.meta.url));
const PRELOAD = join(here, 'preload.cjs');
const rendererDir = findRendererDir(here);
const examplesDir = findExamplesDir(here);

interface AppWindow {
  window: BrowserWindow;
  session: HostSession;
  client: IpcClient;
  detach: () => void;
}

/** By webContents id: how an IPC message finds its window. */
const windows = new Map<number, AppWindow>();
let recent: RecentFiles;
/** Files the OS asked us to open before the app was ready (macOS open-file). */
const pendingFiles: string[] = [];

// Before ready: our scheme behaves like https (a real origin for 'self' and for the sender
// check), and every renderer is sandboxed whatever a window's options say.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, cwd) => {
    const files = filesFromArgv(argv, cwd, app.isPackaged);
    if (files.length) for (const file of files) openFile(file);
    else BrowserWindow.getAllWindows()[0]?.focus();
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (app.isReady()) openFile(path);
    else pendingFiles.push(path);
  });
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (windows.size === 0) createWindow();
  });
  void app.whenReady().then(start);
}

function start(): void {
  recent = RecentFiles.in(app.getPath('userData'));
  protocol.handle(APP_SCHEME, serveAppFile);
  denyEverythingElse();
  ipcMain.on(REQUEST_CHANNEL, receiveRequest);
  ipcMain.on(ACK_CHANNEL, (event) => trustedSender(event)?.client.acknowledge());
  rebuildMenu();
  const files = [...filesFromArgv(process.argv, process.cwd(), app.isPackaged), ...pendingFiles.splice(0)];
  if (files.length) for (const file of files) openFile(file);
  if (windows.size === 0) createWindow();
}

/** Our page's files, with the CSP on every response. */
async function serveAppFile(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const headers = { 'Content-Security-Policy': APP_CSP, 'X-Content-Type-Options': 'nosniff' };
  if (!rendererDir) {
    return new Response('<!doctype html><meta charset="utf-8"><title>Loopscope</title><p>Loopscope’s UI is not built: run <code>npm run build</code>.</p>',
      { status: 503, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
  }
  const file = url.host === 'app' ? staticFile(rendererDir, url.pathname) : undefined;
  if (!file) return new Response('Not found', { status: 404, headers });
  const body = await readFile(file);
  return new Response(body, { headers: { ...headers, 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' } });
}

/** No web content of ours goes anywhere but our page: no new windows, no navigation away,
 * no webviews, no permissions, and no requests to the network or the file system. */
function lockDown(contents: Electron.WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function denyEverythingElse(): void {
  const session = electronSession.defaultSession;
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file:///*'] }, (_details, callback) => callback({ cancel: true }));
}

/** The window of an IPC message, if it came from the top frame of one of our pages. */
function trustedSender(event: IpcMainEvent): AppWindow | undefined {
  return isTrustedFrame(event.senderFrame) ? windows.get(event.sender.id) : undefined;
}

function receiveRequest(event: IpcMainEvent, payload: unknown): void {
  const target = trustedSender(event);
  // A message from anywhere else gets no answer at all: there is no one we want to tell.
  if (!target) return;
  let size: number;
  try {
    size = JSON.stringify(payload)?.length ?? 0;
  } catch {
    size = Infinity;
  }
  if (size > MAX_CLIENT_MESSAGE_BYTES) {
    target.client.send({ type: 'response', id: 0, ok: false, error: `message too large (the limit is ${MAX_CLIENT_MESSAGE_BYTES} bytes)` });
    return;
  }
  // HostSession validates the shape (ClientRequest) and answers anything wrong with an error.
  void target.session.receive(target.client, payload);
}

function createWindow(file?: string): AppWindow {
  const session = createHostSession(examplesDir ? { examplesDir } : {});
  try {
    if (file) session.openPath(file);
  } catch (error) {
    void session.dispose();
    throw error;
  }
  const window = new BrowserWindow(windowOptions(PRELOAD));
  const id = window.webContents.id;
  const client = new IpcClient(window.webContents, MESSAGE_CHANNEL);
  const appWindow: AppWindow = { window, session, client, detach: session.attach(client) };
  windows.set(id, appWindow);
  const showFile = (path: string) => {
    window.setTitle(`${basename(path)} — Loopscope`);
    window.setRepresentedFilename(path);
    recent.add(path);
    app.addRecentDocument(path);
    rebuildMenu();
  };
  if (session.openFile) showFile(session.openFile.path);
  const stopWatching = session.onFileOpened((opened) => showFile(opened.path));
  window.on('page-title-updated', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  // A new page (a reload) starts from nothing: it subscribes again and gets the whole state.
  // Done when the navigation starts, before the new page can send its subscribe.
  window.webContents.on('did-start-navigation', (details) => {
    if (!details.isMainFrame || details.isSameDocument) return;
    appWindow.detach();
    client.reset();
    appWindow.detach = session.attach(client);
  });
  window.on('closed', () => {
    windows.delete(id);
    stopWatching();
    appWindow.detach();
    void session.dispose();
  });
  void window.loadURL(APP_URL);
  return appWindow;
}

function appWindowOf(window: BrowserWindow | null | undefined): AppWindow | undefined {
  return window ? windows.get(window.webContents.id) : undefined;
}

/** One window per file: a file already open is focused; an empty focused window takes it;
 * otherwise it gets a new window. */
function openFile(path: string, preferred: AppWindow | undefined = appWindowOf(BrowserWindow.getFocusedWindow())): void {
  const absolute = resolve(path);
  if (absolute.endsWith('.loopscope')) {
    // A recording becomes the session of an empty window (or a new one).
    const target = preferred && !preferred.session.openFile ? preferred : undefined;
    const opening = (target ?? createWindow()).session.openRecording(absolute);
    void Promise.resolve(opening).catch((error: unknown) => dialog.showErrorBox('Loopscope cannot open this recording', error instanceof Error ? error.message : String(error)));
    return;
  }
  const showing = [...windows.values()].find((candidate) => candidate.session.openFile?.path === absolute);
  if (showing) {
    showing.window.focus();
    return;
  }
  try {
    if (preferred && !preferred.session.openFile) preferred.session.openPath(absolute);
    else createWindow(absolute);
  } catch (error) {
    recent.remove(absolute);
    rebuildMenu();
    dialog.showErrorBox('Loopscope cannot open this file', error instanceof Error ? error.message : String(error));
  }
}

function focused(): AppWindow | undefined {
  return appWindowOf(BrowserWindow.getFocusedWindow());
}

function sendAction(action: MenuAction): void {
  focused()?.session.broadcast({ type: 'menu', action });
}

function rebuildMenu(): void {
  const template = menuTemplate(
    { platform: process.platform, packaged: app.isPackaged, recent: recent.list, examples: listExamples(examplesDir) },
    {
      action: sendAction,
      runOrContinue: () => sendAction(focused()?.session.sessionState.status === 'paused' ? 'Continue' : 'Run'),
      showOpenDialog: (kind) => void showOpenDialog(kind),
      open: (path) => openFile(path),
      clearRecent: () => {
        recent.clear();
        app.clearRecentDocuments();
        rebuildMenu();
      },
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function showOpenDialog(kind?: 'recording'): Promise<void> {
  const from = focused();
  const options: Electron.OpenDialogOptions = kind === 'recording'
    ? { title: 'Open a recorded run', properties: ['openFile'], filters: [{ name: 'Loopscope recording', extensions: ['loopscope'] }] }
    : {
      title: 'Open a Python program',
      properties: ['openFile', 'multiSelections'],
      filters: [{ name: 'Python', extensions: ['py'] }, { name: 'Loopscope recording', extensions: ['loopscope'] }, { name: 'All files', extensions: ['*'] }],
    };
  const chosen = from ? await dialog.showOpenDialog(from.window, options) : await dialog.showOpenDialog(options);
  for (const path of chosen.canceled ? [] : chosen.filePaths) openFile(path, from);
}
