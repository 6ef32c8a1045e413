// Renderer benchmark: the UI in Chromium, against the browser shell, while a program with ten
// thousand live tasks streams its snapshots. Prints the page's frame times (from
// requestAnimationFrame timestamps: median, p95, worst), long tasks, and what came over the
// WebSocket per second. Needs `npm run build` first and Chromium (/usr/bin/chromium or
// $LOOPSCOPE_CHROMIUM).
//
//   node scripts/bench-renderer.mjs [--seconds N] [--example ten_thousand_tasks]
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    example: { type: 'string', default: 'ten_thousand_tasks' },
    // Also record a CPU profile of the page and print where its time went.
    profile: { type: 'boolean', default: false },
  },
});
const SECONDS = Number(values.seconds);
const CHROMIUM = process.env.LOOPSCOPE_CHROMIUM ?? '/usr/bin/chromium';
const SERVE = resolve('dist/serve.js');
for (const [path, hint] of [[SERVE, 'run `npm run build`'], ['dist/renderer/index.html', 'run `npm run build`'], [CHROMIUM, 'install chromium']]) {
  if (!existsSync(path)) {
    console.error(`bench-renderer: ${path} is missing: ${hint}`);
    process.exit(2);
  }
}
const { startBrowserShell } = await import(SERVE);

const shell = await startBrowserShell({ port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // Frame timestamps and long tasks, recorded by the page itself from the first frame on.
  await page.addInitScript(() => {
    const bench = { frames: [], longTasks: [], recording: false };
    globalThis.__bench = bench;
    const tick = (time) => {
      if (bench.recording) bench.frames.push(time);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    new PerformanceObserver((list) => {
      if (bench.recording) for (const entry of list.getEntries()) bench.longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  // Bytes on the wire, counted by the browser (the page's own code is not slowed by counting).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const wire = { counting: false, bytes: 0, frames: 0 };
  cdp.on('Network.webSocketFrameReceived', ({ response }) => {
    if (!wire.counting) return;
    wire.bytes += Buffer.byteLength(response.payloadData);
    wire.frames += 1;
  });

  await page.goto(shell.url);
  await page.getByRole('heading', { name: 'Open an example' }).waitFor();
  await page.getByRole('button', { name: new RegExp(`${values.example}\\.py$`) }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.locator('[aria-label="Session state"]', { hasText: /^Running$/ }).waitFor({ timeout: 60_000 });
  // Measure once the crowd exists: the first snapshot with thousands of tasks.
  await page.waitForFunction(() => /[\d,]{5,} live/.test(document.querySelector('[aria-label="Task count"]')?.textContent ?? ''), null, { timeout: 60_000 });

  if (values.profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const started = Date.now();
  wire.counting = true;
  await page.evaluate(() => {
    globalThis.__bench.recording = true;
  });
  await Promise.race([
    page.locator('[aria-label="Session state"]', { hasText: /^(Exited|Crashed|Paused)$/ }).waitFor({ timeout: SECONDS * 1000 }).catch(() => undefined),
    new Promise((done) => setTimeout(done, SECONDS * 1000)),
  ]);
  const seconds = (Date.now() - started) / 1000;
  wire.counting = false;
  const profile = values.profile ? (await cdp.send('Profiler.stop')).profile : undefined;
  const { frames, longTasks, taskCount, rows } = await page.evaluate(() => ({
    ...globalThis.__bench,
    taskCount: document.querySelector('[aria-label="Task count"]')?.textContent,
    rows: document.querySelectorAll('[role="tree"][aria-label="Tasks"] [role="treeitem"]').length,
  }));
  const state = await page.locator('[aria-label="Session state"]').textContent();

  const intervals = frames.slice(1).map((time, i) => time - frames[i]).sort((a, b) => a - b);
  const quantile = (q) => (intervals.length ? intervals[Math.min(intervals.length - 1, Math.floor(q * intervals.length))] : NaN);
  const ms = (value) => `${value.toFixed(1)} ms`;
  console.log(`example            ${values.example}.py (${state} after ${seconds.toFixed(1)} s measured; ${taskCount})`);
  console.log(`task rows in DOM   ${rows}`);
  console.log(`frames             ${intervals.length + 1} (${((intervals.length + 1) / seconds).toFixed(1)} per second)`);
  console.log(`frame time         median ${ms(quantile(0.5))}, p95 ${ms(quantile(0.95))}, worst ${ms(intervals.at(-1) ?? NaN)}`);
  console.log(`long tasks         ${longTasks.length} (total ${ms(longTasks.reduce((a, b) => a + b, 0))})`);
  console.log(`websocket          ${(wire.bytes / seconds / 1024).toFixed(1)} KiB/s in ${(wire.frames / seconds).toFixed(1)} messages/s (${(wire.bytes / 1024 / 1024).toFixed(2)} MiB total)`);
  if (profile) printHotFunctions(profile);
} finally {
  await browser.close();
  await shell.close();
}

/** Functions by self time (build without minify for readable names). */
function printHotFunctions(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  console.log('hot functions (self time)');
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${key}`);
}
