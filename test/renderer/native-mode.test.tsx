// @vitest-environment jsdom
// Native mode in the UI, against a fake host: the interpreter picker and its memory per file,
// the one-time notice, the offer after an embedded run lacked something, a native run's status
// bar and stdin.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Interpreter } from '../../core/protocol/client.js';
import type { EngineEvent } from '../../core/protocol/index.js';
import { LoopscopeApp } from '../../renderer/app/loopscope-app.js';
import { memoryStorage, type KeyValueStorage } from '../../renderer/app/native-preferences.js';
import { AppContext } from '../../renderer/components/app-context.js';
import { App } from '../../renderer/components/App.js';
import { immediateScheduler } from '../../renderer/state/store.js';
import { allByRole, byRole, click, flush, key, setValue, submit } from './dom.js';
import { FakeHost } from './fake-host.js';
import { deadlockPause, loop, task } from './fixtures.js';

const SERVER = '/work/project/server.py';
const OTHER = '/work/project/other.py';
const SOURCE = 'import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n\nasyncio.run(main())\n';
const PATH_PYTHON: Interpreter = { executable: '/usr/bin/python3', version: 'CPython 3.11.7', source: 'PATH' };
const VENV_PYTHON: Interpreter = { executable: '/work/project/.venv/bin/python', version: 'CPython 3.12.4', source: 'project .venv' };
const NATIVE_READY: EngineEvent = { type: 'engine.ready', protocol: 1, python: 'CPython 3.11.7 (/usr/bin/python3, native)', loadMs: 1, isolation: [], mode: 'native' };
const EMBEDDED_READY: EngineEvent = { type: 'engine.ready', protocol: 1, python: '3.14.0', loadMs: 1, isolation: ['wasm-gate', 'node-permissions'] };

beforeAll(() => {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  const rect = { x: 0, y: 0, width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0, toJSON: () => ({}) };
  Range.prototype.getClientRects = () => Object.assign([rect], { item: () => rect }) as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect = () => rect as DOMRect;
});

let host: FakeHost;
let storage: KeyValueStorage;
let mounted: Array<{ app: LoopscopeApp; root: Root; container: HTMLElement }> = [];
let container: HTMLElement;
let app: LoopscopeApp;
/** What the host finds, by file. */
let found: Record<string, Interpreter[]>;

async function mount(): Promise<void> {
  host = new FakeHost();
  host.handlers['interpreters.list'] = (request) => ({ ok: true, result: request.type === 'interpreters.list' ? found[request.filename] ?? [] : [] });
  app = new LoopscopeApp(host, { theme: 'light', schedule: immediateScheduler, storage });
  container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  mounted.push({ app, root, container });
  await act(async () => root.render(<AppContext.Provider value={app}><App /></AppContext.Provider>));
  await flush();
}

async function emit(message: Parameters<FakeHost['emit']>[0]): Promise<void> {
  await act(async () => host.emit(message));
  await flush();
}

const open = (path: string) => emit({ type: 'file.opened', file: { path, source: SOURCE, mtimeMs: 1 } });
const picker = () => byRole(container, 'combobox', 'Python interpreter') as HTMLSelectElement;
const options = () => Array.from(picker().options, (option) => option.textContent);
const notice = () => allByRole(container, 'dialog', 'About native mode')[0];
const statusItem = (label: string) => container.querySelector<HTMLElement>(`.status-bar [aria-label="${label}"]`);

beforeEach(async () => {
  storage = memoryStorage();
  found = { [SERVER]: [VENV_PYTHON, PATH_PYTHON], [OTHER]: [PATH_PYTHON] };
  await mount();
});

afterEach(async () => {
  for (const { app: each, root, container: element } of mounted) {
    await act(async () => root.unmount());
    each.dispose();
    element.remove();
  }
  mounted = [];
});

