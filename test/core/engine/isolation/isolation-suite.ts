// The isolation suite, for any way of running a program (an EngineSession, the browser shell,
// the packaged layout): every hostile program runs, and the host checks that nothing got out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostWitness, NOTHING_ESCAPED } from './host-witness.js';
import { hostilePrograms, type Target } from './hostile-programs.js';

export interface ProgramRun {
  stdout: string;
  stderr: string;
  exit: { code: number; reason?: string };
  /** The messages of the run's error events. */
  errors: string[];
}

export interface SuiteRunner {
  run(filename: string, source: string): Promise<ProgramRun>;
  dispose(): Promise<void>;
}

/** A program's folder: somewhere other than the target, so that its own files (which the
 * engine copies in) are not the host files it must not see. */
const PROGRAM = '/work/isolation/escape.py';

export function describeIsolationSuite(title: string, makeRunner: () => Promise<SuiteRunner>, options: { watched?: string[] } = {}): void {
  describe(title, () => {
    let witness: HostWitness;
    let runner: SuiteRunner;
    beforeAll(async () => {
      witness = await HostWitness.start(options.watched);
      runner = await makeRunner();
    }, 120_000);
    afterAll(async () => {
      await runner?.dispose();
      await witness?.stop();
    });

    // The programs need the target's ports and paths; the list is the same for any target.
    const names = hostilePrograms(placeholder).map((program) => program.name);
    it('has at least 40 hostile programs', () => {
      expect(names.length).toBeGreaterThanOrEqual(40);
    });

    for (const [index, name] of names.entries()) {
      it(`${name}: nothing reaches the host`, async () => {
        const program = hostilePrograms(witness.target)[index]!;
        const result = await runner.run(PROGRAM, program.source);
        const output = result.stdout + result.stderr + result.errors.join('\n');
        expect(witness.escapes(output), output.slice(-2000)).toEqual(NOTHING_ESCAPED);
        if (program.endsRefused === true) {
          expect(result.exit).toEqual({ code: 70, reason: 'refused' });
          expect(result.errors.join('\n')).toMatch(/refuses: programs here cannot reach JavaScript or the host machine/);
        } else if (program.endsRefused === 'maybe' && result.exit.reason === 'refused') {
          expect(result.exit.code).toBe(70);
        } else {
          // A Python exception at worst, never a crash of the engine.
          expect(result.exit.reason, output.slice(-2000)).toBeUndefined();
          expect([0, 1], output.slice(-2000)).toContain(result.exit.code);
        }
        expect(result.stdout).not.toContain('ESCAPED');
      }, 120_000);
    }

    it('runs an ordinary program after all of them', async () => {
      const result = await runner.run(PROGRAM, 'import asyncio\nasync def main():\n    await asyncio.sleep(1)\n    print("still here")\nasyncio.run(main())\n');
      expect(result.stdout).toBe('still here\n');
      expect(result.exit).toEqual({ code: 0 });
    }, 60_000);
  });
}

const placeholder: Target = {
  dir: '/nonexistent', secretFile: '/nonexistent/secret.txt', secret: '', hiddenName: '', tcpPort: 1, udpPort: 1, hostPid: 1, canary: '',
};
