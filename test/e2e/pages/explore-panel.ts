// The Explore panel as a user meets it: its form, progress bar and list of failures, found by
// accessible roles and names (kept here as constants); waits are on what the page shows.
import type { Locator, Page } from 'playwright-core';

const SELECTORS = {
  heading: { role: 'heading' as const, name: 'Explore' },
  panel: { role: 'region' as const, name: 'Explore' },
  strategy: { role: 'combobox' as const, name: 'Strategy' },
  schedules: { role: 'spinbutton' as const, name: 'Schedules' },
  start: { role: 'button' as const, name: 'Explore schedules' },
  stop: { role: 'button' as const, name: 'Stop exploring' },
  progress: { role: 'progressbar' as const, name: 'Exploration progress' },
  status: { role: 'status' as const, name: 'Exploration status' },
  failures: { role: 'list' as const, name: 'Failures' },
  open: { role: 'button' as const, name: 'Open in debugger' },
  token: { role: 'textbox' as const, name: 'Replay token' },
  why: 'Why it fails',
};

/** Explorations of the suite's small programs take seconds; a loaded machine, more. */
export const EXPLORE_TIMEOUT = 120_000;

export class ExplorePanel {
  constructor(private readonly page: Page) {}

  private get panel(): Locator {
    return this.page.getByRole(SELECTORS.panel.role, { name: SELECTORS.panel.name, exact: true });
  }

  async open(): Promise<void> {
    const toggle = this.page.getByRole(SELECTORS.heading.role, { name: SELECTORS.heading.name, exact: true }).getByRole('button');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await this.panel.getByRole(SELECTORS.start.role, { name: SELECTORS.start.name }).waitFor();
  }

  async explore(strategy: 'random' | 'pct' | 'bounded', schedules: number): Promise<void> {
    await this.panel.getByRole(SELECTORS.strategy.role, { name: SELECTORS.strategy.name }).selectOption(strategy);
    await this.panel.getByRole(SELECTORS.schedules.role, { name: SELECTORS.schedules.name }).fill(String(schedules));
    await this.panel.getByRole(SELECTORS.start.role, { name: SELECTORS.start.name }).click();
  }

  progressBar(): Locator {
    return this.panel.getByRole(SELECTORS.progress.role, { name: SELECTORS.progress.name });
  }

  async status(): Promise<string> {
    return (await this.panel.getByRole(SELECTORS.status.role, { name: SELECTORS.status.name }).textContent()) ?? '';
  }

  async waitUntilDone(): Promise<void> {
    await this.panel.getByRole(SELECTORS.status.role, { name: SELECTORS.status.name }).filter({ hasText: /^Done: / }).waitFor({ timeout: EXPLORE_TIMEOUT });
  }

  failure(name: RegExp): Locator {
    return this.panel.getByRole(SELECTORS.failures.role, { name: SELECTORS.failures.name }).getByRole('listitem', { name });
  }

  async failureNames(): Promise<string[]> {
    const items = this.panel.getByRole(SELECTORS.failures.role, { name: SELECTORS.failures.name }).getByRole('listitem');
    return Promise.all((await items.all()).map(async (item) => (await item.getAttribute('aria-label')) ?? ''));
  }

  async token(name: RegExp): Promise<string> {
    return this.failure(name).getByRole(SELECTORS.token.role, { name: SELECTORS.token.name }).inputValue();
  }

  async explanation(name: RegExp): Promise<string> {
    return (await this.failure(name).getByLabel(SELECTORS.why).textContent()) ?? '';
  }

  async openInDebugger(name: RegExp): Promise<void> {
    await this.failure(name).getByRole(SELECTORS.open.role, { name: SELECTORS.open.name }).click();
  }

  async stop(): Promise<void> {
    await this.panel.getByRole(SELECTORS.stop.role, { name: SELECTORS.stop.name }).click();
  }
}
