// The debugger UI end to end, driven as a user drives it: Chromium against the browser shell
// (started in this process) and the real engine. Screenshots land in test-results/screenshots/.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startBrowserShell, type BrowserShell } from '../../main/browser-shell/server.js';
import { launchChromium, missing, openWorkbench } from './pages/browser.js';
import { ENGINE_TIMEOUT, type WorkbenchPage } from './pages/workbench-page.js';

if (missing) console.log(`ui e2e: skipped: ${missing}`);

describe.skipIf(missing)('Loopscope in a browser', () => {
  let shell: BrowserShell;
  let browser: Browser;
  let context: BrowserContext;
  let ui: WorkbenchPage;

  beforeAll(async () => {
    shell = await startBrowserShell({ port: 0 });
    browser = await launchChromium();
  }, ENGINE_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await shell?.close();
  });

  beforeEach(async () => {
    ({ context, ui } = await openWorkbench(browser, shell.url));
  });

  afterEach(async () => {
    await context.close();
  });

  it('starts with the examples and says what to do', async () => {
    await ui.page.getByRole('heading', { name: 'Open an example' }).waitFor();
    expect(await ui.page.getByRole('button', { name: /^Dining philosophers/ }).isVisible()).toBe(true);
    for (const title of ['Tasks', 'Call Stack', 'Variables', 'Watch', 'Futures', 'Resources', 'Wait-for Graph', 'Breakpoints', 'Console']) {
      expect(await ui.panels.heading(title).isVisible(), title).toBe(true);
    }
    await ui.screenshot('01-examples');
  });

  it('stops at a breakpoint, shows the task, steps over an await in the same task, and runs to the end', async () => {
    await ui.openExample(/^Producer and consumers/);
    const awaitLine = await ui.editor.lineOf('await asyncio.sleep(0.25)');
    await ui.editor.toggleBreakpoint(awaitLine);
    expect(await ui.editor.hasBreakpoint(awaitLine)).toBe(true);
    // Only consumer c1: c2 passes the same line and must not stop there.
    await ui.editor.editBreakpoint(awaitLine, { condition: "name == 'c1'" });
    await ui.press('Run');

    expect(await ui.waitForPause(/^Paused: breakpoint/)).toContain(`:${awaitLine}`);
    expect(await ui.isolation()).toEqual({ text: 'Isolated', title: expect.stringMatching(/imports are gated; Node's permission model/) });
    await ui.editor.waitForPausedLine(awaitLine);
    await ui.panels.selectTask('c1');
    const stack = await ui.panels.stackOf('c1');
    expect(stack[0]).toMatch(new RegExp(`^consumer\\s*producer_consumer\\.py:${awaitLine}$`));
    expect(await ui.panels.variable('name')).toBe("'c1'");
    expect(await ui.panels.variable('item')).toBe('0');
    expect(await ui.panels.evaluate('name.upper() + str(item + 40)')).toBe("'C140'");
    await ui.screenshot('02-breakpoint');

    // Over the await: other tasks run meanwhile, and the step ends in c1 on the next line.
    await ui.press('Step Over');
    await ui.waitForPause(/^Paused: step/);
    await ui.editor.waitForPausedLine(awaitLine + 1);
    expect(await ui.panels.stackOf('c1')).toHaveLength(stack.length);
    expect(await ui.panels.variable('item')).toBe('0');
    await ui.screenshot('03-stepped-over-await');

    await ui.editor.toggleBreakpoint(awaitLine);
    await ui.press('Continue');
    await ui.runResult().filter({ hasText: 'Exited with status 0' }).waitFor({ timeout: ENGINE_TIMEOUT });
    await ui.panels.waitForOutput('total: 55');
    expect(await ui.panels.consoleText()).toContain('c2 consumed 5');
    await ui.screenshot('04-finished');
  });

  it('names a deadlock and draws its cycle', async () => {
    await ui.openExample(/^Dining philosophers/);
    await ui.press('Run');
    const reason = await ui.waitForPause(/^Paused: deadlock/);
    expect(reason).toMatch(/Lock cycle: .*Aristotle/);
    const inCycle = await ui.panels.cycleNodes();
    for (const name of ['Aristotle', 'Kant', 'Spinoza', 'Marx', 'Russell']) expect(inCycle).toContain(`Task ${name}`);
    expect(inCycle.filter((label) => label.startsWith('Resource Lock'))).toHaveLength(5);
    expect((await ui.panels.cycleDescriptions())[0]).toMatch(/^Lock cycle: /);
    await ui.panels.clickGraphNode('Task Kant (in a cycle)');
    expect(await ui.panels.stackOf('Kant')).toContainEqual(expect.stringMatching(/^philosopher/));
    await ui.screenshot('05-deadlock');
    await ui.press('Stop');
    await ui.waitForState('Exited');
  });

  it('pauses a runaway loop, stops it, and restarts it', async () => {
    await ui.openExample(/^Runaway loop/);
    await ui.press('Run');
    await ui.waitForState('Running');
    // The program prints, then spins without ever yielding; Pause must still stop it. A Pause
    // that lands before the spin (in a heartbeat) is continued and tried again.
    const spinLines = [await ui.editor.lineOf('while True:'), await ui.editor.lineOf('count += 1')];
    for (let attempt = 0; ; attempt++) {
      await ui.press('Pause');
      await ui.waitForPause(/^Paused/);
      if (spinLines.includes((await ui.editor.pausedLine()) ?? -1)) break;
      expect(attempt).toBeLessThan(5);
      await ui.press('Continue');
      await ui.waitForState('Running');
    }
    expect(await ui.pauseReason().textContent()).toMatch(/^Paused — in .* at line 1[56]$/);
    await ui.panels.waitForOutput('spinning forever now');
    expect(Number(await ui.panels.variable('count'))).toBeGreaterThan(0);
    await ui.screenshot('06-runaway-paused');

    await ui.press('Stop');
    await ui.runResult().filter({ hasText: 'stopped' }).waitFor({ timeout: ENGINE_TIMEOUT });
    expect(await ui.enabledButtons()).toEqual(['Run', 'Restart', 'Back to Previous Switch']);
    await ui.press('Restart');
    await ui.waitForState('Running');
    expect(await ui.enabledButtons()).toEqual(['Pause', 'Stop', 'Restart']);
    await ui.screenshot('07-restarted');
    await ui.press('Stop');
    await ui.waitForState('Exited');
  });

  it('steps back across an await, and goes to a moment of the timeline, with every panel there', async () => {
    await ui.openExample(/^Producer and consumers/);
    const printLine = await ui.editor.lineOf('print(f"{name} consumed {item}")');
    const sleepLine = await ui.editor.lineOf('await asyncio.sleep(0.25)');
    await ui.editor.toggleBreakpoint(printLine);
    await ui.editor.editBreakpoint(printLine, { condition: "name == 'c1'" });
    await ui.press('Run');
    await ui.waitForPause(/^Paused: breakpoint/);
    await ui.panels.selectTask('c1');
    expect(await ui.panels.variable('item')).toBe('0');
    const atBreakpoint = await ui.timeline.summary();

    // Back over results.append, then across the await of the sleep into c1's previous step.
    await ui.press('Step Back');
    await ui.waitForPause(/^At step \d+/);
    await ui.editor.waitForPausedLine(printLine - 1);
    await ui.press('Step Back');
    await ui.editor.waitForPausedLine(sleepLine);
    await ui.panels.selectTask('c1');
    expect(await ui.panels.variable('item')).toBe('0');
    expect(await ui.timeline.summary()).not.toBe(atBreakpoint);
    await ui.screenshot('09-stepped-back');

    // The first moments of the run: nothing consumed yet, the console as it was.
    await ui.timeline.goToStep(2);
    await ui.waitForPause(/^At step 2\b/);
    expect(await ui.panels.panel('Console').textContent()).not.toContain('consumed');
    await ui.timeline.clickAt(0.6);
    await ui.waitForPause(/^At step (?!2\b)\d+/);
    await ui.screenshot('10-timeline-moment');
    // Forward from there, the run goes on to the breakpoint as it did.
    await ui.press('Continue');
    await ui.waitForPause(/^Paused: breakpoint/);
    await ui.editor.toggleBreakpoint(printLine);
    await ui.press('Continue');
    await ui.runResult().filter({ hasText: 'Exited with status 0' }).waitFor({ timeout: ENGINE_TIMEOUT });
  });

  it('switches to the dark theme', async () => {
    await ui.openExample(/^Hello, tasks/);
    await ui.page.getByRole('button', { name: 'Toggle theme' }).click();
    expect(await ui.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await ui.press('Run');
    await ui.runResult().filter({ hasText: 'Exited with status 0' }).waitFor({ timeout: ENGINE_TIMEOUT });
    await ui.panels.waitForOutput("results: ['alice done', 'bob done', 'carol done']");
    await ui.screenshot('08-dark-theme');
  });
});
