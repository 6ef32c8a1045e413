// `loopscope run --python PATH` and `--native` from a shell: the program's output, stdin, exit
// status and folder are python3's; what only the embedded engine does is refused in words; an
// embedded run that needs the network says to use native mode.
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { local, programFile, skipNote } from './python.js';

const BIN = join(import.meta.dirname, '../../../bin/loopscope.js');
const loopscope = (args: string[], options: { input?: string; cwd?: string } = {}) =>
  spawnSync(process.execPath, [BIN, 'run', ...args], { encoding: 'utf8', timeout: 60_000, ...options });

const ARGS = `import asyncio, os, sys
async def main():
    line = await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    print(sys.argv[1:], line.strip(), os.getcwd() == sys.argv[1], sys.prefix != sys.base_prefix)
    sys.exit(int(sys.argv[2]))
asyncio.run(main())
`;

describe.skipIf(!local.python)(`loopscope run in native mode${skipNote}`, () => {
  it('--python runs the program as that python3 would: argv, stdin, folder, status', () => {
    const file = programFile('args.py', ARGS);
    const cwd = dirname(file);
    const result = loopscope(['--python', local.python!, file, cwd, '7'], { input: 'typed\n', cwd });
    expect(result.stdout).toBe(`['${cwd}', '7'] typed True False\n`);
    expect(result.status).toBe(7);
    expect(result.stderr).toBe('');
  });

  it('--native picks the project\'s virtualenv beside the program', () => {
    const file = programFile('args.py', ARGS);
    const cwd = dirname(file);
    execFileSync(local.python!, ['-m', 'venv', '--without-pip', join(cwd, '.venv')]);
    const result = loopscope(['--native', file, cwd, '0'], { input: '', cwd });
    expect(result.stdout).toBe(`['${cwd}', '0']  True True\n`);
    expect(result.status).toBe(0);
  });

  it('refuses what needs the embedded engine, and an interpreter that is not there', () => {
    const file = programFile('hi.py', 'print("hi")\n');
    const travel = loopscope(['--native', '--stop-at-step', '3', file]);
    expect(travel.status).toBe(2);
    expect(travel.stderr).toContain('--stop-at-step needs the embedded engine');
    const missing = loopscope(['--python', '/nonexistent/python3', file]);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('/nonexistent/python3 cannot be run');
  });
});

describe('an embedded run that needs what the engine lacks', () => {
  it('says so, and names native mode', () => {
    const file = programFile('server.py', 'import asyncio\nasync def main():\n    await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)\nasyncio.run(main())\n');
    const result = loopscope([file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/loopscope: loop\.create_server\(\) is not supported in Loopscope's embedded engine: .* `loopscope run --native`/);
    const module = loopscope([programFile('dep.py', 'import aiohttp\n')]);
    expect(module.stderr).toContain("loopscope: the module 'aiohttp' is not in the embedded engine");
  });
});
