// The renderer's copy of the session: the host's messages applied with core/model's reducer,
// published at most once per animation frame. Components read it through selectors only.
import { applyEvents, initialState, type SessionState } from '../../core/model/index.js';
import type { Notification } from '../transport/host-client.js';
import { parseSessionState } from './session-state-schema.js';
import { Store, type Scheduler } from './store.js';

export class SessionStore extends Store<SessionState> {
  constructor(schedule?: Scheduler, private readonly onError: (error: string) => void = (error) => console.error(error)) {
    super(initialState(), schedule);
  }

  /** Apply a host message; messages that do not concern the session are ignored. */
  apply(message: Notification): void {
    if (message.type === 'events') {
      this.update((state) => applyEvents(state, message.events));
    } else if (message.type === 'state.full') {
      const state = parseSessionState(message.state);
      if (typeof state === 'string') this.onError(state);
      else this.set(state);
    }
  }
}
