// The renderer's parts put together over one transport: stores, controllers and the named
// commands. Components get this object from context; tests build it over a fake transport.
import { HostClient } from '../transport/host-client.js';
import type { Disposer, Transport } from '../transport/transport.js';
import { SessionStore } from '../state/session-store.js';
import { Store, animationFrameScheduler, type Scheduler } from '../state/store.js';
import { initialUiState, type Theme, type UiState } from '../state/ui-state.js';
import { commandEnabled, commandNamed, type CommandName } from './commands.js';
import { ExploreController } from './explore-controller.js';
import { FileController } from './file-controller.js';
import { Inspector } from './inspector.js';
import { NativeController } from './native-controller.js';
import { NativePreferences, memoryStorage, type KeyValueStorage } from './native-preferences.js';
import { SessionController } from './session-controller.js';
import { UiActions } from './ui-actions.js';

export interface LoopscopeAppOptions {
  theme: Theme;
  /** When views learn of session changes; a frame by default. */
  schedule?: Scheduler;
  onError?: (error: string) => void;
  /** Where choices outlive the page (localStorage); by default they last as long as it. */
  storage?: KeyValueStorage;
}

export class LoopscopeApp {
  readonly client: HostClient;
  readonly session: SessionStore;
  readonly ui: Store<UiState>;
  readonly controller: SessionController;
  readonly files: FileController;
  readonly inspector: Inspector;
  readonly actions: UiActions;
  readonly explore: ExploreController;
  readonly native: NativeController;
  private readonly disposers: Disposer[] = [];
  private started = false;

  constructor(readonly transport: Transport, options: LoopscopeAppOptions) {
    this.client = new HostClient(transport);
    this.session = new SessionStore(options.schedule ?? animationFrameScheduler, options.onError);
    this.ui = new Store(initialUiState(options.theme));
    this.actions = new UiActions(this.ui);
    this.controller = new SessionController(this.client, this.session, this.ui);
    this.files = new FileController(this.client, this.ui);
    this.inspector = new Inspector(this.client, this.session, this.ui);
    this.explore = new ExploreController(this.client, this.ui, this.controller);
    this.native = new NativeController(this.client, this.session, this.ui, this.controller, new NativePreferences(options.storage ?? memoryStorage()));
    this.disposers.push(this.client.onMessage((message) => {
      if (message.type !== 'menu') return;
      const command = commandNamed(message.action);
      if (command && this.enabled(command)) this.execute(command);
    }));
    if (transport.onStatus) {
      let dropped = false;
      this.disposers.push(transport.onStatus((connection) => {
        this.ui.update((state) => ({ ...state, connection }));
        if (connection === 'closed') dropped = true;
        // After a reconnect the host no longer knows us: subscribe again for the whole state.
        if (connection === 'open' && dropped && this.started) {
          dropped = false;
          void this.client.request({ type: 'session.subscribe' }).catch(() => undefined);
        }
      }));
    } else {
      this.ui.update((state) => ({ ...state, connection: 'open' }));
    }
  }

  start(): Promise<void> {
    this.started = true;
    return this.files.start();
  }

  /** A file dropped on the window: the desktop app opens it by its path; a browser page has
   * no paths, so it says how to open one there. */
  dropFile(file: File): void {
    const path = this.transport.pathForFile?.(file);
    if (path) void this.files.open(path);
    else this.ui.update((state) => ({ ...state, notice: { kind: 'info', text: `To debug ${file.name} in the browser, start it with: loopscope serve ${file.name}` } }));
  }

  enabled(command: CommandName): boolean {
    return commandEnabled(command, this.controller.phase.get(), this.ui.peek(), this.session.peek().mode === 'native');
  }

  execute(command: CommandName): void {
    switch (command) {
      case 'Run': return this.controller.run();
      case 'Continue': return this.controller.send({ type: 'CONTINUE' });
      case 'Pause': return this.controller.send({ type: 'PAUSE' });
      case 'Step Over': return this.controller.step('over');
      case 'Step Into': return this.controller.step('into');
      case 'Step Out': return this.controller.step('out');
      case 'Step to Next Switch': return this.controller.step('switch');
      case 'Stop': return this.controller.send({ type: 'STOP' });
      case 'Restart': return this.controller.send({ type: 'RESTART' });
      case 'Step Back': return this.controller.travel({ to: 'step-back' });
      case 'Reverse Continue': return this.controller.travel({ to: 'reverse-continue' });
      case 'Back to Previous Switch': return this.controller.travel({ to: 'previous-switch' });
      case 'Toggle Breakpoint': return this.actions.toggleBreakpoint();
      case 'Save': return void this.files.save();
      case 'Open Example': return void this.files.pickExample();
      case 'Toggle Theme': return this.actions.toggleTheme();
      case 'Save Run': return this.controller.saveRun();
    }
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.native.dispose();
    this.explore.dispose();
    this.inspector.dispose();
    this.files.dispose();
    this.controller.dispose();
    this.client.dispose();
    this.session.dispose();
    this.ui.dispose();
    this.transport.dispose?.();
  }
}
