// Open Recent: the last files opened, kept in a small JSON file in the app's user-data folder.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

export const MAX_RECENT_FILES = 10;
const Stored = z.object({ version: z.literal(1), files: z.array(z.string().min(1)).max(100) });

export class RecentFiles {
  private files: string[];

  constructor(private readonly file: string) {
    this.files = RecentFiles.load(file);
  }

  static in(userData: string): RecentFiles {
    return new RecentFiles(join(userData, 'recent-files.json'));
  }

  get list(): readonly string[] {
    return this.files;
  }

  add(path: string): void {
    this.files = [path, ...this.files.filter((known) => known !== path)].slice(0, MAX_RECENT_FILES);
    this.save();
  }

  remove(path: string): void {
    this.files = this.files.filter((known) => known !== path);
    this.save();
  }

  clear(): void {
    this.files = [];
    this.save();
  }

  /** A missing or damaged list is an empty one: it is only a convenience. */
  private static load(file: string): string[] {
    try {
      const parsed = Stored.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      return parsed.success ? parsed.data.files.slice(0, MAX_RECENT_FILES) : [];
    } catch {
      return [];
    }
  }

  private save(): void {
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const partial = `${this.file}.${process.pid}.tmp`;
      writeFileSync(partial, JSON.stringify({ version: 1, files: this.files }, null, 2));
      renameSync(partial, this.file);
    } catch {
      // A read-only profile costs the recent list, nothing else.
    }
  }
}
