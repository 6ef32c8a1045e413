// Noticing that the open file changed or disappeared on disk. The folder is watched rather than
// the file: editors save by writing a new file and renaming it over the old one, which would
// end a watch on the old file's inode after the first save.
import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/** Changes closer together than this are one change (an editor's write + rename + chmod). */
const SETTLE_MS = 40;

export type FileChangeListener = (change: { path: string; deleted: boolean }) => void;

interface Seen {
  exists: boolean;
  mtimeMs: number;
  size: number;
}

function look(path: string): Seen {
  try {
    const stats = statSync(path);
    return { exists: true, mtimeMs: stats.mtimeMs, size: stats.size };
  } catch {
    return { exists: false, mtimeMs: 0, size: 0 };
  }
}

export class FileWatcher {
  private seen: Seen;
  private readonly watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly path: string, private readonly listener: FileChangeListener) {
    this.seen = look(path);
    const name = basename(path);
    try {
      // Not persistent: a watch alone should never keep a host process alive.
      this.watcher = watch(dirname(path), { persistent: false }, (_kind, changed) => {
        if (changed === null || changed.toString() === name) this.settleThenCheck();
      });
      this.watcher.on('error', () => this.close());
    } catch {
      // A folder that cannot be watched (gone, or out of inotify watches): changes go unnoticed,
      // which is what an editor without a watch gives too.
      this.watcher = undefined;
    }
  }

  /** The host wrote the file itself: that is not a change to report. */
  acknowledge(): void {
    this.seen = look(this.path);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.watcher?.close();
  }

  private settleThenCheck(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.check();
    }, SETTLE_MS);
  }

  private check(): void {
    const now = look(this.path);
    const before = this.seen;
    this.seen = now;
    if (!now.exists && before.exists) this.listener({ path: this.path, deleted: true });
    else if (now.exists && (!before.exists || now.mtimeMs !== before.mtimeMs || now.size !== before.size)) {
      this.listener({ path: this.path, deleted: false });
    }
  }
}
