// A recording stand-in for the parts of the `electron` module that main/electron/main.ts uses,
// for running the main process's wiring where the Electron binary cannot be had. It checks none
// of Electron's own behaviour (the e2e test does, where it can run); it records what main asks
// of Electron and lets a test play Electron's side (app ready, IPC events, menu clicks).
import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';

type Handler = (...args: never[]) => unknown;

class Emitter {
  readonly handlers = new Map<string, Handler[]>();
  on(name: string, handler: Handler): this {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler]);
    return this;
  }
  once(name: string, handler: Handler): this {
    return this.on(name, handler);
  }
  /** Call the handlers of `name` as Electron would. */
  fire(name: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(name) ?? []) (handler as (...a: unknown[]) => unknown)(...args);
  }
}

let nextContentsId = 1;

export class FakeWebContents extends Emitter {
  readonly id = nextContentsId++;
  readonly sent: Array<{ channel: string; json: string }> = [];
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => unknown) | undefined;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, json: string): void {
    this.sent.push({ channel, json });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }
  /** The HostMessages sent to this page so far. */
  messages(): Array<{ type: string } & Record<string, unknown>> {
    return this.sent.map((entry) => JSON.parse(entry.json) as { type: string });
  }
}

export class FakeBrowserWindow extends Emitter {
  static readonly all: FakeBrowserWindow[] = [];
  static focused: FakeBrowserWindow | null = null;
  readonly webContents = new FakeWebContents();
  title = '';
  url = '';
  representedFilename = '';
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.all.push(this);
    FakeBrowserWindow.focused = this;
    fake.created('web-contents', this.webContents);
  }
  static getFocusedWindow(): FakeBrowserWindow | null {
    return FakeBrowserWindow.focused;
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.all.filter((window) => !window.webContents.destroyed);
  }
  loadURL(url: string): Promise<void> {
    this.url = url;
    return Promise.resolve();
  }
  setTitle(title: string): void {
    this.title = title;
  }
  setRepresentedFilename(path: string): void {
    this.representedFilename = path;
  }
  focus(): void {
    FakeBrowserWindow.focused = this;
  }
  show(): void {}
  /** The user closes the window. */
  close(): void {
    this.webContents.destroyed = true;
    if (FakeBrowserWindow.focused === this) FakeBrowserWindow.focused = null;
    this.fire('closed');
  }
}

let resolveReady: () => void = () => undefined;
const ready = new Promise<void>((resolve) => {
  resolveReady = resolve;
});

export const fake = {
  userData: '',
  errors: [] as Array<{ title: string; message: string }>,
  menu: [] as MenuItemConstructorOptions[],
  privileged: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  ipc: new EventEmitter(),
  blockedUrls: [] as string[],
  permissionRequest: undefined as undefined | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
  sandboxEnabled: false,
  app: new Emitter(),
  /** Electron's app becomes ready. */
  ready(): void {
    resolveReady();
  },
  created(kind: 'web-contents', contents: FakeWebContents): void {
    if (kind === 'web-contents') fake.app.fire('web-contents-created', {}, contents);
  },
  /** Click the menu item with this label. */
  click(label: string): void {
    const find = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions | undefined => {
      for (const item of items) {
        if (item.label === label) return item;
        const inner = Array.isArray(item.submenu) ? find(item.submenu) : undefined;
        if (inner) return inner;
      }
      return undefined;
    };
    const item = find(fake.menu);
    if (!item?.click) throw new Error(`no menu item ${label}`);
    (item.click as () => void)();
  },
};

export const electron = {
  app: Object.assign(fake.app, {
    isPackaged: false,
    enableSandbox: () => {
      fake.sandboxEnabled = true;
    },
    requestSingleInstanceLock: () => true,
    quit: () => undefined,
    whenReady: () => ready,
    isReady: () => false,
    getPath: (name: string) => (name === 'userData' ? fake.userData : '/tmp'),
    getAppPath: () => '/fake/app',
    addRecentDocument: () => undefined,
    clearRecentDocuments: () => undefined,
  }),
  BrowserWindow: FakeBrowserWindow,
  dialog: {
    showErrorBox: (title: string, message: string) => fake.errors.push({ title, message }),
    showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
  },
  ipcMain: {
    on: (channel: string, handler: (...args: unknown[]) => void) => fake.ipc.on(channel, handler),
  },
  Menu: {
    buildFromTemplate: (template: MenuItemConstructorOptions[]) => template,
    setApplicationMenu: (template: MenuItemConstructorOptions[]) => {
      fake.menu = template;
    },
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => fake.privileged.push(...schemes),
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => fake.protocolHandlers.set(scheme, handler),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (handler: typeof fake.permissionRequest) => {
        fake.permissionRequest = handler;
      },
      setPermissionCheckHandler: () => undefined,
      webRequest: {
        onBeforeRequest: (filter: { urls: string[] }) => fake.blockedUrls.push(...filter.urls),
      },
    },
  },
};
