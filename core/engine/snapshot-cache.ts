// Pyodide memory snapshots: booting from one takes ~0.3 s instead of ~2.5 s. The first engine
// of a machine loads from scratch and sends one back; the host keeps it on disk, keyed by the
// Pyodide and Node versions, and engine processes read it themselves (their permissions name
// the file). A snapshot that fails to boot is thrown away.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { version as pyodideVersion } from 'pyodide';

export function snapshotFile(): string {
  const dir = process.env.LOOPSCOPE_CACHE_DIR ?? join(homedir(), '.cache', 'loopscope');
  return join(dir, `pyodide-${pyodideVersion}-node${process.versions.modules}.snapshot`);
}

/** LOOPSCOPE_NO_SNAPSHOT=1 always loads Pyodide from scratch (benchmarks of a cold start). */
export function snapshotsEnabled(): boolean {
  return !process.env.LOOPSCOPE_NO_SNAPSHOT;
}

export function hasSnapshot(): boolean {
  return snapshotsEnabled() && existsSync(snapshotFile());
}

export function saveSnapshot(bytes: Uint8Array): void {
  const file = snapshotFile();
  try {
    mkdirSync(dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, bytes);
    renameSync(partial, file);
  } catch {
    // A read-only home only costs start-up time.
  }
}

export function forgetSnapshot(): void {
  rmSync(snapshotFile(), { force: true });
}
