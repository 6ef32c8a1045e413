// Reading a program from disk, with a clear message for each way that can fail.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;
const MAX_SIBLING_MODULES = 200;
const MAX_SIBLING_BYTES = 4 * 1024 * 1024;

export class ProgramFileError extends Error {}

export interface ProgramFile {
  /** Absolute path: the program's __file__. */
  filename: string;
  source: string;
  /** Other .py files of the same folder, by file name, for `import sibling`. */
  modules: Record<string, string>;
}

function decodeUtf8(bytes: Buffer, path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new ProgramFileError(`${path}: not a UTF-8 text file (Loopscope reads Python source as UTF-8)`);
  }
}

export function readProgramFile(path: string): ProgramFile {
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
  const source = decodeUtf8(readFileSync(filename), path);
  return { filename, source, modules: readSiblingModules(filename) };
}

function readSiblingModules(filename: string): Record<string, string> {
  const modules: Record<string, string> = {};
  let names: string[];
  try {
    names = readdirSync(dirname(filename)).filter((name) => name.endsWith('.py') && name !== basename(filename));
  } catch {
    return modules;
  }
  for (const name of names.slice(0, MAX_SIBLING_MODULES)) {
    try {
      const path = join(dirname(filename), name);
      if (statSync(path).size > MAX_SIBLING_BYTES) continue;
      modules[name] = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
    } catch {
      // A sibling that cannot be read is simply not importable, as with a broken file.
    }
  }
  return modules;
}
