// A recording of a run (.loopscope files, core/session/recording-file.ts): its program (to
// re-execute it), the engine it ran on, and its event stream (to draw every panel from).
import { z } from 'zod';
import { RunOptions } from './commands.js';
import { EngineEvent } from './events.js';

export const RECORDING_FORMAT = 'loopscope-recording';
export const RECORDING_VERSION = 1;

/** The engine a run was made on: the same program re-executes identically only on it. */
export const EngineIdentity = z.object({
  pyodide: z.string(),
  python: z.string(),
  /** A hash of the Python agent's files. */
  agent: z.string(),
});
export type EngineIdentity = z.infer<typeof EngineIdentity>;

export const RecordingBody = z.object({
  format: z.literal(RECORDING_FORMAT),
  version: z.literal(RECORDING_VERSION),
  created: z.string(),
  engine: EngineIdentity,
  program: RunOptions,
  events: z.array(EngineEvent),
});

export interface Recording {
  created: string;
  engine: EngineIdentity;
  program: z.output<typeof RunOptions>;
  events: EngineEvent[];
}
