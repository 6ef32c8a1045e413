// The Explore panel end to end: Chromium against the browser shell and the real engine. It
// explores the open file with a progress bar, lists what it found, and "Open in debugger"
// starts that schedule paused at the failure. Screenshots land in test-results/screenshots/.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startBrowserShell, type BrowserShell } from '../../main/browser-shell/server.js';
import { ExplorePanel } from './pages/explore-panel.js';
import { launchChromium, missing, openWorkbench } from './pages/browser.js';
import { ENGINE_TIMEOUT, type WorkbenchPage } from './pages/workbench-page.js';

const PROGRAM = join(import.meta.dirname, '..', 'explore', 'programs', 'init_once.py');
if (missing) console.log(`explore e2e: skipped: ${missing}`);

describe.skipIf(missing)('the Explore panel in a browser', () => {
  let shell: BrowserShell;
  let browser: Browser;
  let context: BrowserContext;
  let ui: WorkbenchPage;
  let explore: ExplorePanel;

  beforeAll(async () => {
    shell = await startBrowserShell({ port: 0, file: PROGRAM });
    browser = await launchChromium();
  }, ENGINE_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await shell?.close();
  });

  beforeEach(async () => {
    ({ context, ui } = await openWorkbench(browser, shell.url));
    explore = new ExplorePanel(ui.page);
  });

  afterEach(async () => {
    await context.close();
  });

  it('explores the open file with a progress bar, lists the failure, and opens it paused at the exception', async () => {
    await explore.open();
    await explore.explore('random', 8);
    await explore.progressBar().waitFor({ timeout: ENGINE_TIMEOUT });
    await explore.waitUntilDone();
    expect(await explore.status()).toMatch(/^Done: 8\/8 schedules · \d+\.\d schedules\/s · 1 distinct failure$/);
    const name = /^assertion: AssertionError: opened 2 connections/;
    expect(await explore.failureNames()).toEqual([expect.stringMatching(name)]);
    expect(await explore.token(name)).toMatch(/^ls1\./);
    expect(await explore.explanation(name)).toMatch(/switch(es)? from the default order matter/);
    await ui.screenshot('explore-01-failures');

    await explore.openInDebugger(name);
    expect(await ui.waitForPause(/^Paused: exception/)).toMatch(/AssertionError: opened 2 connections/);
    const assertLine = await ui.editor.lineOf('assert client.opened == 1');
    await ui.editor.waitForPausedLine(assertLine);
    await ui.screenshot('explore-02-open-in-debugger');
    await ui.press('Continue');
    await ui.runResult().filter({ hasText: 'Exited with status 1' }).waitFor({ timeout: ENGINE_TIMEOUT });

    // Without the schedule, Run takes the default order, which passes.
    await ui.press('Run');
    await ui.runResult().filter({ hasText: 'Exited with status 0' }).waitFor({ timeout: ENGINE_TIMEOUT });
  });

  it('stops an exploration from the panel and shows what ran', async () => {
    await explore.open();
    await explore.explore('pct', 5000);
    await explore.progressBar().waitFor({ timeout: ENGINE_TIMEOUT });
    await ui.page.getByRole('status', { name: 'Exploration status' }).filter({ hasText: /: [2-9]\d*\/5000 schedules/ }).waitFor({ timeout: ENGINE_TIMEOUT });
    await explore.stop();
    await explore.waitUntilDone();
    const status = await explore.status();
    const runs = Number(/: (\d+)\/5000/.exec(status)?.[1]);
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(runs).toBeLessThan(5000);
  });
});
