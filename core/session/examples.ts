// The example programs that ship with Loopscope (assets/examples/): found beside the bundle
// (dist/ or a packaged app's resources) or, from source, above this file.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Example } from '../protocol/client.js';

const EXAMPLES = join('assets', 'examples');

export function findExamplesDir(from: string = dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dir, EXAMPLES);
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The first line of the module docstring, or undefined when the file has none. Comments and
 * blank lines may come before it, as may a string prefix (r, u). */
export function docstringTitle(source: string): string | undefined {
  const match = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*[rRuU]?("""|''')[ \t]*\r?\n?[ \t]*([^\n]*)/.exec(source.replace(/^\uFEFF/, ''));
  const line = match?.[2]?.split(match[1]!)[0]?.trim();
  return line ? line : undefined;
}

/** The .py files of `dir` by name, titled by their docstring's first line. */
export function listExamples(dir: string | undefined): Example[] {
  if (!dir) return [];
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.py')).sort();
  } catch {
    return [];
  }
  return names.map((file) => {
    const path = join(dir, file);
    const name = file.slice(0, -'.py'.length);
    let title: string | undefined;
    try {
      title = docstringTitle(readFileSync(path, 'utf8'));
    } catch {
      title = undefined;
    }
    return { name, title: title ?? name.replaceAll('_', ' '), path };
  });
}
