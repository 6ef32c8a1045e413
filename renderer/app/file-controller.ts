// The open file: what the host opens (command line, menu, drag and drop), the examples picker
// when it opens nothing, and saving.
import { Example, OpenedFile } from '../../core/protocol/client.js';
import { z } from 'zod';
import type { HostClient } from '../transport/host-client.js';
import type { Disposer } from '../transport/transport.js';
import { errorText } from '../state/inspect.js';
import type { Store } from '../state/store.js';
import type { UiState } from '../state/ui-state.js';

const Examples = z.array(Example);

export class FileController {
  private loadId = 0;
  private readonly disposers: Disposer[] = [];

  constructor(private readonly client: HostClient, private readonly ui: Store<UiState>) {
    this.disposers.push(client.onMessage((message) => {
      if (message.type === 'file.opened') this.show(message.file);
      else if (message.type === 'file.changed' && message.path === this.ui.peek().file?.path) {
        this.notice('info', message.deleted ? `${message.path} was deleted on disk` : `${message.path} changed on disk: open it again to reload`);
      }
    }));
  }

  /** Subscribe to the session; the host answers with its state and, if it has one, a file. */
  async start(): Promise<void> {
    try {
      await this.client.request({ type: 'session.subscribe' });
    } catch (error) {
      this.notice('error', `Could not connect to the session: ${errorText(error)}`);
      return;
    }
    if (!this.ui.peek().file) await this.pickExample();
  }

  async pickExample(): Promise<void> {
    this.ui.update((state) => ({ ...state, pickingExample: true }));
    if (this.ui.peek().examples) return;
    try {
      const examples = Examples.parse(await this.client.request({ type: 'examples.list' }));
      this.ui.update((state) => ({ ...state, examples }));
    } catch (error) {
      this.ui.update((state) => ({ ...state, examples: [] }));
      this.notice('error', `Could not list the examples: ${errorText(error)}`);
    }
  }

  closePicker(): void {
    this.ui.update((state) => ({ ...state, pickingExample: false }));
  }

  async open(path: string): Promise<void> {
    try {
      const result = OpenedFile.safeParse(await this.client.request({ type: 'file.open', path }));
      // The host may answer with the file, or announce it with `file.opened` (or both).
      if (result.success) this.show(result.data);
    } catch (error) {
      this.notice('error', `Could not open ${path}: ${errorText(error)}`);
    }
  }

  async save(): Promise<void> {
    const file = this.ui.peek().file;
    if (!file) return;
    const { path, source } = file;
    try {
      await this.client.request({ type: 'file.save', path, source });
      this.ui.update((state) => (state.file?.path === path ? { ...state, file: { ...state.file, savedSource: source } } : state));
      this.notice('info', `Saved ${basename(path)}`);
    } catch (error) {
      this.notice('error', `Could not save ${basename(path)}: ${errorText(error)}`);
    }
  }

  /** The editor's text changed. */
  edit(source: string): void {
    this.ui.update((state) => (state.file ? { ...state, file: { ...state.file, source } } : state));
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  private show(opened: OpenedFile): void {
    const current = this.ui.peek().file;
    // The same file announced twice (a response and a `file.opened`): keep the editor as it is.
    if (current && current.path === opened.path && current.savedSource === opened.source && current.source === opened.source) {
      this.ui.update((state) => ({ ...state, pickingExample: false }));
      return;
    }
    const file = { path: opened.path, source: opened.source, savedSource: opened.source, loadId: ++this.loadId };
    this.ui.update((state) => ({ ...state, file, pickingExample: false, reveal: null, cursorLine: 1 }));
  }

  private notice(kind: 'error' | 'info', text: string): void {
    this.ui.update((state) => ({ ...state, notice: { kind, text } }));
  }
}

export function basename(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
