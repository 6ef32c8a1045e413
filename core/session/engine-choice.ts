// EngineChoice: a host's engine when a run may be embedded or native. A run whose options name
// an interpreter (`python`) goes to a NativeSession (the user's own Python), any other to the
// embedded engine; clients hear both through one stream, and every command goes to the engine
// of the current run. What only the embedded engine can do (go back in a run, recordings) is
// offered when that engine offers it, and refused in words during a native run.
import { NativeSession } from './native-session.js';
import type { DebugCommand, EngineEvent, ExitEvent, Recording, RunOptions, TravelRequest } from '../protocol/index.js';
import type { Disposer, EngineListener, InspectCommand, RunEngine } from './run-engine.js';

export class EngineChoice implements RunEngine {
  readonly travel?: (request: TravelRequest) => Promise<void>;
  readonly record?: () => Recording | undefined;
  readonly adopt?: (recording: Recording, refusal: string | undefined) => Promise<void>;
  private nativeSession: NativeSession | undefined;
  private active: RunEngine;
  private readonly listeners = new Set<EngineListener>();
  private readonly disposers: Disposer[] = [];
  private exitResolvers: Array<(event: ExitEvent) => void> = [];

  constructor(private readonly embedded: RunEngine, private readonly makeNative: () => NativeSession = () => new NativeSession()) {
    this.active = embedded;
    this.listen(embedded);
    if (embedded.travel) {
      const travel = embedded.travel.bind(embedded);
      this.travel = (request) => (this.isNative ? Promise.reject(new Error(embeddedOnly('go back in a run'))) : travel(request));
    }
    if (embedded.record) {
      const record = embedded.record.bind(embedded);
      this.record = () => {
        if (this.isNative) throw new Error(embeddedOnly('record a run'));
        return record();
      };
    }
    if (embedded.adopt) {
      const adopt = embedded.adopt.bind(embedded);
      this.adopt = async (recording, refusal) => {
        await this.switchTo(this.embedded);
        return adopt(recording, refusal);
      };
    }
  }

  /** The current (or last) run is native. */
  get isNative(): boolean {
    return this.active !== this.embedded;
  }

  onEvent(listener: EngineListener): Disposer {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get running(): boolean {
    return this.active.running;
  }

  async start(input: RunOptions): Promise<void> {
    await this.switchTo(input.python ? this.native() : this.embedded);
    return this.active.start(input);
  }

  async run(input: RunOptions): Promise<ExitEvent> {
    await this.switchTo(input.python ? this.native() : this.embedded);
    const exited = this.nextExit();
    await this.active.start(input);
    return exited;
  }

  nextExit(): Promise<ExitEvent> {
    return new Promise((resolve) => this.exitResolvers.push(resolve));
  }

  send(input: DebugCommand): void {
    this.active.send(input);
  }

  request(input: InspectCommand): Promise<unknown> {
    return this.active.request(input);
  }

  /** Type into the program's stdin: a native run's (the embedded engine's programs have none). */
  writeStdin(text: string, eof = false): void {
    if (!this.isNative || !this.nativeSession) throw new Error('the program has no stdin: it runs in the embedded engine (use native mode)');
    this.nativeSession.writeStdin(text, eof);
  }

  stop(): Promise<void> {
    return this.active.stop();
  }

  async dispose(): Promise<void> {
    for (const dispose of this.disposers) dispose();
    await Promise.all([this.embedded.dispose(), this.nativeSession?.dispose()]);
    this.listeners.clear();
  }

  private native(): NativeSession {
    if (!this.nativeSession) {
      this.nativeSession = this.makeNative();
      this.listen(this.nativeSession);
    }
    return this.nativeSession;
  }

  private async switchTo(engine: RunEngine): Promise<void> {
    if (engine === this.active) return;
    await this.active.stop();
    this.active = engine;
  }

  private listen(engine: RunEngine): void {
    this.disposers.push(engine.onEvent((event) => {
      if (engine !== this.active) return;
      this.emit(event);
    }));
  }

  private emit(event: EngineEvent): void {
    for (const listener of [...this.listeners]) listener(event);
    if (event.type === 'exit') {
      const resolvers = this.exitResolvers;
      this.exitResolvers = [];
      for (const resolve of resolvers) resolve(event);
    }
  }
}

function embeddedOnly(what: string): string {
  return `cannot ${what} in native mode: that needs the embedded engine's deterministic re-execution`;
}
