// The Python interpreters native mode can run a program in: the project's virtualenv
// (.venv or venv, in the program's folder or one above it), the active one ($VIRTUAL_ENV), and
// python3 on PATH; each asked for its version. Agent and program need Python 3.11 or later.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

export const MIN_PYTHON = [3, 11] as const;
/** How many folders above the program's a project's virtualenv is looked for. */
const VENV_LEVELS = 4;
const ASK_TIMEOUT_MS = 10_000;

export interface Interpreter {
  /** What to run: sys.executable as the interpreter reports it. */
  executable: string;
  /** 'CPython 3.12.4' */
  version: string;
  /** Where it was found: 'project .venv', '$VIRTUAL_ENV', 'PATH', or 'given'. */
  source: string;
}

const ASK = 'import json, platform, sys; print(json.dumps({"executable": sys.executable, "implementation": platform.python_implementation(), "version": list(sys.version_info[:3])}))';

/** Ask `python` what it is; an error (in words) if it cannot run or is too old. */
export function describeInterpreter(python: string, env?: NodeJS.ProcessEnv, source = 'given'): Promise<Interpreter | { error: string }> {
  return new Promise((resolve) => {
    execFile(python, ['-c', ASK], { env: env ?? process.env, timeout: ASK_TIMEOUT_MS, windowsHide: true }, (error, stdout) => {
      if (error) {
        const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : error.message.split('\n')[0];
        resolve({ error: `the Python interpreter ${python} cannot be run: ${why}` });
        return;
      }
      try {
        const info = JSON.parse(stdout) as { executable: string; implementation: string; version: number[] };
        const [major = 0, minor = 0] = info.version;
        const version = `${info.implementation} ${info.version.join('.')}`;
        if (major < MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor < MIN_PYTHON[1])) {
          resolve({ error: `${python} is ${version}: native mode needs Python ${MIN_PYTHON.join('.')} or later` });
          return;
        }
        resolve({ executable: info.executable || python, version, source });
      } catch {
        resolve({ error: `${python} did not answer as a Python interpreter` });
      }
    });
  });
}

function venvPython(venv: string): string {
  return process.platform === 'win32' ? join(venv, 'Scripts', 'python.exe') : join(venv, 'bin', 'python');
}

/** Where interpreters may be, most specific first, with where each was found. */
export function interpreterCandidates(programDir: string, env: NodeJS.ProcessEnv = process.env): Array<{ python: string; source: string }> {
  const found: Array<{ python: string; source: string }> = [];
  for (let dir = programDir, level = 0; level <= VENV_LEVELS; level++, dir = dirname(dir)) {
    for (const name of ['.venv', 'venv']) {
      const python = venvPython(join(dir, name));
      if (existsSync(python)) found.push({ python, source: `project ${name}` });
    }
    if (dirname(dir) === dir) break;
  }
  if (env.VIRTUAL_ENV) {
    const python = venvPython(env.VIRTUAL_ENV);
    if (existsSync(python)) found.push({ python, source: '$VIRTUAL_ENV' });
  }
  for (const name of process.platform === 'win32' ? ['python.exe', 'py.exe'] : ['python3']) {
    const onPath = (env.PATH ?? '').split(delimiter).map((dir) => join(dir, name)).find((path) => path && existsSync(path));
    if (onPath) found.push({ python: onPath, source: 'PATH' });
  }
  return found;
}

/** The usable interpreters for a program in `programDir`, each once (by sys.executable). */
export async function findInterpreters(programDir: string, env: NodeJS.ProcessEnv = process.env): Promise<Interpreter[]> {
  const described = await Promise.all(interpreterCandidates(programDir, env).map(({ python, source }) => describeInterpreter(python, env, source)));
  const seen = new Set<string>();
  const usable: Interpreter[] = [];
  for (const entry of described) {
    if ('error' in entry || seen.has(entry.executable)) continue;
    seen.add(entry.executable);
    usable.push(entry);
  }
  return usable;
}
