// The debugger's panels, each found by its heading: Tasks, Call Stack, Variables, Console,
// Wait-for Graph, Breakpoints.
import type { Locator, Page } from 'playwright-core';

const SELECTORS = {
  panel: (title: string) => ({ role: 'region' as const, name: title }),
  taskTree: { role: 'tree' as const, name: 'Tasks' },
  variables: { role: 'tree' as const, name: 'Variables' },
  output: { role: 'log' as const, name: 'Program output' },
  evaluate: 'Evaluate expression',
  line: '.console-line',
  graph: { role: 'group' as const, name: 'Wait-for graph' },
  cycles: { role: 'list' as const, name: 'Cycles' },
};

export class DebugPanels {
  constructor(private readonly page: Page) {}

  panel(title: string): Locator {
    return this.page.getByRole(SELECTORS.panel(title).role, { name: SELECTORS.panel(title).name, exact: true });
  }

  heading(title: string): Locator {
    return this.page.getByRole('heading', { name: title, exact: true });
  }

  task(name: string): Locator {
    return this.page.getByRole(SELECTORS.taskTree.role, { name: SELECTORS.taskTree.name }).getByRole('treeitem', { name: new RegExp(`^${name}: `) });
  }

  /** Names of the tasks shown running `coro` (the coroutine is in each row's tooltip). */
  async tasksRunning(coro: string): Promise<string[]> {
    const items = this.page.getByRole(SELECTORS.taskTree.role, { name: SELECTORS.taskTree.name }).getByRole('treeitem');
    const rows = await items.evaluateAll((elements) => elements.map((element) => ({ label: element.getAttribute('aria-label') ?? '', title: element.getAttribute('title') ?? '' })));
    return rows.filter((row) => row.title.startsWith(`${coro} — `)).map((row) => row.label.split(':')[0]!);
  }

  async selectTask(name: string): Promise<void> {
    await this.task(name).click();
    await this.task(name).and(this.page.locator('[aria-selected="true"]')).waitFor();
  }

  /** The call stack shown, innermost frame first, as "function place". */
  async stackOf(taskName: string): Promise<string[]> {
    const list = this.page.getByRole('list', { name: `Call stack of ${taskName}`, exact: true });
    await list.waitFor();
    return (await list.getByRole('button').allTextContents()).map((text) => text.trim());
  }

  async selectFrame(functionName: string): Promise<void> {
    await this.panel('Call Stack').getByRole('button', { name: new RegExp(`^${functionName}`) }).first().click();
  }

  /** The value shown for a variable of the selected frame. */
  async variable(name: string): Promise<string> {
    const item = this.page.getByRole(SELECTORS.variables.role, { name: SELECTORS.variables.name }).getByRole('treeitem', { name: new RegExp(`^${name} = `) }).first();
    await item.waitFor();
    return ((await item.getAttribute('aria-label')) ?? '').slice(name.length + 3);
  }

  /** Evaluate in the console; returns the answer line printed under the echo. */
  async evaluate(expression: string): Promise<string> {
    const output = this.page.getByRole(SELECTORS.output.role, { name: SELECTORS.output.name });
    const input = this.page.getByRole('textbox', { name: SELECTORS.evaluate });
    const echo = `› ${expression}`;
    const before = (await this.consoleLines()).filter((line) => line === echo).length;
    await input.fill(expression);
    await input.press('Enter');
    await output.getByText(echo, { exact: true }).nth(before).waitFor();
    const lines = await this.consoleLines();
    return lines[lines.lastIndexOf(echo) + 1] ?? '';
  }

  /** The console's lines in view, top to bottom. */
  async consoleLines(): Promise<string[]> {
    const lines = this.page.getByRole(SELECTORS.output.role, { name: SELECTORS.output.name }).locator(SELECTORS.line);
    return lines.evaluateAll((elements) => elements
      .map((element) => ({ top: element.getBoundingClientRect().top, text: element.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((line) => line.text));
  }

  async consoleText(): Promise<string> {
    return (await this.page.getByRole(SELECTORS.output.role, { name: SELECTORS.output.name }).textContent()) ?? '';
  }

  async waitForOutput(text: string | RegExp, timeout?: number): Promise<void> {
    await this.page.getByRole(SELECTORS.output.role, { name: SELECTORS.output.name }).getByText(text).first().waitFor(timeout ? { timeout } : {});
  }

  /** Labels of the graph's nodes that the graph marks as being in a cycle. */
  async cycleNodes(): Promise<string[]> {
    const nodes = this.page.getByRole(SELECTORS.graph.role, { name: SELECTORS.graph.name }).getByRole('button', { name: /\(in a cycle\)$/ });
    return (await nodes.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''))).map((label) => label.replace(/ \(in a cycle\)$/, ''));
  }

  async cycleDescriptions(): Promise<string[]> {
    return this.page.getByRole(SELECTORS.cycles.role, { name: SELECTORS.cycles.name }).getByRole('listitem').allTextContents();
  }

  async clickGraphNode(label: string): Promise<void> {
    await this.page.getByRole(SELECTORS.graph.role, { name: SELECTORS.graph.name }).getByRole('button', { name: label }).first().click();
  }
}
