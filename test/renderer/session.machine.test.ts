// The session lifecycle, tested as paths through the machine (xstate/graph): each path is
// replayed against the real renderer app over a fake host, checking at every step the phase,
// which toolbar commands are enabled, and what went over the wire.
import { describe, expect, it } from 'vitest';
import { createTestModel } from 'xstate/graph';
import { initialState } from '../../core/model/index.js';
import { LoopscopeApp } from '../../renderer/app/loopscope-app.js';
import { DEBUG_COMMANDS, type DebugCommandName } from '../../renderer/app/commands.js';
import { immediateScheduler } from '../../renderer/state/store.js';
import { sessionMachine, type SessionMachineEvent, type SessionPhase } from '../../renderer/session.machine.js';
import { deadlockPause, FILE } from './fixtures.js';
import { FakeHost } from './fake-host.js';

const EVENTS: SessionMachineEvent[] = [
  { type: 'RUN' }, { type: 'CONTINUE' }, { type: 'PAUSE' }, { type: 'STEP', kind: 'over' }, { type: 'STEP', kind: 'switch' },
  { type: 'STOP' }, { type: 'RESTART' },
  { type: 'ENGINE.READY' }, { type: 'ENGINE.PAUSED' }, { type: 'ENGINE.RESUMED' },
  { type: 'ENGINE.EXITED', crashed: false }, { type: 'ENGINE.EXITED', crashed: true },
  { type: 'RUN.FAILED', error: 'no engine' },
  { type: 'SYNC', status: 'running' }, { type: 'SYNC', status: 'paused' }, { type: 'SYNC', status: 'exited' }, { type: 'SYNC', status: 'idle' },
];

/** Toolbar commands enabled in each phase (with a file open). */
const ENABLED: Record<SessionPhase, DebugCommandName[]> = {
  idle: ['Run'],
  starting: ['Stop'],
  running: ['Pause', 'Stop', 'Restart'],
  pausing: ['Stop', 'Restart'],
  paused: ['Continue', 'Step Over', 'Step Into', 'Step Out', 'Step to Next Switch', 'Stop', 'Restart'],
  exited: ['Run', 'Restart'],
  crashed: ['Run', 'Restart'],
};

interface Sut {
  host: FakeHost;
  app: LoopscopeApp;
}

function createSut(): Sut {
  const host = new FakeHost();
  host.handlers['session.run'] = () => 'hold';
  const app = new LoopscopeApp(host, { theme: 'light', schedule: immediateScheduler });
  host.emit({ type: 'file.opened', file: { path: FILE, source: 'import asyncio\n', mtimeMs: 1 } });
  app.actions.toggleBreakpoint(1);
  return { host, app };
}

/** Do what a user or the host does to cause `event`, and check what the renderer sent. */
function perform({ host, app }: Sut, event: SessionMachineEvent): void {
  const before = host.sent.length;
  const sentNow = () => host.sent.slice(before);
  switch (event.type) {
    case 'RUN':
    case 'RESTART': {
      app.execute(event.type === 'RUN' ? 'Run' : 'Restart');
      const run = sentNow().find((request) => request.type === 'session.run');
      expect(run).toMatchObject({ filename: FILE, source: 'import asyncio\n', breakpoints: [{ file: FILE, line: 1 }], breakOn: ['deadlock'] });
      return;
    }
    case 'CONTINUE':
      app.execute('Continue');
      expect(sentNow()).toContainEqual(expect.objectContaining({ type: 'debug', command: { type: 'debug.continue' } }));
      return;
    case 'PAUSE':
      app.execute('Pause');
      expect(sentNow()).toContainEqual(expect.objectContaining({ type: 'debug', command: { type: 'debug.pause' } }));
      return;
    case 'STEP': {
      app.actions.selectTask(2);
      app.execute(event.kind === 'over' ? 'Step Over' : 'Step to Next Switch');
      expect(sentNow()).toContainEqual(expect.objectContaining({ type: 'debug', command: { type: 'debug.step', kind: event.kind, taskId: 2 } }));
      return;
    }
    case 'STOP':
      app.execute('Stop');
      expect(sentNow()).toContainEqual(expect.objectContaining({ type: 'session.stop' }));
      return;
    case 'ENGINE.READY':
      host.answerHeld('session.run', { ok: true });
      host.emit({ type: 'events', events: [{ type: 'engine.ready', protocol: 1, python: '3.14.0', loadMs: 5 }] });
      return;
    case 'ENGINE.PAUSED':
      host.emit({ type: 'events', events: [deadlockPause()] });
      return;
    case 'ENGINE.RESUMED':
      host.emit({ type: 'events', events: [{ type: 'resumed' }] });
      return;
    case 'ENGINE.EXITED':
      host.emit({ type: 'events', events: [event.crashed ? { type: 'exit', code: 70, reason: 'crashed' } : { type: 'exit', code: 0 }] });
      return;
    case 'RUN.FAILED':
      expect(host.answerHeld('session.run', { ok: false, error: event.error })).toBe(true);
      return;
    case 'SYNC':
      host.emit({ type: 'state.full', state: { ...initialState(), status: event.status }, droppedEvents: 0 });
      return;
  }
}

async function settle(): Promise<void> {
  // Responses settle promises: let their handlers run.
  await new Promise((resolve) => setTimeout(resolve, 0));
}

// A phase is a state: why a start failed is data, not another place to be.
const model = createTestModel(sessionMachine, { events: EVENTS, serializeState: (snapshot) => String(snapshot.value) });

describe('session lifecycle', () => {
  const paths = model.getShortestPaths({ allowDuplicatePaths: true });

  it('reaches every phase', () => {
    const reached = new Set(paths.map((path) => String(path.state.value)));
    expect([...reached].sort()).toEqual(Object.keys(ENABLED).sort());
  });

  // The shortest path to every phase, then each way on from there: every event the phase
  // accepts, tried once.
  const extended = paths.flatMap((path) => EVENTS
    .filter((event) => path.state.can(event))
    .map((event) => {
      const events = [...path.steps.map((step) => step.event).filter((e) => !e.type.startsWith('xstate.')), event];
      // The path that takes every one of these events (the others stop on the way).
      return model.getPathsFromEvents(events).find((candidate) => candidate.steps.filter((step) => !step.event.type.startsWith('xstate.')).length === events.length)!;
    }));
  const unique = new Map([...paths, ...extended].map((path) => [path.description, path]));
  for (const path of unique.values()) {
    it(path.description, async () => {
      const sut = createSut();
      await path.test({
        states: {
          '*': async (snapshot) => {
            await settle();
            const phase = String(snapshot.value) as SessionPhase;
            expect(sut.app.controller.phase.get().value).toBe(phase);
            const enabled = DEBUG_COMMANDS.filter((command) => sut.app.enabled(command));
            expect(enabled).toEqual(ENABLED[phase]);
          },
        },
        events: Object.fromEntries(EVENTS.map((event) => [event.type, async ({ event: step }: { event: SessionMachineEvent }) => {
          perform(sut, step);
          await settle();
        }])),
      });
      sut.app.dispose();
      expect(sut.host.listenerCount).toBe(0);
    });
  }
});

describe('a failed start', () => {
  it('says why, and Run is possible again', async () => {
    const sut = createSut();
    perform(sut, { type: 'RUN' });
    perform(sut, { type: 'RUN.FAILED', error: 'the engine could not load' });
    await settle();
    expect(sut.app.controller.phase.get().context.failure).toBe('the engine could not load');
    expect(sut.app.enabled('Run')).toBe(true);
    sut.app.dispose();
  });
});
