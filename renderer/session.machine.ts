// The session lifecycle as the UI sees it: which commands make sense now. The machine decides
// transitions only; what a command does (send a request to the host) is supplied by whoever
// runs it, with `.provide()` (see app/session-controller.ts).
import { assertEvent, assign, setup, type SnapshotFrom } from 'xstate';
import type { SessionStatus } from '../core/model/index.js';

export type StepKind = 'over' | 'into' | 'out' | 'switch';

export type SessionMachineEvent =
  // The user's commands.
  | { type: 'RUN' }
  | { type: 'CONTINUE' }
  | { type: 'PAUSE' }
  | { type: 'STEP'; kind: StepKind }
  | { type: 'STOP' }
  | { type: 'RESTART' }
  // What the host reports (see state/session-events.ts).
  | { type: 'ENGINE.READY' }
  | { type: 'ENGINE.PAUSED' }
  | { type: 'ENGINE.RESUMED' }
  | { type: 'ENGINE.EXITED'; crashed: boolean }
  | { type: 'RUN.FAILED'; error: string }
  /** The host's whole state arrived (on connect): jump to where it is. */
  | { type: 'SYNC'; status: SessionStatus };

export interface SessionMachineContext {
  /** Why the last run could not start, if it could not. */
  failure: string | null;
}

export const sessionMachine = setup({
  types: {
    context: {} as SessionMachineContext,
    events: {} as SessionMachineEvent,
  },
  actions: {
    // Effects: no-ops here, supplied by the controller.
    runProgram: () => undefined,
    restartProgram: () => undefined,
    continueProgram: () => undefined,
    pauseProgram: () => undefined,
    stepProgram: (_, _params: { kind: StepKind }) => undefined,
    stopProgram: () => undefined,
    recordFailure: assign({
      failure: ({ event }) => {
        assertEvent(event, 'RUN.FAILED');
        return event.error;
      },
    }),
    clearFailure: assign({ failure: null }),
  },
  guards: {
    crashed: ({ event }) => {
      assertEvent(event, 'ENGINE.EXITED');
      return event.crashed;
    },
    statusIs: ({ event }, params: { status: SessionStatus }) => {
      assertEvent(event, 'SYNC');
      return event.status === params.status;
    },
  },
}).createMachine({
  id: 'session',
  initial: 'idle',
  context: { failure: null },
  on: {
    // Another client (or the desktop menu, through main) may start a run: follow the engine.
    'ENGINE.READY': { target: '.running' },
    'ENGINE.PAUSED': { target: '.paused' },
    SYNC: [
      { guard: { type: 'statusIs', params: { status: 'running' } }, target: '.running' },
      { guard: { type: 'statusIs', params: { status: 'paused' } }, target: '.paused' },
      { guard: { type: 'statusIs', params: { status: 'exited' } }, target: '.exited' },
      { guard: { type: 'statusIs', params: { status: 'crashed' } }, target: '.crashed' },
      { target: '.idle' },
    ],
  },
  states: {
    idle: {
      on: { RUN: { target: 'starting', actions: ['clearFailure', 'runProgram'] } },
    },
    starting: {
      on: {
        // A start can fail before the engine is up (it could not load): that exit is ours.
        // Any other exit is the previous run's, stopped to make way for this one.
        'ENGINE.EXITED': { guard: 'crashed', target: 'crashed' },
        'RUN.FAILED': { target: 'idle', actions: 'recordFailure' },
        // The engine may never report a run stopped before it began: do not wait for it.
        STOP: { target: 'exited', actions: 'stopProgram' },
      },
    },
    running: {
      on: {
        PAUSE: { target: 'pausing', actions: 'pauseProgram' },
        STOP: { actions: 'stopProgram' },
        RESTART: { target: 'starting', actions: ['clearFailure', 'restartProgram'] },
        'ENGINE.EXITED': [{ guard: 'crashed', target: 'crashed' }, { target: 'exited' }],
      },
    },
    pausing: {
      on: {
        STOP: { actions: 'stopProgram' },
        RESTART: { target: 'starting', actions: ['clearFailure', 'restartProgram'] },
        'ENGINE.EXITED': [{ guard: 'crashed', target: 'crashed' }, { target: 'exited' }],
      },
    },
    paused: {
      on: {
        CONTINUE: { target: 'running', actions: 'continueProgram' },
        STEP: {
          target: 'running',
          actions: {
            type: 'stepProgram',
            params: ({ event }) => ({ kind: event.kind }),
          },
        },
        'ENGINE.RESUMED': { target: 'running' },
        STOP: { actions: 'stopProgram' },
        RESTART: { target: 'starting', actions: ['clearFailure', 'restartProgram'] },
        'ENGINE.EXITED': [{ guard: 'crashed', target: 'crashed' }, { target: 'exited' }],
      },
    },
    exited: {
      on: {
        RUN: { target: 'starting', actions: ['clearFailure', 'runProgram'] },
        RESTART: { target: 'starting', actions: ['clearFailure', 'restartProgram'] },
      },
    },
    crashed: {
      on: {
        RUN: { target: 'starting', actions: ['clearFailure', 'runProgram'] },
        RESTART: { target: 'starting', actions: ['clearFailure', 'restartProgram'] },
      },
    },
  },
});

export type SessionMachineSnapshot = SnapshotFrom<typeof sessionMachine>;
export type SessionPhase = 'idle' | 'starting' | 'running' | 'pausing' | 'paused' | 'exited' | 'crashed';

export function sessionPhase(snapshot: SessionMachineSnapshot): SessionPhase {
  return snapshot.value as SessionPhase;
}
