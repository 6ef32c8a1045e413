// What a newcomer reads must be in the clone: every file or folder of this repository that the
// README and the architecture document name (in `code` or as a link) exists, and the README
// names the command that fetches Electron's binary, as `npm start` does.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FETCH_ELECTRON } from '../../main/electron/electron-binary.js';

const ROOT = resolve(import.meta.dirname, '../..');
const DOCS = ['README.md', 'docs/ARCHITECTURE.md', 'test/corpus/README.md'];
// A name is the repository's when it starts with one of its folders, or is a file at its root
// (README.md, package.json...); `prog.py` and `release/...` are the reader's, and a bare
// `scout.ts` is named beside its folder.
const FOLDERS = ['core', 'main', 'renderer', 'test', 'bench', 'assets', 'docs', 'scripts', 'extensions', 'bin', '.ci'];
const ROOT_FILE = /^[\w-]+\.(md|json|ya?ml)$/;

const ours = (name: string) => FOLDERS.some((folder) => name.startsWith(`${folder}/`)) || ROOT_FILE.test(name);

/** The repository's paths a document names: `code` from the root, links from the document's folder. */
function namedPaths(doc: string): string[] {
  const text = readFileSync(join(ROOT, doc), 'utf8');
  const code = [...text.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!.split(/\s/)[0]!.replace(/[:,]$/, '')).filter(ours);
  const links = [...text.matchAll(/\]\(([^)\s#]+)\)/g)].map((match) => match[1]!).filter((target) => !/^\w+:/.test(target));
  return [...new Set([...code.map((name) => join(ROOT, name)), ...links.map((target) => join(ROOT, dirname(doc), target))])];
}

describe('files the documentation names', () => {
  for (const doc of DOCS) {
    it(`${doc}: each exists`, () => {
      const named = namedPaths(doc);
      expect(named.length).toBeGreaterThan(0);
      expect(named.filter((path) => !existsSync(path)).map((path) => relative(ROOT, path))).toEqual([]);
    });
  }

  it('the README names the command that fetches Electron\'s binary', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`\`${FETCH_ELECTRON}\``);
  });
});
