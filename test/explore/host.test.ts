// Exploration through the host, as the UI asks for it: explore.start answers with the report
// and streams progress, explore.stop ends it early, and a failure's token opens as a run that
// pauses where it fails (break on the exception, the deadlock pause).
import { afterAll, describe, expect, it } from 'vitest';
import { exploreService } from '../../core/explore/service.js';
import { ExploreReport, type EngineEvent } from '../../core/protocol/index.js';
import { HostSession } from '../../core/session/host-session.js';
import { RecordingClient } from '../core/session/host-client.js';
import { program } from './programs.js';

const host = new HostSession({ explore: exploreService(2) });
afterAll(() => host.dispose());
let nextId = 1;

async function request(client: RecordingClient, body: Record<string, unknown>) {
  const id = nextId++;
  await host.receive(client, { id, ...body });
  return client.response(id);
}

function attached(): RecordingClient {
  const client = new RecordingClient();
  host.attach(client);
  return client;
}

const paused = (client: RecordingClient) => client.waitFor(() => client.events().find((event): event is Extract<EngineEvent, { type: 'paused' }> => event.type === 'paused'), 'paused');

describe('exploring through the host', () => {
  it('explores the program a client sends, with progress, and opens a failure paused at its exception', async () => {
    const client = attached();
    await request(client, { type: 'session.subscribe' });
    const { file, source } = program('init_once.py');
    const response = await request(client, { type: 'explore.start', filename: file, source, runs: 8 });
    expect(response.ok).toBe(true);
    const report = ExploreReport.parse(response.result);
    expect(report.runs).toBe(8);
    const progress = client.messages.flatMap((message) => (message.type === 'explore.progress' ? [message.progress] : []));
    expect(progress.map((p) => p.runs)).toEqual(expect.arrayContaining([1, 8]));
    expect(progress.at(-1)).toMatchObject({ phase: 'done', runs: 8, total: 8, failures: report.failures.length });
    const failure = report.failures.find((candidate) => candidate.kind === 'assertion')!;
    expect(failure.shrunk?.reproduces).toBe(true);

    client.clear();
    const run = await request(client, { type: 'session.run', filename: file, source, schedule: failure.shrunk!.token, breakOn: ['deadlock', 'exception'] });
    expect(run.ok).toBe(true);
    const pause = await paused(client);
    expect(pause.reason).toMatchObject({ kind: 'exception', description: expect.stringMatching(/AssertionError: opened 2 connections/) });
    expect(pause.location).toEqual([file, failure.line]);
    await request(client, { type: 'debug', command: { type: 'debug.continue' } });
    expect((await client.exit()).code).toBe(1);
  });

  it('opens a deadlock at the deadlock pause', async () => {
    const client = attached();
    await request(client, { type: 'session.subscribe' });
    const { file, source } = program('lock_order_inversion.py');
    const report = ExploreReport.parse((await request(client, { type: 'explore.start', filename: file, source, runs: 6, strategy: 'pct' })).result);
    const failure = report.failures.find((candidate) => candidate.kind === 'deadlock')!;
    client.clear();
    await request(client, { type: 'session.run', filename: file, source, schedule: failure.shortest.token });
    const pause = await paused(client);
    expect(pause.reason.kind).toBe('deadlock');
    expect(pause.graph.cycles[0]?.kind).toBe('lock-cycle');
    await request(client, { type: 'debug', command: { type: 'debug.continue' } });
    expect((await client.exit()).code).toBe(113);
  });

  it('stops an exploration when asked, refuses a second one meanwhile, and refuses a bad token', async () => {
    const client = attached();
    const { file, source } = program('ok_locked_counter.py');
    const id = nextId++;
    const running = host.receive(client, { id, type: 'explore.start', filename: file, source, runs: 500 });
    await client.waitFor((messages) => messages.some((message) => message.type === 'explore.progress' && message.progress.runs >= 2), 'progress');
    const second = await request(client, { type: 'explore.start', filename: file, source, runs: 5 });
    expect(second).toMatchObject({ ok: false, error: 'an exploration is already running: stop it first' });
    expect((await request(client, { type: 'explore.stop' })).ok).toBe(true);
    await running;
    const report = ExploreReport.parse((await client.response(id)).result);
    expect(report.stopped).toBe(true);
    expect(report.runs).toBeLessThan(500);

    const bad = await request(client, { type: 'session.run', filename: file, source, schedule: 'ls1.AAAA' });
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/schedule token is (cut short|damaged)/) });
  });
});
