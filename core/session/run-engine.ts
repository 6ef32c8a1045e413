// What a host needs of the engine: EngineSession has it all; core/timetravel's
// RewindableSession has it too, and can also go back in the run (travel).
import type { DebugCommand, EngineEvent, ExitEvent, RunOptions, TravelRequest } from '../protocol/index.js';

export type EngineListener = (event: EngineEvent) => void;
export type Disposer = () => void;
export type InspectCommand = Extract<DebugCommand, { type: `inspect.${string}` }>;

export interface RunEngine {
  onEvent(listener: EngineListener): Disposer;
  readonly running: boolean;
  start(input: RunOptions): Promise<void>;
  run(input: RunOptions): Promise<ExitEvent>;
  nextExit(): Promise<ExitEvent>;
  send(input: DebugCommand): void;
  request(input: InspectCommand): Promise<unknown>;
  stop(): Promise<void>;
  dispose(): Promise<void>;
  /** Go to an earlier (or later) moment of the run; resolves once paused there. */
  travel?(request: TravelRequest): Promise<void>;
}
