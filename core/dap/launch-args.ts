// The `launch` request's arguments: what a launch.json (VS Code) or a configuration (nvim-dap)
// says. Editors add keys of their own (type, request, name, __sessionId...): those pass.
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { DapError, parseArguments } from './errors.js';

/** Where the program runs. Only the embedded engine exists; `native` (the user's python3) is
 * the place for the native engine when it lands. */
export const EngineKind = z.enum(['embedded', 'native']);

const Arguments = z.looseObject({
  /** The .py file to debug; a relative path is taken from `cwd`. */
  program: z.string({ error: 'expected the path of the .py file to debug' }).min(1, 'expected the path of the .py file to debug'),
  /** The program's arguments (sys.argv[1:]). */
  args: z.array(z.string()).default([]),
  /** Seed of the program's `random`. */
  seed: z.number().int().default(0),
  /** Stop at the first line the program runs. */
  stopOnEntry: z.boolean().default(false),
  /** Run without debugging: no breakpoint or filter stops it. */
  noDebug: z.boolean().default(false),
  engine: EngineKind.default('embedded'),
  /** Only used to find a relative `program`: the program always runs in its own folder, as
   * the engine places it. */
  cwd: z.string().optional(),
});

export type LaunchArguments = z.output<typeof Arguments> & { program: string };

export function parseLaunchArguments(args: unknown): LaunchArguments {
  const parsed = parseArguments('launch', Arguments, args);
  if (parsed.engine === 'native') {
    throw new DapError('launch: engine "native" (your own python3) is not available yet; use engine "embedded" (the default)');
  }
  const base = parsed.cwd ?? process.cwd();
  return { ...parsed, program: isAbsolute(parsed.program) ? parsed.program : resolve(base, parsed.program) };
}
