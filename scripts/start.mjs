// `npm start` (after the build): the desktop app on the bundled example where Electron's binary
// runs; otherwise one line saying why, and the browser shell on the same example.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { FETCH_ELECTRON, displayProblem, findElectronBinary } from '../dist/main/electron-binary.mjs';

const root = resolve(import.meta.dirname, '..');
const example = resolve(root, 'assets/examples/hello_tasks.py');
const electron = findElectronBinary(root);
const why = electron.ok ? displayProblem() : electron.reason;

if (electron.ok && !why) {
  const app = spawn(electron.path, [resolve(root, 'dist/main/main.mjs'), example], { stdio: 'inherit' });
  // Ctrl+C reaches Electron too (same process group); its status becomes ours.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
  app.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
} else {
  const what = electron.ok
    ? `Electron cannot show a window here (${why})`
    : `Electron's binary is not installed here (${why}; \`${FETCH_ELECTRON}\` fetches it, where Electron's release host on GitHub can be reached)`;
  console.log(`${what}; opening the browser shell instead`);
  const { serveCommand } = await import('../dist/serve.js');
  process.exitCode = await serveCommand({ command: 'serve', file: example, port: 0, open: true });
}
