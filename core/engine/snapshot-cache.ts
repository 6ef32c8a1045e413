// Pyodide memory snapshots: booting from one takes ~0.2 s instead of ~2 s. The first worker
// of a machine makes one right after loading; it is kept in memory and on disk, keyed by the
// Pyodide version, and a snapshot that fails to boot is thrown away.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { version as pyodideVersion } from 'pyodide';

let cached: Uint8Array | undefined;

/** The snapshot in shared memory: every worker is handed the same bytes (a plain buffer in
 * workerData is copied, 30 MB, on the host's thread each time a worker is spawned). */
function shared(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  copy.set(bytes);
  return copy;
}

function cacheFile(): string {
  const dir = process.env.LOOPSCOPE_CACHE_DIR ?? join(homedir(), '.cache', 'loopscope');
  return join(dir, `pyodide-${pyodideVersion}-node${process.versions.modules}.snapshot`);
}

/** LOOPSCOPE_NO_SNAPSHOT=1 always loads Pyodide from scratch (benchmarks of a cold start). */
export function loadSnapshot(): Uint8Array | undefined {
  if (process.env.LOOPSCOPE_NO_SNAPSHOT) return undefined;
  if (cached) return cached;
  try {
    cached = shared(readFileSync(cacheFile()));
  } catch {
    cached = undefined;
  }
  return cached;
}

export function saveSnapshot(bytes: Uint8Array): void {
  cached = shared(bytes);
  const file = cacheFile();
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, bytes);
    renameSync(partial, file);
  } catch {
    // A read-only home only costs start-up time.
  }
}

export function forgetSnapshot(): void {
  cached = undefined;
  rmSync(cacheFile(), { force: true });
}
