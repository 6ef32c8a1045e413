// Lint, and the layering rule of docs/ARCHITECTURE.md ("Folders"): each folder may import only what is below it.
import tseslint from 'typescript-eslint';

const restrict = (files, patterns, why) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message: `Bad layering: ${why}` })) }],
  },
});

const UI = ['react', 'react-dom', 'react-dom/*', '@codemirror/*', 'codemirror'];
const NODE = ['node:*', 'fs', 'path', 'child_process', 'worker_threads', 'ws'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tsbuild/**', 'release/**', 'test-results/**', 'core/engine/python/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  restrict(['core/protocol/**'], ['**/model/**', '**/engine/**', '**/session/**', '**/cli/**', '**/main/**', '**/renderer/**', 'electron', ...UI, ...NODE],
    'core/protocol imports nothing but zod.'),
  restrict(['core/model/**'], ['**/engine/**', '**/session/**', '**/cli/**', '**/main/**', '**/renderer/**', 'electron', ...UI, ...NODE],
    'core/model may import only core/protocol.'),
  restrict(['core/engine/**'], ['**/session/**', '**/cli/**', '**/main/**', '**/renderer/**', 'electron', ...UI],
    'core/engine may import only core/protocol and core/model.'),
  restrict(['core/session/**'], ['**/cli/**', '**/explore/**', '**/main/**', '**/renderer/**', 'electron', ...UI],
    'core/session may import only protocol, model and engine.'),
  restrict(['core/dap/**'], ['**/engine/**', '**/cli/**', '**/main/**', '**/renderer/**', 'electron', ...UI],
    'core/dap may import protocol, model, session and timetravel.'),
  restrict(['core/timetravel/**'], ['**/engine/**', '**/cli/**', '**/dap/**', '**/main/**', '**/renderer/**', 'electron', ...UI],
    'core/timetravel may import protocol, model and session.'),
  restrict(['core/explore/**'], ['**/engine/**', '**/cli/**', '**/main/**', '**/renderer/**', 'electron', ...UI],
    'core/explore may import only protocol, model and session.'),
  restrict(['core/cli/**'], ['**/main/**', '**/renderer/**', 'electron', ...UI],
    'core/cli may import only core.'),
  restrict(['main/**'], ['**/renderer/**', ...UI],
    'main hosts the renderer but never imports it.'),
  restrict(['renderer/**'], ['**/core/engine/**', '**/core/session/**', '**/core/cli/**', '**/main/**', 'electron', ...NODE],
    'the renderer runs in a sandboxed page: only core/protocol and core/model.'),
);
