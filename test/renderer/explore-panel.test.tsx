// @vitest-environment jsdom
// The Explore panel against a fake host: the host's last progress event ("done") comes before
// its report does, and the panel says Done only once the failures it found are listed.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExploreFailure, ExploreReport } from '../../core/protocol/index.js';
import { LoopscopeApp } from '../../renderer/app/loopscope-app.js';
import { memoryStorage } from '../../renderer/app/native-preferences.js';
import { AppContext } from '../../renderer/components/app-context.js';
import { App } from '../../renderer/components/App.js';
import { immediateScheduler } from '../../renderer/state/store.js';
import { allByRole, byRole, click, flush } from './dom.js';
import { FakeHost } from './fake-host.js';

const FILE = '/work/project/init_once.py';
const SOURCE = 'import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n\nasyncio.run(main())\n';

const FAILURE: ExploreFailure = {
  signature: 'assertion:AssertionError:init_once.py:20',
  kind: 'assertion',
  message: 'AssertionError: opened 2 connections',
  file: FILE,
  line: 20,
  count: 3,
  inDefaultOrder: false,
  first: { index: 2, token: 'ls1.first', deviations: 2 },
  shortest: { index: 5, token: 'ls1.shortest', deviations: 1 },
  shrunk: null,
};

const REPORT: ExploreReport = {
  format: 'loopscope-explore',
  version: 1,
  program: { file: FILE, fingerprint: 'f' },
  settings: { strategy: 'random', seed: 1, runs: 8, timeSeconds: null, depth: 3, bound: null, oracle: null, shard: null, shrink: true, stopAtFirst: false },
  baseline: { exit: 0, points: 4, steps: 10, virtualTime: 1 },
  limits: { steps: 1000, virtualSeconds: 100, realSeconds: 10 },
  runs: 8,
  indices: [[0, 1, 8]],
  exhaustedBound: null,
  mergedShards: null,
  stopped: false,
  jobs: 1,
  elapsedSeconds: 1,
  runsPerSecond: 8,
  failures: [FAILURE],
};

beforeAll(() => {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
});

let host: FakeHost;
let app: LoopscopeApp;
let root: Root;
let container: HTMLElement;

beforeEach(async () => {
  host = new FakeHost();
  host.handlers['explore.start'] = () => 'hold';
  app = new LoopscopeApp(host, { theme: 'light', schedule: immediateScheduler, storage: memoryStorage() });
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => root.render(<AppContext.Provider value={app}><App /></AppContext.Provider>));
  await flush();
  await act(async () => host.emit({ type: 'file.opened', file: { path: FILE, source: SOURCE, mtimeMs: 1 } }));
  await flush();
});

afterEach(async () => {
  await act(async () => root.unmount());
  app.dispose();
  container.remove();
});

const status = () => allByRole(container, 'status', 'Exploration status')[0]?.textContent ?? '';
const failures = () => Array.from(container.querySelectorAll('[aria-label="Failures"] li'), (item) => item.getAttribute('aria-label'));

describe('the Explore panel', () => {
  it('says Done only when the report, with its failures, is in', async () => {
    const panelToggle = byRole(container, 'heading', /Explore$/).querySelector('button')!;
    if (panelToggle.getAttribute('aria-expanded') !== 'true') await click(panelToggle);
    await click(byRole(container, 'button', 'Explore schedules'));
    expect(host.last('explore.start')).toMatchObject({ filename: FILE, strategy: 'random', runs: 100 });

    await act(async () => host.emit({ type: 'explore.progress', progress: { phase: 'exploring', runs: 4, total: 8, elapsedSeconds: 0.5, runsPerSecond: 8, failures: 1 } }));
    await flush();
    expect(status()).toBe('Exploring: 4/8 schedules · 8.0 schedules/s · 1 distinct failure');

    await act(async () => host.emit({ type: 'explore.progress', progress: { phase: 'done', runs: 8, total: 8, elapsedSeconds: 1, runsPerSecond: 8, failures: 1 } }));
    await flush();
    expect(status()).toMatch(/^Reporting: 8\/8 schedules/);
    expect(failures()).toEqual([]);
    expect(allByRole(container, 'button', 'Stop exploring')).toHaveLength(1);

    await act(async () => host.answerHeld('explore.start', { ok: true, result: REPORT }));
    await flush();
    expect(status()).toBe('Done: 8/8 schedules · 8.0 schedules/s · 1 distinct failure');
    expect(failures()).toEqual(['assertion: AssertionError: opened 2 connections']);
    expect((byRole(container, 'textbox', 'Replay token') as HTMLInputElement).value).toBe('ls1.shortest');
  });
});
