// What a host needs of the engine: EngineSession has it all; core/timetravel's
// RewindableSession has it too, and can also go back in the run (travel).
import type { DebugCommand, EngineEvent, ExitEvent, Recording, RunOptions, TravelRequest } from '../protocol/index.js';

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
  /** The current run as a recording (undefined before any run). */
  record?(): Recording | undefined;
  /** Take a recorded run as the current one (stopped where it ended); `refusal` says why it
   * cannot be re-executed here, if it cannot. */
  adopt?(recording: Recording, refusal: string | undefined): Promise<void>;
}
