#!/usr/bin/env node
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2), {
  // The browser shell is a host (main/), bundled apart from the CLI: loaded only for `serve`.
  serve: async (args) => (await import('../dist/serve.js')).serveCommand(args),
});
