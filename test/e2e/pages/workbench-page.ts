// The Loopscope page as a user meets it: the toolbar, the pause reason, the status bar, the
// examples picker. Selectors are accessible roles and names, kept here as constants; waits are
// on what the page shows, never on time.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { DebugPanels } from './debug-panels.js';
import { EditorPane } from './editor-pane.js';
import { TimelinePane } from './timeline-pane.js';

export const SCREENSHOT_DIR = 'test-results/screenshots';
/** Long enough for a cold engine start on a slow machine. */
export const ENGINE_TIMEOUT = 60_000;

export const TOOLBAR_BUTTONS = [
  'Run', 'Continue', 'Pause', 'Step Over', 'Step Into', 'Step Out', 'Step to Next Switch', 'Stop', 'Restart',
  'Step Back', 'Reverse Continue', 'Back to Previous Switch',
] as const;
export type ToolbarButton = (typeof TOOLBAR_BUTTONS)[number];

const SELECTORS = {
  pauseReason: { role: 'status', name: 'Pause reason' },
  runResult: { role: 'status', name: 'Run result' },
  sessionState: '[aria-label="Session state"]',
  isolation: '[aria-label="Isolation"]',
  examplesHeading: { role: 'heading', name: 'Open an example' },
  openExample: { role: 'button', name: 'Open example' },
} as const;

export type SessionStateLabel = 'Ready' | 'Starting…' | 'Running' | 'Pausing…' | 'Paused' | 'Exited' | 'Crashed';

export class WorkbenchPage {
  readonly editor: EditorPane;
  readonly panels: DebugPanels;
  readonly timeline: TimelinePane;

  constructor(readonly page: Page) {
    this.editor = new EditorPane(page);
    this.panels = new DebugPanels(page);
    this.timeline = new TimelinePane(page);
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url);
    await this.toolbarButton('Run').waitFor();
  }

  toolbarButton(name: ToolbarButton): Locator {
    return this.page.getByRole('toolbar', { name: 'Debug' }).getByRole('button', { name, exact: true });
  }

  async press(name: ToolbarButton): Promise<void> {
    await this.toolbarButton(name).click();
  }

  async enabledButtons(): Promise<ToolbarButton[]> {
    const enabled: ToolbarButton[] = [];
    for (const name of TOOLBAR_BUTTONS) if (await this.toolbarButton(name).isEnabled()) enabled.push(name);
    return enabled;
  }

  async openExample(title: RegExp): Promise<void> {
    if (!(await this.page.getByRole(SELECTORS.examplesHeading.role, { name: SELECTORS.examplesHeading.name }).isVisible())) {
      await this.page.getByRole(SELECTORS.openExample.role, { name: SELECTORS.openExample.name }).click();
    }
    await this.page.getByRole('button', { name: title }).click();
    await this.page.getByRole(SELECTORS.examplesHeading.role, { name: SELECTORS.examplesHeading.name }).waitFor({ state: 'detached' });
  }

  sessionState(): Locator {
    return this.page.locator(SELECTORS.sessionState);
  }

  /** What the status bar says of the engine's isolation ("Isolated"), with its explanation. */
  async isolation(): Promise<{ text: string; title: string }> {
    const item = this.page.locator(SELECTORS.isolation);
    await item.waitFor({ timeout: ENGINE_TIMEOUT });
    return { text: (await item.textContent()) ?? '', title: (await item.getAttribute('title')) ?? '' };
  }

  async waitForState(label: SessionStateLabel, timeout = ENGINE_TIMEOUT): Promise<void> {
    await this.page.locator(SELECTORS.sessionState, { hasText: new RegExp(`^${label}$`) }).waitFor({ timeout });
  }

  pauseReason(): Locator {
    return this.page.getByRole(SELECTORS.pauseReason.role, { name: SELECTORS.pauseReason.name });
  }

  runResult(): Locator {
    return this.page.getByRole(SELECTORS.runResult.role, { name: SELECTORS.runResult.name });
  }

  /** Wait for a pause whose reason matches, and return the reason's text. */
  async waitForPause(reason: RegExp, timeout = ENGINE_TIMEOUT): Promise<string> {
    const banner = this.page.getByRole(SELECTORS.pauseReason.role, { name: SELECTORS.pauseReason.name }).filter({ hasText: reason });
    try {
      await banner.waitFor({ timeout });
    } catch (error) {
      // Say what the page showed instead: the banner and the status bar's notice.
      const shown = await this.page.locator('.banner, .status-bar').allTextContents();
      throw new Error(`${(error as Error).message}\nThe page showed: ${shown.join(' | ')}`);
    }
    return (await banner.textContent()) ?? '';
  }

  /** Leave the shared session idle: a test may start where another left it running. */
  async ensureStopped(): Promise<void> {
    if (await this.toolbarButton('Stop').isEnabled()) {
      await this.press('Stop');
      await this.page.locator(SELECTORS.sessionState, { hasText: /^(Exited|Crashed|Ready)$/ }).waitFor({ timeout: ENGINE_TIMEOUT });
    }
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }
}
