// @vitest-environment jsdom
// The app in a DOM, against a fake host: what a user sees and what reaches the host.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LoopscopeApp } from '../../renderer/app/loopscope-app.js';
import { AppContext } from '../../renderer/components/app-context.js';
import { App } from '../../renderer/components/App.js';
import { immediateScheduler } from '../../renderer/state/store.js';
import { deadlockPause, FILE, loop, task } from './fixtures.js';
import { FakeHost } from './fake-host.js';

const SOURCE = 'import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n\nasyncio.run(main())\n';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean;
}

beforeAll(() => {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  // jsdom has no layout; CodeMirror measures text with ranges.
  const rect = { x: 0, y: 0, width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0, toJSON: () => ({}) };
  Range.prototype.getClientRects = () => Object.assign([rect], { item: () => rect }) as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect = () => rect as DOMRect;
});

let host: FakeHost;
let app: LoopscopeApp;
let root: Root;
let container: HTMLElement;
let baseline: { session: number; ui: number };

async function flush(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

async function emit(message: Parameters<FakeHost['emit']>[0]): Promise<void> {
  await act(async () => host.emit(message));
  await flush();
}

function byRole(role: string, name: string | RegExp): HTMLElement {
  const found = Array.from(container.querySelectorAll<HTMLElement>(`[role="${role}"], ${role === 'button' ? 'button' : role === 'heading' ? 'h2, h3' : role === 'textbox' ? 'input' : role === 'checkbox' ? 'input[type=checkbox]' : '_'}`))
    .filter((element) => {
      const label = element.getAttribute('aria-label') ?? (element.id ? container.querySelector(`label[for="${element.id}"]`)?.textContent : null) ?? element.closest('label')?.textContent ?? element.textContent ?? '';
      return typeof name === 'string' ? label.trim() === name : name.test(label);
    });
  if (found.length === 0) throw new Error(`no ${role} named ${name}`);
  return found[0]!;
}

const click = async (element: HTMLElement) => {
  await act(async () => {
    element.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
    element.dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0 }));
  });
  await flush();
};

beforeEach(async () => {
  host = new FakeHost();
  host.handlers['examples.list'] = () => ({ ok: true, result: [{ name: 'philosophers', title: 'Dining philosophers', path: FILE }] });
  host.handlers['file.open'] = (request) => ({ ok: true, result: { path: request.type === 'file.open' ? request.path : '', source: SOURCE, mtimeMs: 1 } });
  app = new LoopscopeApp(host, { theme: 'light', schedule: immediateScheduler });
  baseline = { session: app.session.listenerCount, ui: app.ui.listenerCount };
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => root.render(<AppContext.Provider value={app}><App /></AppContext.Provider>));
  await act(async () => app.start());
  await flush();
});

afterEach(async () => {
  await act(async () => root.unmount());
  // Every view's subscription went with it.
  expect({ session: app.session.listenerCount, ui: app.ui.listenerCount }).toEqual(baseline);
  app.dispose();
  container.remove();
  expect(host.listenerCount).toBe(0);
});

describe('first start', () => {
  it('subscribes, offers the examples, and opens one', async () => {
    expect(host.sent.map((request) => request.type)).toEqual(['session.subscribe', 'examples.list']);
    expect(byRole('heading', 'Open an example')).toBeTruthy();
    await click(byRole('button', /Dining philosophers/));
    expect(host.last('file.open')?.path).toBe(FILE);
    expect(container.querySelector('.cm-content')?.textContent).toContain('asyncio.run(main())');
    expect(container.querySelector('.examples')).toBeNull();
    expect(document.title).toBe('philosophers.py — Loopscope');
    expect(byRole('button', 'Run').hasAttribute('disabled')).toBe(false);
  });

  it('has every panel, titled', () => {
    // What a screen reader reads: without the aria-hidden chevron.
    const headings = Array.from(container.querySelectorAll('h2'), (h) => {
      const copy = h.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
      return copy.textContent;
    });
    for (const title of ['Tasks', 'Call Stack', 'Variables', 'Watch', 'Futures', 'Resources', 'Wait-for Graph', 'Breakpoints', 'Console']) {
      expect(headings).toContain(title);
    }
  });
});

