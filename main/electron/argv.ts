// Files named on the app's command line. Electron's argv is the executable, then Chromium and
// Node switches and arguments mixed; unpackaged (`electron [switches] APP [args]`) the first
// argument that is not a switch is the app itself (a script or a folder), never a user's file.
import { resolve } from 'node:path';

export function filesFromArgv(argv: readonly string[], cwd: string, packaged: boolean): string[] {
  const args = argv.slice(1).filter((arg) => !arg.startsWith('-'));
  return (packaged ? args : args.slice(1)).map((arg) => resolve(cwd, arg));
}
