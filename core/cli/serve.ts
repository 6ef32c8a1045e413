// `loopscope serve`: the browser shell. Implemented with the desktop UI.
import type { ServeArgs } from './args.js';

export async function serveCommand(_args: ServeArgs): Promise<number> {
  process.stderr.write('loopscope: serve is not available in this build\n');
  return 2;
}
