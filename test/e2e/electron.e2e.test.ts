// The desktop app end to end, through Playwright's Electron driver: it opens the bundled example
// in a locked-down window, runs it from the toolbar, and shows the output. It needs the Electron
// binary (and, on Linux, a display: run under xvfb-run); where either is missing it is skipped
// with the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { FETCH_ELECTRON, displayProblem, findElectronBinary } from '../../main/electron/electron-binary.js';

const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = resolve(ROOT, 'dist/main/main.mjs');
const EXAMPLE = resolve(ROOT, 'assets/examples/hello_tasks.py');

function unavailable(): string | undefined {
  const binary = findElectronBinary(ROOT);
  if (!binary.ok) return `Electron binary not installed: ${binary.reason} (${FETCH_ELECTRON} fetches it)`;
  const display = displayProblem();
  if (display) return `Electron cannot show a window: ${display} (run under xvfb-run)`;
  if (!existsSync(MAIN)) return `the app is not built: ${MAIN} is missing (npm run build)`;
  return undefined;
}

const reason = unavailable();
if (reason) console.log(`electron e2e: skipped: ${reason}`);

describe('Loopscope desktop app', () => {
  let app: ElectronApplication | undefined;
  let page: Page;

  beforeAll(async () => {
    if (reason) return;
    const binary = findElectronBinary(ROOT);
    if (!binary.ok) return;
    app = await electron.launch({ executablePath: binary.path, args: [MAIN, EXAMPLE], cwd: ROOT, timeout: 60_000 });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 90_000);

  afterAll(async () => {
    await app?.close();
  });

  it('opens the file from its command line in a window titled with it', async (ctx) => {
    if (reason || !app) return ctx.skip(reason ?? 'the app did not start');
    await expect.poll(() => page.title(), { timeout: 30_000 }).toBe('hello_tasks.py — Loopscope');
  });

  it('locks the window down: sandboxed, isolated, no Node, no new windows, only the typed bridge', async (ctx) => {
    if (reason || !app) return ctx.skip(reason ?? 'the app did not start');
    // What the page can reach, seen from inside it: no Node, only the bridge, no new windows.
    const reach = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys((globalThis as unknown as { loopscope: object }).loopscope).sort(),
      opened: globalThis.open('https://example.com/') === null,
      origin: location.origin,
    }));
    expect(reach).toEqual({ require: 'undefined', process: 'undefined', bridge: ['getPathForFile', 'onMessage', 'send'], opened: true, origin: 'loopscope://app' });
    expect(app.windows()).toHaveLength(1);
  });

  it('has the run controls in its menu', async (ctx) => {
    if (reason || !app) return ctx.skip(reason ?? 'the app did not start');
    const labels = await app.evaluate(({ Menu }) => {
      const run = Menu.getApplicationMenu()?.items.find((item) => item.label.replace('&', '') === 'Run');
      return run?.submenu?.items.map((item) => `${item.label}=${item.accelerator ?? ''}`) ?? [];
    });
    expect(labels).toEqual(expect.arrayContaining(['Run / Continue=F5', 'Stop=Shift+F5', 'Pause=F6', 'Step Over=F10', 'Step Into=F11', 'Step Out=Shift+F11', 'Toggle Breakpoint=F9']));
  });

  it('runs the example from the toolbar and shows its output', async (ctx) => {
    if (reason || !app) return ctx.skip(reason ?? 'the app did not start');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => page.getByText(/results: \['alice done', 'bob done', 'carol done'\]/).count(), { timeout: 60_000 }).toBeGreaterThan(0);
  });

  it("runs the engine isolated by both layers, Electron's Node under the permission model too", async (ctx) => {
    if (reason || !app) return ctx.skip(reason ?? 'the app did not start');
    await expect.poll(() => page.getByLabel('Isolation').textContent(), { timeout: 30_000 }).toBe('Isolated');
  });
});
