// What VS Code starts for a "loopscope" debug session (package.json: program, runtime): the
// adapter itself, `loopscope dap`, on this process's stdin and stdout. The Loopscope checkout
// this folder sits in is used when there is one (VS Code started with
// --extensionDevelopmentPath pointing here), else `loopscope` on the PATH (an installed .vsix;
// `npm link` in a checkout puts it there).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const checkout = fileURLToPath(new URL('../../bin/loopscope.js', import.meta.url));
const [command, args] = existsSync(checkout) ? [process.execPath, [checkout, 'dap']] : ['loopscope', ['dap']];
const adapter = spawn(command, args, { stdio: 'inherit' });
adapter.on('error', (error) => {
  process.stderr.write(`Loopscope: cannot start ${command} (${error.message}); run \`npm link\` in a Loopscope checkout\n`);
  process.exit(1);
});
adapter.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => adapter.kill(signal));