describe('with a file open', () => {
  beforeEach(async () => {
    await emit({ type: 'file.opened', file: { path: FILE, source: SOURCE, mtimeMs: 1 } });
  });

  it('sets a breakpoint from the gutter and runs with it', async () => {
    await click(byRole('button', 'Toggle breakpoint at line 4'));
    expect(container.querySelector('.breakpoint-list')?.textContent).toContain('philosophers.py:4');
    await click(byRole('button', 'Run'));
    expect(host.last('session.run')).toMatchObject({ filename: FILE, source: SOURCE, breakpoints: [{ file: FILE, line: 4 }], breakOn: ['deadlock'] });
  });

  it('sends break-on settings with the run', async () => {
    await click(byRole('checkbox', 'task-switch'));
    await click(byRole('checkbox', 'deadlock'));
    await click(byRole('button', 'Run'));
    expect(host.last('session.run')?.breakOn).toEqual(['task-switch']);
  });

  it('renders only the visible rows of ten thousand tasks', async () => {
    await click(byRole('button', 'Run'));
    await emit({ type: 'events', events: [{ type: 'engine.ready', protocol: 1, python: '3.14.0', loadMs: 1 }] });
    const tasks = [task(1, { name: 'main', state: 'running' }), ...Array.from({ length: 10_000 }, (_, i) => task(i + 2, { parent: 1, name: `worker-${i}` }))];
    await emit({ type: 'events', events: [{ type: 'snapshot.delta', seq: 1, loop: { ...loop, taskCount: 10_001 }, tasks, futures: [], resources: [] }] });
    const rows = container.querySelectorAll('[role="tree"][aria-label="Tasks"] [role="treeitem"]');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(100);
    expect(container.querySelector('.status-bar')?.textContent).toContain('10,001 live');
  });

  it('shows a deadlock pause: reason, stack, locals, cycle', async () => {
    await click(byRole('button', 'Run'));
    await emit({ type: 'events', events: [{ type: 'engine.ready', protocol: 1, python: '3.14.0', loadMs: 1 }, deadlockPause()] });
    expect(byRole('status', 'Pause reason').textContent).toMatch(/^Paused: deadlock — Lock cycle: Aristotle waits for Lock fork_b/);
    expect(byRole('button', 'Continue').hasAttribute('disabled')).toBe(false);
    expect(container.querySelector('[aria-label="Call stack of Aristotle"]')?.textContent).toContain('philosopher');
    expect(container.querySelector('[aria-label="Variables"]')?.textContent).toContain("name: 'Aristotle'");
    expect(container.querySelectorAll('.wait-graph .node.cycle')).toHaveLength(4);
    expect(container.querySelector('.cycle-list')?.textContent).toContain('Lock cycle');
    await click(byRole('button', 'Task Kant (in a cycle)'));
    expect(app.ui.get().selectedTaskId).toBe(2);
    await click(byRole('button', 'Step Over'));
    expect(host.last('debug')?.command).toEqual({ type: 'debug.step', kind: 'over', taskId: 2 });
  });

  it('evaluates in the console while paused', async () => {
    host.handlers.debug = (request) => (request.type === 'debug' && request.command.type === 'inspect.evaluate'
      ? { ok: true, result: { name: request.command.expression, value: "'AristotleAristotle'", type: 'str', ref: 0 } }
      : { ok: true });
    await emit({ type: 'events', events: [{ type: 'engine.ready', protocol: 1, python: '3.14.0', loadMs: 1 }, deadlockPause()] });
    const input = byRole('textbox', 'Evaluate expression') as HTMLInputElement;
    await act(async () => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setValue.call(input, 'name * 2');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => input.form!.requestSubmit());
    await flush();
    expect(host.last('debug')?.command).toEqual({ type: 'inspect.evaluate', expression: 'name * 2', frameId: 6 });
    expect(container.querySelector('[role="log"]')?.textContent).toContain("'AristotleAristotle'");
  });

  it('carries out menu actions the way the toolbar does', async () => {
    await emit({ type: 'events', events: [{ type: 'engine.ready', protocol: 1, python: '3.14.0', loadMs: 1 }] });
    await emit({ type: 'menu', action: 'Pause' });
    expect(host.last('debug')?.command).toEqual({ type: 'debug.pause' });
    await emit({ type: 'menu', action: 'Continue' });
    expect(host.sent.filter((request) => request.type === 'debug')).toHaveLength(1);
  });

  it('saves with Ctrl+S and toggles a breakpoint on the cursor line with F9', async () => {
    const key = async (init: KeyboardEventInit) => {
      await act(async () => {
        window.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
      });
      await flush();
    };
    app.actions.setCursorLine(3);
    await key({ key: 'F9' });
    expect(app.ui.get().breakpoints).toEqual([{ file: FILE, line: 3, enabled: true }]);
    await key({ key: 's', ctrlKey: true });
    expect(host.last('file.save')).toMatchObject({ path: FILE, source: SOURCE });
    expect(container.querySelector('[role="status"].notice-info')?.textContent).toContain('Saved philosophers.py');
  });

  it('switches theme', async () => {
    const before = document.documentElement.dataset.theme;
    await click(byRole('button', 'Toggle theme'));
    expect(document.documentElement.dataset.theme).not.toBe(before);
  });
});
