// Hooks that give components the app and read its stores through selectors.
import { createContext, useContext } from 'react';
import type { SessionState } from '../../core/model/index.js';
import type { LoopscopeApp } from '../app/loopscope-app.js';
import type { SessionMachineSnapshot } from '../session.machine.js';
import type { UiState } from '../state/ui-state.js';
import { useStore } from '../state/use-store.js';

export const AppContext = createContext<LoopscopeApp | null>(null);

export function useApp(): LoopscopeApp {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp outside <AppContext.Provider>');
  return app;
}

/** `selector` must be stable (module level or memoized) unless it returns a primitive. */
export function useSession<S>(selector: (state: SessionState) => S): S {
  return useStore(useApp().session, selector);
}

export function useUi<S>(selector: (state: UiState) => S): S {
  return useStore(useApp().ui, selector);
}

const identity = <T,>(value: T) => value;

export function usePhase(): SessionMachineSnapshot {
  return useStore(useApp().controller.phase, identity<SessionMachineSnapshot>);
}
