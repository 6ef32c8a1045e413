// Builds what runs outside the test runner: the CLI, the engine worker (Node ESM bundles in
// dist/), and copies the Python agent beside them.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';

const node = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
};

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });
await Promise.all([
  build({ ...node, entryPoints: { cli: 'core/cli/main.ts' }, outdir: 'dist' }),
  // The engine process reads nothing but its own files (its permissions name them): one file,
  // .mjs so that Node needs no package.json to know it is a module.
  build({ ...node, entryPoints: { engine: 'core/engine/engine-main.ts' }, outdir: 'dist', outExtension: { '.js': '.mjs' } }),
]);
cpSync('core/engine/python', 'dist/python', {
  recursive: true,
  filter: (path) => !path.includes('__pycache__'),
});
// ---- main/: the hosts of the UI. The browser shell (dist/serve.js, loaded by `loopscope
// serve`), the Electron main process (ESM) and its preload (CommonJS: a sandboxed preload can
// be nothing else, and may require only 'electron', so everything else is bundled into it).
await Promise.all([
  build({ ...node, entryPoints: { serve: 'main/browser-shell/serve-command.ts' }, outdir: 'dist' }),
  build({
    ...node,
    entryPoints: { main: 'main/electron/main.ts', 'electron-binary': 'main/electron/electron-binary.ts' },
    outdir: 'dist/main',
    outExtension: { '.js': '.mjs' },
  }),
  build({
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'chrome140',
    external: ['electron'],
    sourcemap: 'linked',
    logLevel: 'warning',
    entryPoints: { preload: 'main/electron/preload.ts' },
    outdir: 'dist/main',
    outExtension: { '.js': '.cjs' },
  }),
]);

console.log('built dist/');
// ---- the benchmark (npm run bench)
await build({ ...node, entryPoints: { bench: 'bench/bench.ts', 'bench-dap': 'bench/dap.ts' }, outdir: 'dist' });
// ---- renderer/: the UI, bundled for the browser (Electron's sandboxed page and the browser
// shell serve the same dist/renderer/: index.html, index.js, index.css).
await build({
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'chrome120',
  jsx: 'automatic',
  minify: true,
  sourcemap: 'linked',
  logLevel: 'warning',
  // React reads NODE_ENV; a page has no `process`.
  define: { 'process.env.NODE_ENV': '"production"' },
  entryPoints: { index: 'renderer/index.tsx' },
  outdir: 'dist/renderer',
});
cpSync('renderer/index.html', 'dist/renderer/index.html');
console.log('built dist/renderer/');
