// The editor: lines by their text, the breakpoint gutter and its menu, the paused line.
import type { Locator, Page } from 'playwright-core';

const SELECTORS = {
  lines: '.cm-content .cm-line',
  pausedLine: '.cm-content .cm-line.cm-paused-line',
  breakpointDialog: (line: number) => ({ role: 'dialog' as const, name: `Breakpoint at line ${line}` }),
  toggle: (line: number) => ({ role: 'button' as const, name: `Toggle breakpoint at line ${line}` }),
};

export class EditorPane {
  constructor(private readonly page: Page) {}

  /** The 1-based number of the first line whose text contains `text`. The examples are short:
   * CodeMirror has every line of them in the page. */
  async lineOf(text: string): Promise<number> {
    const lines = await this.page.locator(SELECTORS.lines).allTextContents();
    const index = lines.findIndex((line) => line.includes(text));
    if (index < 0) throw new Error(`no line contains ${JSON.stringify(text)}`);
    return index + 1;
  }

  gutterToggle(line: number): Locator {
    return this.page.getByRole(SELECTORS.toggle(line).role, { name: SELECTORS.toggle(line).name, exact: true });
  }

  async toggleBreakpoint(line: number): Promise<void> {
    await this.gutterToggle(line).click();
  }

  async hasBreakpoint(line: number): Promise<boolean> {
    return (await this.gutterToggle(line).getAttribute('aria-pressed')) === 'true';
  }

  /** Right-click the gutter and fill the breakpoint's menu. */
  async editBreakpoint(line: number, settings: { condition?: string; hitCount?: number; logMessage?: string }): Promise<void> {
    await this.gutterToggle(line).click({ button: 'right' });
    const dialog = this.page.getByRole(SELECTORS.breakpointDialog(line).role, { name: SELECTORS.breakpointDialog(line).name });
    if (settings.condition !== undefined) await dialog.getByLabel('Condition').fill(settings.condition);
    if (settings.hitCount !== undefined) await dialog.getByLabel('Hit count').fill(String(settings.hitCount));
    if (settings.logMessage !== undefined) await dialog.getByLabel('Log message').fill(settings.logMessage);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** The highlighted line the program is paused on, or null. */
  async pausedLine(): Promise<number | null> {
    const lines = this.page.locator(SELECTORS.lines);
    const count = await lines.count();
    for (let i = 0; i < count; i++) {
      if ((await lines.nth(i).getAttribute('class'))?.includes('cm-paused-line')) return i + 1;
    }
    return null;
  }

  async waitForPausedLine(line: number): Promise<void> {
    await this.page.locator(SELECTORS.lines).nth(line - 1).and(this.page.locator(SELECTORS.pausedLine)).waitFor();
  }
}
