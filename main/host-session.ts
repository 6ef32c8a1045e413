// The HostSession both shells (Electron, the browser shell) serve: its runs can be gone back in
// (core/timetravel) and its program explored under many schedules (core/explore), which
// core/session cannot offer by itself (the layering runs the other way).
import { exploreService } from '../core/explore/service.js';
import { HostSession, type HostSessionOptions } from '../core/session/host-session.js';
import { RewindableSession } from '../core/timetravel/rewindable-session.js';

export function createHostSession(options: HostSessionOptions = {}): HostSession {
  return new HostSession({
    explore: options.explore ?? exploreService(),
    ...options,
    runEngine: options.runEngine ?? new RewindableSession({ prewarm: true, ...options.engine }),
  });
}
