// Part of `npm run bench` (BENCH_ONLY=timetravel): going back in a long run, beside the same
// program under python3 and the engine's own forward run to the same moment. Prints medians;
// asserts nothing. The run is paused at its last line after N task switches (steps); the scout
// engine makes a checkpoint 2% before it (a re-execution that waits there), then: back to the
// previous task switch (on from the checkpoint), at once again (the next checkpoint is still
// being made: the trip waits for it), Go to Step N/2 (from the start), and Step Back from
// there (a scan from the checkpoint to here, then the target from the start). The memory the
// checkpoint takes is the scout's process; the timeline is what the host keeps.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RewindableSession } from '../core/timetravel/rewindable-session.js';
import type { EngineEvent, Paused, TravelRequest } from '../core/protocol/index.js';
import { median, ms, PYTHON, ROUNDS } from './measure.js';

/** `tasks` tasks that each switch `rounds` times, then a last line to pause on. */
function programOf(tasks: number, rounds: number): string {
  return `import asyncio, time

async def spin():
    for _ in range(${rounds}):
        await asyncio.sleep(0)

async def main():
    await asyncio.gather(*(spin() for _ in range(${tasks})))
    done = True  # END

started = time.perf_counter()
asyncio.run(main())
print(f"BENCH {time.perf_counter() - started:.6f}")
`;
}

/** Resident memory of this process's children (the engine processes), in bytes. */
function childrenRss(): number[] {
  const sizes: number[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (Number(/PPid:\s+(\d+)/.exec(status)?.[1]) !== process.pid) continue;
      const kib = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
      if (kib) sizes.push(kib * 1024);
    } catch {
      // gone meanwhile
    }
  }
  return sizes;
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

class Traveller {
  readonly session = new RewindableSession({ prewarm: true });
  private waiting: ((event: EngineEvent) => void) | undefined;

  constructor() {
    this.session.onEvent((event) => this.waiting?.(event));
  }

  /** Seconds from start to the pause at END, and that pause. */
  async runToEnd(filename: string, source: string, line: number): Promise<{ seconds: number; paused: Paused }> {
    const started = performance.now();
    const paused = this.next('paused');
    await this.session.start({ filename, source, breakpoints: [{ file: filename, line }] });
    const event = await paused;
    return { seconds: (performance.now() - started) / 1000, paused: event };
  }

  /** Seconds until the checkpoint asked for last is made. */
  async checkpointMade(): Promise<number> {
    const started = performance.now();
    await this.session.checkpointSettled();
    if (this.session.checkpoint === 0) throw new Error('no checkpoint was made');
    return (performance.now() - started) / 1000;
  }

  async travel(request: TravelRequest): Promise<{ seconds: number; step: number }> {
    const started = performance.now();
    const arrived = this.next('travel.arrived');
    await this.session.travel(request);
    const event = await arrived;
    return { seconds: (performance.now() - started) / 1000, step: event.paused.step ?? 0 };
  }

  private next<T extends 'paused' | 'travel.arrived'>(type: T): Promise<Extract<EngineEvent, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.waiting = (event) => {
        if (event.type === type) resolve(event as Extract<EngineEvent, { type: T }>);
        else if (event.type === 'exit') reject(new Error(`the run exited (${event.code}) before a ${type}`));
      };
    });
  }
}

export async function timeTravel(): Promise<void> {
  console.log('\nTime travel (median of %d; a run paused at its last line after N task switches;', ROUNDS);
  console.log('travel = re-execution in the scout engine, on from its checkpoint or from the start; the run swapped in when it is there)');
  console.log('steps        python3 run   engine to end   checkpoint made   previous switch   again at once   go to step N/2   step back   engine processes RSS   timeline heap');
  const dir = mkdtempSync(join(tmpdir(), 'loopscope-bench-travel-'));
  for (const [tasks, rounds] of [[1000, 100], [1000, 1000]] as const) {
    const filename = join(dir, `travel_${tasks * rounds}.py`);
    const source = programOf(tasks, rounds);
    writeFileSync(filename, source);
    const line = source.split('\n').findIndex((text) => text.includes('# END')) + 1;
    const native: number[] = [];
    const forward: number[] = [];
    const checkpoint: number[] = [];
    const previous: number[] = [];
    const again: number[] = [];
    const middle: number[] = [];
    const back: number[] = [];
    let steps = 0;
    let rss: number[] = [];
    let heap = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const python = /BENCH (\d+\.\d+)/.exec(spawnSync(PYTHON, [filename], { encoding: 'utf8' }).stdout)?.[1];
      if (python) native.push(Number(python));
      const traveller = new Traveller();
      global.gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      const end = await traveller.runToEnd(filename, source, line);
      forward.push(end.seconds);
      steps = end.paused.step ?? 0;
      checkpoint.push(await traveller.checkpointMade());
      previous.push((await traveller.travel({ to: 'previous-switch' })).seconds);
      again.push((await traveller.travel({ to: 'previous-switch' })).seconds);
      await traveller.checkpointMade();
      middle.push((await traveller.travel({ to: 'step', step: Math.floor(steps / 2) })).seconds);
      await traveller.checkpointMade();
      back.push((await traveller.travel({ to: 'step-back' })).seconds);
      global.gc?.();
      heap = process.memoryUsage().heapUsed - heapBefore;
      rss = childrenRss();
      await traveller.session.dispose();
    }
    const label = `${steps.toLocaleString('en')}`.padEnd(11);
    const columns = [[native, 11], [forward, 15], [checkpoint, 17], [previous, 17], [again, 15], [middle, 16], [back, 11]] as const;
    const figures = columns.map(([values, width]) => ms(median(values)).padStart(width)).join('  ');
    console.log(`${label}${figures}   ${rss.map(mb).join(' + ').padStart(20)}   ${mb(Math.max(heap, 0)).padStart(12)}`);
  }
}
