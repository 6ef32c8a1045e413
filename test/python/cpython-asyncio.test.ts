// DebugLoop against CPython's own asyncio tests (locks, queues, task groups, timeouts, wait_for),
// run by the local native python3. See run_cpython_asyncio_tests.py for how every loop those
// tests create is made a DebugLoop, and for the documented skip-list. The second run also points
// the `time` module at the virtual clock, as the engine does for the programs it runs.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { expect, it } from "vitest";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "..", "..");
const script = path.join(here, "run_cpython_asyncio_tests.py");

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  missing: boolean; // python3 itself is not installed
}

function runScript(flags: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn("python3", [script, ...flags], {
      cwd: repoRoot,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (err: NodeJS.ErrnoException) =>
      resolve({ code: null, signal: null, stdout, stderr: String(err), missing: err.code === "ENOENT" }),
    );
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr, missing: false }));
  });
}

const modes = [
  { name: "", flags: [] },
  { name: ", with the time module on the virtual clock", flags: ["--engine-time"] },
];

const title = "DebugLoop passes CPython's asyncio tests for locks, queues, task groups, timeouts and wait_for";

for (const { name, flags } of modes) {
  it(`${title}${name}`, async (ctx) => {
    const run = await runScript(flags);
    if (run.missing) ctx.skip("python3 is not installed on this machine");

    const skip = /^SKIP: (.*)$/m.exec(run.stdout);
    if (skip && run.code === 0) {
      console.log(skip[0]);
      ctx.skip(skip[1]);
    }

    // On failure, show what the script said (the failing tests' tracebacks are on stderr).
    const report = `exit ${run.code ?? run.signal}\n--- stdout\n${run.stdout}\n--- stderr (tail)\n${run.stderr.slice(-8000)}`;
    expect(run.code, report).toBe(0);

    const summary =
      /^SUMMARY: (\d+) tests run on (\d+) DebugLoops .*: (\d+) passed, (\d+) failed, (\d+) errors/m.exec(run.stdout);
    expect(summary, report).not.toBeNull();
    const [, testsRun, debugLoops, passed, failed, errors] = summary!.map(Number);
    expect(testsRun, report).toBeGreaterThan(0);
    expect(debugLoops, report).toBeGreaterThan(0);
    expect(passed, report).toBeGreaterThan(0);
    expect(failed, report).toBe(0);
    expect(errors, report).toBe(0);
    expect(run.stdout, report).not.toMatch(/CHECK FAILED/);
  }, 300_000);
}
