// What native mode remembers from one session to the next (localStorage in the page): the
// interpreter chosen for each file, and that the user has read what native mode means.

/** The part of the Web Storage API used here, so tests can give a Map-backed one. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const CHOICE_PREFIX = 'loopscope.native.python:';
const NOTICE_READ = 'loopscope.native.noticeRead';

export class NativePreferences {
  constructor(private readonly storage: KeyValueStorage) {}

  /** The interpreter last chosen for `path`, or null for the embedded engine. */
  interpreterFor(path: string): string | null {
    return this.read(CHOICE_PREFIX + path);
  }

  remember(path: string, python: string | null): void {
    this.write(CHOICE_PREFIX + path, python);
  }

  get noticeRead(): boolean {
    return this.read(NOTICE_READ) === '1';
  }

  markNoticeRead(): void {
    this.write(NOTICE_READ, '1');
  }

  // Storage can refuse (a full quota, a browser's privacy mode): the choice then lasts until
  // the page closes, which is all it can do.
  private read(key: string): string | null {
    try {
      return this.storage.getItem(key);
    } catch {
      return null;
    }
  }

  private write(key: string, value: string | null): void {
    try {
      if (value === null) this.storage.removeItem(key);
      else this.storage.setItem(key, value);
    } catch {
      // See read().
    }
  }
}

/** A storage that forgets when the page closes: the default where no localStorage is given. */
export function memoryStorage(): KeyValueStorage {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

/** The page's localStorage, or a memory one where the page may not have it (an opaque origin
 * throws on the very access). */
export function pageStorage(window: Pick<Window, 'localStorage'>): KeyValueStorage {
  try {
    return window.localStorage;
  } catch {
    return memoryStorage();
  }
}
