// Reading a program from disk, with a clear message for each way that can fail. Shared by the
// CLI (`loopscope run`) and the UI hosts (`file.open`, `session.run`).
import { randomBytes } from 'node:crypto';
import {
  closeSync, fsyncSync, openSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;
const MAX_SIBLING_FILES = 200;
const MAX_SIBLING_BYTES = 4 * 1024 * 1024;
const MAX_SIBLINGS_TOTAL_BYTES = 16 * 1024 * 1024;
/** Subfolders this deep below the program's are copied (a package, its subpackages). */
const MAX_SIBLING_DEPTH = 3;
/** Files and folders looked at, at most (a program opened in a large folder, a home folder). */
const MAX_SIBLING_ENTRIES = 2000;
const SKIPPED_FOLDERS = new Set(['__pycache__', 'node_modules', 'site-packages', 'venv', 'env']);

export class ProgramFileError extends Error {}

export interface SourceFile {
  /** Absolute path: the program's __file__. */
  filename: string;
  source: string;
  /** Modification time in ms, to notice later changes on disk. */
  mtimeMs: number;
}

export interface ProgramFile {
  /** Absolute path: the program's __file__. */
  filename: string;
  source: string;
  /** The other files of its folder and subfolders, by relative path ('pkg/mod.py'): modules
   * and packages to import, text files to read (see readSiblingFiles). */
  modules: Record<string, string>;
}

function decodeUtf8(bytes: Buffer, path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new ProgramFileError(`${path}: not a UTF-8 text file (Loopscope reads Python source as UTF-8)`);
  }
}

/** One source file: refused with a ProgramFileError if missing, a directory, too large or not UTF-8. */
export function readSourceFile(path: string): SourceFile {
  const filename = resolve(path);
  let stats;
  try {
    stats = statSync(filename);
  } catch {
    throw new ProgramFileError(`${path}: no such file`);
  }
  if (stats.isDirectory()) throw new ProgramFileError(`${path}: is a directory, not a Python file`);
  if (!stats.isFile()) throw new ProgramFileError(`${path}: not a regular file`);
  if (stats.size > MAX_SOURCE_BYTES) throw new ProgramFileError(`${path}: too large (${stats.size} bytes; the limit is ${MAX_SOURCE_BYTES})`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(filename);
  } catch (error) {
    throw new ProgramFileError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return { filename, source: decodeUtf8(bytes, path), mtimeMs: stats.mtimeMs };
}

export function readProgramFile(path: string): ProgramFile {
  const { filename, source } = readSourceFile(path);
  return { filename, source, modules: readSiblingFiles(filename) };
}

/** The other files of `filename`'s folder and its subfolders (not `filename` itself), by path
 * relative to that folder with '/' between names, so that the program can import its modules
 * and packages and read the text files beside it (a config, a data file), as under python3.
 * Copies, up to MAX_SIBLING_FILES files of at most MAX_SIBLING_BYTES each and
 * MAX_SIBLINGS_TOTAL_BYTES in all: .py files first, then the shallowest. Files that are
 * unreadable, too large or not UTF-8 text are left out, and so are hidden entries and folders
 * of installed or cached code (SKIPPED_FOLDERS). `filename` need not exist. */
export function readSiblingFiles(filename: string): Record<string, string> {
  const root = dirname(filename);
  const found: Array<{ name: string; path: string; size: number; depth: number }> = [];
  let seen = 0;
  const walk = (dir: string, prefix: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || ++seen > MAX_SIBLING_ENTRIES) continue;
      const path = join(dir, entry.name);
      const name = prefix + entry.name;
      if (entry.isDirectory()) {
        if (depth < MAX_SIBLING_DEPTH && !SKIPPED_FOLDERS.has(entry.name)) walk(path, `${name}/`, depth + 1);
      } else if (path !== filename) {
        try {
          const stats = statSync(path);
          if (stats.isFile() && stats.size <= MAX_SIBLING_BYTES) found.push({ name, path, size: stats.size, depth });
        } catch {
          // Gone, or a broken link: not there for the program either.
        }
      }
    }
  };
  walk(root, '', 0);
  const isPy = (name: string) => Number(name.endsWith('.py'));
  found.sort((a, b) => isPy(b.name) - isPy(a.name) || a.depth - b.depth || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: Record<string, string> = {};
  let total = 0;
  for (const file of found.slice(0, MAX_SIBLING_FILES)) {
    if (total + file.size > MAX_SIBLINGS_TOTAL_BYTES) continue;
    try {
      files[file.name] = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file.path));
      total += file.size;
    } catch {
      // Not UTF-8 text, or unreadable: left out, as a broken file would be.
    }
  }
  return files;
}

/** Write `source` to `path` atomically: a temporary file beside it, flushed, then renamed over
 * it, so that a crash or a full disk never leaves a half-written program. A symlink is
 * followed (its target is replaced, not the link), and the file keeps its permissions. */
export function saveSourceFile(path: string, source: string): SourceFile {
  let filename = resolve(path);
  let mode = 0o644;
  try {
    const stats = statSync(filename);
    if (stats.isDirectory()) throw new ProgramFileError(`${path}: is a directory, not a Python file`);
    if (!stats.isFile()) throw new ProgramFileError(`${path}: not a regular file`);
    filename = realpathSync(filename);
    mode = stats.mode & 0o777;
  } catch (error) {
    if (error instanceof ProgramFileError) throw error;
    // A new file: its folder must exist.
  }
  const bytes = Buffer.from(source, 'utf8');
  if (bytes.length > MAX_SOURCE_BYTES) throw new ProgramFileError(`${path}: too large to save (${bytes.length} bytes; the limit is ${MAX_SOURCE_BYTES})`);
  const partial = join(dirname(filename), `.${basename(filename)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(partial, 'wx', mode);
    try {
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, filename);
  } catch (error) {
    rmSync(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code ?? String(error);
    throw new ProgramFileError(`${path}: cannot be saved (${why})`);
  }
  return { filename, source, mtimeMs: statSync(filename).mtimeMs };
}