describe('the interpreter picker', () => {
  it('offers the embedded engine and the interpreters found for the open file', async () => {
    expect(picker().disabled).toBe(true);
    await open(SERVER);
    expect(host.last('interpreters.list')).toMatchObject({ filename: SERVER });
    expect(options()).toEqual([
      'Embedded (Pyodide)',
      'CPython 3.12.4 — project .venv (/work/project/.venv/bin/python)',
      'CPython 3.11.7 — PATH (/usr/bin/python3)',
    ]);
    expect(picker().value).toBe('');
    await click(byRole(container, 'button', 'Run'));
    expect(host.last('session.run')).not.toHaveProperty('python');
  });

  it('looks again when focused', async () => {
    await open(SERVER);
    found[SERVER] = [PATH_PYTHON];
    await act(async () => picker().dispatchEvent(new FocusEvent('focusin', { bubbles: true })));
    await flush();
    expect(options()).toEqual(['Embedded (Pyodide)', 'CPython 3.11.7 — PATH (/usr/bin/python3)']);
  });

  it('says why when the host cannot look', async () => {
    host.handlers['interpreters.list'] = () => ({ ok: false, error: 'no such folder' });
    await open(SERVER);
    expect(options()).toEqual(['Embedded (Pyodide)']);
    expect(picker().title).toContain('no such folder');
  });

  it('asks once, before the first native choice, and runs in the chosen interpreter', async () => {
    await open(SERVER);
    await setValue(picker(), PATH_PYTHON.executable);
    expect(notice()?.textContent).toMatch(/with your rights.*not isolated/);
    // Not chosen until the notice is read: Cancel leaves the embedded engine.
    expect(picker().value).toBe('');
    await click(byRole(container, 'button', 'Cancel'));
    expect(notice()).toBeUndefined();
    expect(picker().value).toBe('');

    await setValue(picker(), PATH_PYTHON.executable);
    await click(byRole(container, 'button', 'Use native mode'));
    expect(notice()).toBeUndefined();
    expect(picker().value).toBe(PATH_PYTHON.executable);
    await click(byRole(container, 'button', 'Run'));
    expect(host.last('session.run')).toMatchObject({ filename: SERVER, python: PATH_PYTHON.executable });

    // Read once: another interpreter, even in a new window, is taken at once.
    await mount();
    await open(SERVER);
    await setValue(picker(), VENV_PYTHON.executable);
    expect(notice()).toBeUndefined();
    expect(picker().value).toBe(VENV_PYTHON.executable);
  });

  it('remembers the choice of each file, also in a new window', async () => {
    storage.setItem('loopscope.native.noticeRead', '1');
    await open(SERVER);
    await setValue(picker(), VENV_PYTHON.executable);
    await open(OTHER);
    expect(picker().value).toBe('');
    await click(byRole(container, 'button', 'Run'));
    expect(host.last('session.run')).not.toHaveProperty('python');

    await open(SERVER);
    expect(picker().value).toBe(VENV_PYTHON.executable);
    await mount();
    await open(SERVER);
    expect(picker().value).toBe(VENV_PYTHON.executable);
    await click(byRole(container, 'button', 'Run'));
    expect(host.last('session.run')?.python).toBe(VENV_PYTHON.executable);

    // Back to the embedded engine: remembered too.
    await setValue(picker(), '');
    await mount();
    await open(SERVER);
    expect(picker().value).toBe('');
  });

  it('falls back to the embedded engine when the remembered interpreter is gone', async () => {
    storage.setItem('loopscope.native.noticeRead', '1');
    await open(SERVER);
    await setValue(picker(), VENV_PYTHON.executable);
    found[SERVER] = [PATH_PYTHON];
    await mount();
    await open(SERVER);
    expect(picker().value).toBe('');
  });

  it('keeps the interpreter on Restart', async () => {
    storage.setItem('loopscope.native.noticeRead', '1');
    await open(SERVER);
    await setValue(picker(), PATH_PYTHON.executable);
    await click(byRole(container, 'button', 'Run'));
    await emit({ type: 'events', events: [NATIVE_READY] });
    await click(byRole(container, 'button', 'Restart'));
    expect(host.sent.filter((request) => request.type === 'session.run').map((request) => request.type === 'session.run' && request.python))
      .toEqual([PATH_PYTHON.executable, PATH_PYTHON.executable]);
  });
});

