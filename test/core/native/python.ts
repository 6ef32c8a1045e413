// The local Python 3.11+ native-mode tests run in, or why there is none (the tests skip, and
// their names say why).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function findPython(): { python?: string; version?: string; missing?: string } {
  try {
    const out = execFileSync('python3', ['-c', 'import sys; print(sys.executable); print("%d.%d.%d" % sys.version_info[:3])'], { encoding: 'utf8' });
    const [python, version] = out.trim().split('\n');
    const [major, minor] = version!.split('.').map(Number);
    if (major! < 3 || (major === 3 && minor! < 11)) return { missing: `python3 is ${version}; native mode needs 3.11 or later` };
    return { python: python!, version: version! };
  } catch {
    return { missing: 'no python3 on PATH' };
  }
}

export const local = findPython();
/** ' (skipped: ...)' to add to a describe's name when there is no usable python3. */
export const skipNote = local.missing ? ` (skipped: ${local.missing})` : '';

/** Write `source` as `name` in a fresh folder; returns its path. */
export function programFile(name: string, source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'loopscope-native-'));
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}
