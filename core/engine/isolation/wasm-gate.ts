// The import gate: Emscripten's table of JavaScript functions, rewritten in place before the
// interpreter is instantiated, so that once the gate is armed (the agent opens its channel,
// right before the program runs) only what wasm-imports.ts calls OPEN still acts.
//
// In place, because the same object is where Emscripten's dynamic linker resolves symbols
// (dlsym, side modules): there is no second, ungated copy to be found.
import { BRIDGE, OPEN, REFUSED } from './wasm-imports.js';

const SIGNAL_HELPER = '_Py_CheckEmscriptenSignals_Helper';

/** Thrown through the interpreter to end a run at once. Pyodide leaves an error marked as
 * `pyodide_fatal_error` alone (no "please report" banner): the interpreter is thrown away. */
export class RunAborted extends Error {
  readonly pyodide_fatal_error = true;
  constructor() {
    super('the run was stopped');
  }
}

/** The program reached an import that no program may reach (BRIDGE, or one unknown here). */
export class ImportRefused extends Error {
  readonly pyodide_fatal_error = true;
  constructor(readonly importName: string) {
    super(`the program reached ${importName}, which Loopscope's embedded engine refuses: programs here cannot reach JavaScript or the host machine`);
  }
}

type ImportFunction = ((...args: unknown[]) => unknown) & { sig?: string };

export class WasmGate {
  private armed = false;
  /** The import table has been rewritten (an interpreter without it must not run). */
  installed = false;
  /** The first forbidden import a run reached, if any. */
  refused: string | undefined;

  /** @param signals called where CPython polls for signals (a few hundred thousand times a
   * second while Python runs): returns a signal number to raise, 0 for none, or throws. */
  constructor(private readonly signals: () => number) {}

  get isArmed(): boolean {
    return this.armed;
  }

  arm(): void {
    this.armed = true;
  }

  /** Rewrite Emscripten's import table (`imports.env`, which is also `wasi_snapshot_preview1`). */
  install(env: Record<string, unknown>): void {
    for (const name of Object.keys(env)) {
      const original = env[name];
      if (typeof original !== 'function') continue;
      if (name === SIGNAL_HELPER) env[name] = withSig(this.signals, original as ImportFunction);
      else if (OPEN.has(name)) continue;
      else if (REFUSED.has(name)) env[name] = withSig(this.refusing(original as ImportFunction, REFUSED.get(name)!), original as ImportFunction);
      else env[name] = withSig(this.guarding(name, original as ImportFunction), original as ImportFunction);
    }
    this.installed = true;
  }

  private refusing(original: ImportFunction, value: number | null): ImportFunction {
    return (...args: unknown[]) => (this.armed ? value : original(...args));
  }

  private guarding(name: string, original: ImportFunction): ImportFunction {
    return (...args: unknown[]) => {
      if (this.armed) {
        this.refused ??= name;
        throw new ImportRefused(name);
      }
      return original(...args);
    };
  }
}

/** Emscripten reads a JS function's `sig` to put it in the function table (addFunction). */
function withSig(replacement: ImportFunction, original: ImportFunction): ImportFunction {
  if (original.sig !== undefined) replacement.sig = original.sig;
  return replacement;
}

/** Every function import of the interpreter's module that the tables do not list. */
export function unlistedImports(names: Iterable<string>): string[] {
  return [...names].filter((name) => !OPEN.has(name) && !REFUSED.has(name) && !BRIDGE.has(name));
}
