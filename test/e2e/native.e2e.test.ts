// Native mode end to end: the UI picks the python3 on PATH for the TCP echo server example,
// stops in the server's handler, shows the task of each connection, and runs to the end. On
// the real local python3 (3.11 or later); skipped, saying why, where there is none.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startBrowserShell, type BrowserShell } from '../../main/browser-shell/server.js';
import { launchChromium, missing as noBrowser, openWorkbench } from './pages/browser.js';
import { NativeMode } from './pages/native-mode.js';
import { ENGINE_TIMEOUT, type WorkbenchPage } from './pages/workbench-page.js';

function noPython(): string | undefined {
  try {
    const version = execFileSync('python3', ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' }).trim();
    const [major = 0, minor = 0] = version.split('.').map(Number);
    return major > 3 || (major === 3 && minor >= 11) ? undefined : `python3 on PATH is ${version}: native mode needs 3.11 or later`;
  } catch {
    return 'no python3 on PATH';
  }
}

const missing = noBrowser ?? noPython();
if (missing) console.log(`native e2e: skipped: ${missing}`);

describe.skipIf(missing)('Native mode in a browser', () => {
  let shell: BrowserShell;
  let browser: Browser;
  let context: BrowserContext;
  let ui: WorkbenchPage;
  let native: NativeMode;

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
    native = new NativeMode(ui.page);
  });

  afterEach(async () => {
    await ui.ensureStopped();
    await context.close();
  });

  /** Continue, and wait for the next pause (the step count moves on, the banner is back). */
  async function continueToNextPause(): Promise<void> {
    const steps = ui.page.locator('[aria-label="Step count"]');
    const before = await steps.textContent();
    await ui.press('Continue');
    await ui.page.waitForFunction((previous) => {
      const now = document.querySelector('[aria-label="Step count"]')?.textContent;
      return now !== previous && document.querySelector('[aria-label="Pause reason"]') !== null;
    }, before, { timeout: ENGINE_TIMEOUT });
  }

  it('runs the echo server in the python3 on PATH, stops in the handler, and shows both connections', async () => {
    await ui.openExample(/^An asyncio TCP echo server/);
    expect((await native.options())[0]).toBe('Embedded (Pyodide)');
    const label = await native.pick(/ — PATH \(/);
    expect(label).toMatch(/^CPython 3\.\d+\.\d+ — PATH \(\/.*python3[.\d]*\)$/);

    // The first native choice waits for the notice: the program runs with the user's rights.
    await native.notice().waitFor();
    expect(await native.notice().textContent()).toMatch(/with your rights.*not isolated/);
    await ui.screenshot('native-01-notice');
    await native.acceptNotice();
    expect(await native.chosen()).toBe(label);

    const readLine = await ui.editor.lineOf('line = await reader.readline()');
    await ui.editor.toggleBreakpoint(readLine);
    await ui.press('Run');
    expect(await ui.waitForPause(/^Paused: breakpoint/)).toContain(`:${readLine}`);
    await ui.editor.waitForPausedLine(readLine);
    expect(await native.isolation()).toEqual({ text: 'Native', title: expect.stringMatching(/not isolated/) });
    expect(await native.wallTime()).toMatch(/^wall t = \d+\.\d{3} s$/);
    expect(await native.input().isVisible()).toBe(true);

    // Each connection has a handler task; the second may not be accepted at the first stop.
    let handlers = await ui.panels.tasksRunning('handle');
    for (let attempt = 0; handlers.length < 2 && attempt < 8; attempt++) {
      await continueToNextPause();
      handlers = await ui.panels.tasksRunning('handle');
    }
    expect(handlers).toHaveLength(2);
    expect(new Set(handlers).size).toBe(2);
    for (const name of handlers) expect(name).toMatch(/^Task-\d+$/);
    await ui.screenshot('native-02-both-connections');

    await ui.editor.toggleBreakpoint(readLine);
    await ui.press('Continue');
    await ui.runResult().filter({ hasText: 'Exited with status 0' }).waitFor({ timeout: ENGINE_TIMEOUT });
    await ui.panels.waitForOutput('server closed');
    expect(await ui.panels.consoleText()).toMatch(/bob: sent 'done', got 'DONE'/);
    expect(await native.input().isDisabled()).toBe(true);
    await ui.screenshot('native-03-finished');
  });

  it('offers native mode when the embedded engine cannot open the server, and runs it there', async () => {
    await ui.openExample(/^An asyncio TCP echo server/);
    await native.picker().locator('option', { hasText: / — PATH \(/ }).waitFor({ state: 'attached' });
    expect(await native.chosen()).toBe('Embedded (Pyodide)');
    await ui.press('Run');
    await native.offer().waitFor({ timeout: ENGINE_TIMEOUT });
    expect(await native.offer().textContent()).toMatch(/native mode/);
    await ui.screenshot('native-04-offer');

    await native.offer().getByRole('button', { name: 'Run in native mode' }).click();
    await native.acceptNotice();
    await ui.runResult().filter({ hasText: 'Exited with status 0' }).waitFor({ timeout: ENGINE_TIMEOUT });
    await ui.panels.waitForOutput('server closed');
    expect(await native.chosen()).not.toBe('Embedded (Pyodide)');
    expect((await native.isolation()).text).toBe('Native');
  });
});

/** Reads a line with input(), then the rest of stdin to its end. */
const GREETER = `import asyncio
import sys


async def main():
    name = input("name? ")
    print(f"hello {name}")
    rest = sys.stdin.read()
    print(f"then {len(rest.split())} more words")


asyncio.run(main())
`;

describe.skipIf(missing)('A native program reading stdin in a browser', () => {
  let dir: string;
  let shell: BrowserShell;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'loopscope-stdin-'));
    writeFileSync(join(dir, 'greeter.py'), GREETER);
    shell = await startBrowserShell({ port: 0, file: join(dir, 'greeter.py') });
    browser = await launchChromium();
  }, ENGINE_TIMEOUT);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await shell?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends typed lines to the program, echoes them, and ends its input with Send EOF', async () => {
    let ui: WorkbenchPage;
    ({ context, ui } = await openWorkbench(browser, shell.url));
    const native = new NativeMode(ui.page);
    await native.pick(/ — PATH \(/);
    await native.acceptNotice();
    await ui.press('Run');
    await ui.panels.waitForOutput('name?', ENGINE_TIMEOUT);
    await native.type('Ada');
    await ui.panels.waitForOutput('hello Ada');
    await native.type('two words');
    await native.sendEof();
    await ui.runResult().filter({ hasText: 'Exited with status 0' }).waitFor({ timeout: ENGINE_TIMEOUT });
    const lines = await ui.panels.consoleLines();
    expect(lines).toEqual(expect.arrayContaining(['name? ', 'Ada', 'hello Ada', 'two words', 'then 2 more words']));
    expect(lines.indexOf('Ada')).toBeLessThan(lines.indexOf('hello Ada'));
    await ui.screenshot('native-05-stdin');
  });
});
