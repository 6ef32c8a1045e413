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
  build({ ...node, entryPoints: { 'engine-worker': 'core/engine/worker.ts' }, outdir: 'dist' }),
]);
cpSync('core/engine/python', 'dist/python', {
  recursive: true,
  filter: (path) => !path.includes('__pycache__'),
});
console.log('built dist/');
