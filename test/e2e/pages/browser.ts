// What every browser e2e file shares: Debian's Chromium with the flags this machine needs, why
// a file skips, and a fresh page of the workbench, loaded and at rest.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { WorkbenchPage } from './workbench-page.js';

const CHROMIUM = process.env.LOOPSCOPE_CHROMIUM ?? '/usr/bin/chromium';

/** Why the browser e2e tests cannot run here, or undefined when they can. */
export const missing = !existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM}` : !existsSync('dist/renderer/index.html') ? 'the renderer is not built (npm run build)' : undefined;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** A new context (1440×900, light) with the workbench at `url`, no program running. */
export async function openWorkbench(browser: Browser, url: string): Promise<{ context: BrowserContext; ui: WorkbenchPage }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  const ui = new WorkbenchPage(await context.newPage());
  await ui.goto(url);
  await ui.ensureStopped();
  return { context, ui };
}
