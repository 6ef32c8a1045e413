// Native mode as a user meets it: the toolbar's interpreter picker, the one-time notice, the
// program's input under the console, and what the status bar says of a native run.
import type { Locator, Page } from 'playwright-core';

const SELECTORS = {
  picker: { role: 'combobox' as const, name: 'Python interpreter' },
  notice: { role: 'dialog' as const, name: 'About native mode' },
  acceptNotice: /^(Use|Run in) native mode$/,
  offer: { role: 'region' as const, name: 'Native mode suggested' },
  input: { role: 'textbox' as const, name: 'Program input' },
  sendEof: { role: 'button' as const, name: 'Send EOF' },
  isolation: '[aria-label="Isolation"]',
  wallTime: '[aria-label="Wall time"]',
};

export class NativeMode {
  constructor(private readonly page: Page) {}

  picker(): Locator {
    return this.page.getByRole(SELECTORS.picker.role, { name: SELECTORS.picker.name });
  }

  /** The picker's options as shown, first the embedded engine. */
  async options(): Promise<string[]> {
    return this.picker().locator('option').allTextContents();
  }

  /** Pick the first interpreter whose label matches (waiting for the host to find it); returns
   * its label. */
  async pick(label: RegExp): Promise<string> {
    const option = this.picker().locator('option', { hasText: label }).first();
    await option.waitFor({ state: 'attached' });
    await this.picker().selectOption(await option.getAttribute('value') ?? '');
    return (await option.textContent()) ?? '';
  }

  async chosen(): Promise<string> {
    return this.picker().evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? '');
  }

  notice(): Locator {
    return this.page.getByRole(SELECTORS.notice.role, { name: SELECTORS.notice.name });
  }

  async acceptNotice(): Promise<void> {
    await this.notice().getByRole('button', { name: SELECTORS.acceptNotice }).click();
    await this.notice().waitFor({ state: 'detached' });
  }

  offer(): Locator {
    return this.page.getByRole(SELECTORS.offer.role, { name: SELECTORS.offer.name });
  }

  input(): Locator {
    return this.page.getByRole(SELECTORS.input.role, { name: SELECTORS.input.name });
  }

  async type(line: string): Promise<void> {
    await this.input().fill(line);
    await this.input().press('Enter');
  }

  async sendEof(): Promise<void> {
    await this.page.getByRole(SELECTORS.sendEof.role, { name: SELECTORS.sendEof.name }).click();
  }

  /** The status bar's isolation item: "Native" in a native run, with why. */
  async isolation(): Promise<{ text: string; title: string }> {
    const item = this.page.locator(SELECTORS.isolation);
    await item.waitFor();
    return { text: (await item.textContent()) ?? '', title: (await item.getAttribute('title')) ?? '' };
  }

  async wallTime(): Promise<string> {
    return (await this.page.locator(SELECTORS.wallTime).textContent()) ?? '';
  }
}