describe('a native run', () => {
  beforeEach(async () => {
    storage.setItem('loopscope.native.noticeRead', '1');
    await open(SERVER);
    await setValue(picker(), PATH_PYTHON.executable);
    await click(byRole(container, 'button', 'Run'));
  });

  it('says Native instead of Isolated, and shows time since the run began', async () => {
    await emit({ type: 'events', events: [NATIVE_READY, { type: 'timeline', fromStep: 1, tasks: [1], times: [[1, 62673.25]], marks: [] }] });
    await emit({ type: 'events', events: [{ type: 'snapshot.delta', seq: 1, loop: { ...loop, time: 62674.5 }, tasks: [task(1)], futures: [], resources: [] }] });
    expect(statusItem('Isolation')?.textContent).toBe('Native');
    expect(statusItem('Isolation')?.title).toMatch(/not isolated/);
    expect(statusItem('Wall time')?.textContent).toBe('wall t = 1.250 s');
    expect(statusItem('Virtual time')).toBeNull();
  });

  it('sends typed lines to the program, echoes them, and ends the input with Ctrl+D', async () => {
    await emit({ type: 'events', events: [NATIVE_READY, { type: 'output', stream: 'stdout', text: 'name? ', step: 1 }] });
    const input = byRole(container, 'textbox', 'Program input') as HTMLInputElement;
    await setValue(input, 'Ada');
    await submit(input);
    expect(host.last('stdin.write')).toMatchObject({ text: 'Ada\n', eof: false });
    expect(input.value).toBe('');
    await emit({ type: 'events', events: [{ type: 'output', stream: 'stdout', text: 'hello Ada\n', step: 2 }] });
    const lines = Array.from(container.querySelectorAll('[role="log"] .console-line'), (line) => line.textContent);
    expect(lines).toEqual(['name? ', 'Ada', 'hello Ada']);

    await key(input, { key: 'd', ctrlKey: true });
    expect(host.last('stdin.write')).toMatchObject({ text: '', eof: true });
    expect(input.disabled).toBe(true);
    expect((byRole(container, 'button', 'Send EOF') as HTMLButtonElement).disabled).toBe(true);
  });

  it('cannot go back in the run or record it', async () => {
    await emit({ type: 'events', events: [NATIVE_READY, deadlockPause()] });
    expect((byRole(container, 'button', 'Continue') as HTMLButtonElement).disabled).toBe(false);
    for (const name of ['Step Back', 'Reverse Continue', 'Back to Previous Switch', 'Save Run']) {
      expect((byRole(container, 'button', name) as HTMLButtonElement).disabled, name).toBe(true);
    }
  });

  it('has no program input in an embedded run', async () => {
    await emit({ type: 'events', events: [EMBEDDED_READY] });
    expect(allByRole(container, 'textbox', 'Program input')).toHaveLength(0);
    expect(statusItem('Isolation')?.textContent).toBe('Isolated');
  });
});

describe('when an embedded run lacks what the program needs', () => {
  const lacking: EngineEvent[] = [
    EMBEDDED_READY,
    { type: 'warning', category: 'NativeModeSuggested', message: 'the module aiohttp is not in the embedded engine: run it in native mode', file: null, line: null },
    { type: 'exit', code: 1 },
  ];

  it('offers native mode, asks the first time, and runs again in the first interpreter found', async () => {
    await open(SERVER);
    await click(byRole(container, 'button', 'Run'));
    await emit({ type: 'events', events: lacking });
    const offer = byRole(container, 'region', 'Native mode suggested');
    expect(offer.textContent).toContain('aiohttp');
    await click(byRole(offer, 'button', 'Run in native mode'));
    expect(allByRole(container, 'region', 'Native mode suggested')).toHaveLength(0);
    await click(byRole(notice()!, 'button', 'Run in native mode'));
    expect(host.last('session.run')).toMatchObject({ filename: SERVER, python: VENV_PYTHON.executable });
    expect(picker().value).toBe(VENV_PYTHON.executable);
    expect(storage.getItem(`loopscope.native.python:${SERVER}`)).toBe(VENV_PYTHON.executable);
  });

  it('cannot offer what was not found', async () => {
    found[SERVER] = [];
    await open(SERVER);
    await click(byRole(container, 'button', 'Run'));
    await emit({ type: 'events', events: lacking });
    const offer = byRole(container, 'region', 'Native mode suggested');
    expect(offer.textContent).toContain('No Python 3.11 or later was found');
    expect((byRole(offer, 'button', 'Run in native mode') as HTMLButtonElement).disabled).toBe(true);
    await click(byRole(offer, 'button', 'Dismiss suggestion'));
    expect(allByRole(container, 'region', 'Native mode suggested')).toHaveLength(0);
  });
});
