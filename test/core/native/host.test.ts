// Native mode through the client protocol, as the UI uses it: the interpreters found for a
// file, a run in one of them with the program's stdin from the console, and no run in an
// executable the host did not find.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useHostSession } from '../session/host-client.js';
import { local, skipNote } from './python.js';

const hosted = useHostSession('loopscope-native-host-');
const { client, request } = hosted;

describe.skipIf(!local.python)(`native runs from a client${skipNote}`, () => {
  it('lists the interpreters for a file, runs in one, and takes the console\'s input', async () => {
    const file = join(hosted.dir, 'greet.py');
    const source = 'import asyncio, sys\nasync def main():\n    name = await asyncio.to_thread(sys.stdin.readline)\n    print("hello", name.strip(), sys.platform)\nasyncio.run(main())\n';
    writeFileSync(file, source);
    const c = client();
    await request(c, { type: 'session.subscribe' });
    const listed = await request(c, { type: 'interpreters.list', filename: file });
    const found = listed.result as Array<{ executable: string; version: string; source: string }>;
    const onPath = found.find((interpreter) => interpreter.source === 'PATH');
    expect(onPath?.version).toBe(`CPython ${local.version}`);

    expect((await request(c, { type: 'session.run', filename: file, source, python: onPath!.executable })).ok).toBe(true);
    expect((await request(c, { type: 'stdin.write', text: 'grace\n' })).ok).toBe(true);
    expect((await c.exit()).code).toBe(0);
    expect(c.stdout()).toBe(`hello grace ${process.platform}\n`);
    expect(c.replayedState().python).toContain('native');
    expect(c.replayedState().isolation).toEqual([]);
  });

  it('refuses a run in an executable it did not find for the file, and stdin for an embedded run', async () => {
    const file = join(hosted.dir, 'plain.py');
    writeFileSync(file, 'print(1)\n');
    const c = client();
    const refused = await request(c, { type: 'session.run', filename: file, source: 'print(1)\n', python: '/bin/sh' });
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining('/bin/sh is not one of the interpreters found for this program') });
    expect((await request(c, { type: 'session.run', filename: file, source: 'print(1)\n' })).ok).toBe(true);
    const stdin = await request(c, { type: 'stdin.write', text: 'x' });
    expect(stdin).toMatchObject({ ok: false, error: expect.stringContaining('the program has no stdin') });
  });
});
