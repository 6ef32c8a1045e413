// The Timeline panel: its canvas (an image named for what it shows), the step box, the axis.
import type { Locator, Page } from 'playwright-core';

const SELECTORS = {
  canvas: { role: 'img' as const, name: /^Timeline of \d+ tasks over [\d,]+ steps/ },
  step: 'Step',
  goTo: 'Go to step',
};

export class TimelinePane {
  constructor(private readonly page: Page) {}

  canvas(): Locator {
    return this.page.getByRole(SELECTORS.canvas.role, { name: SELECTORS.canvas.name });
  }

  /** What the canvas says it shows: tasks, steps, the step the program is at. */
  async summary(): Promise<string> {
    return (await this.canvas().getAttribute('aria-label')) ?? '';
  }

  /** Click the timeline at a fraction of its width, in the first lane. */
  async clickAt(fraction: number): Promise<void> {
    const box = await this.canvas().boundingBox();
    if (!box) throw new Error('the timeline is not shown');
    const labels = 150;
    await this.page.mouse.click(box.x + labels + (box.width - labels) * fraction, box.y + 26);
  }

  async goToStep(step: number): Promise<void> {
    await this.page.getByLabel(SELECTORS.step, { exact: true }).fill(String(step));
    await this.page.getByRole('button', { name: SELECTORS.goTo, exact: true }).click();
  }
}
