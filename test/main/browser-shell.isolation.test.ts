// The isolation suite through the browser shell: the programs go in as a browser's page sends
// them (session.run over the WebSocket, with the token), and the host checks that nothing got out.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startBrowserShell } from '../../main/browser-shell/server.js';
import { findEngineAssets } from '../../core/engine/assets.js';
import type { EngineEvent } from '../../core/protocol/index.js';
import { describeIsolationSuite } from '../core/engine/isolation/isolation-suite.js';
import { connect } from './shell-clients.js';

describeIsolationSuite('isolation through the browser shell', async () => {
  const root = mkdtempSync(join(tmpdir(), 'loopscope-shell-isolation-'));
  mkdirSync(join(root, 'renderer'));
  writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>Loopscope</title>\n');
  const shell = await startBrowserShell({ port: 0, rendererDir: join(root, 'renderer') });
  const upgrade = await connect(`ws://127.0.0.1:${shell.port}/ws?token=${shell.token}`, { origin: `http://127.0.0.1:${shell.port}` });
  if (!upgrade.ok) throw new Error(`the shell refused the WebSocket: ${upgrade.status}`);
  const client = upgrade.client;
  let id = 1;
  client.send({ id: id++, type: 'session.subscribe' });
  return {
    async run(filename, source) {
      const from = client.messages.length;
      const events = () => client.messages.slice(from).flatMap((m) => (m.type === 'events' ? m.events : []));
      const request = id++;
      client.send({ id: request, type: 'session.run', filename, source });
      const response = await client.response(request);
      if (!response.ok) throw new Error(`session.run refused: ${response.error}`);
      const exit = await client.waitFor(() => events().find((e): e is Extract<EngineEvent, { type: 'exit' }> => e.type === 'exit'), 'exit', 110_000);
      const text = (stream: string) => events().flatMap((e) => (e.type === 'output' && e.stream === stream ? [e.text] : [])).join('');
      const errors = events().flatMap((e) => (e.type === 'error' ? [e.message] : []));
      return { stdout: text('stdout'), stderr: text('stderr'), exit: { code: exit.code, ...(exit.reason ? { reason: exit.reason } : {}) }, errors };
    },
    async dispose() {
      await client.close();
      await shell.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}, { watched: [dirname(findEngineAssets().engineFile)] });
