// Read a store from a component through a selector. The selector's result is kept while the
// store's value is the same object, so selectors may build arrays without re-render loops.
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { Store } from './store.js';

export function useStore<T, S>(store: Store<T>, selector: (value: T) => S): S {
  const cache = useRef<{ value: T; selector: (value: T) => S; result: S } | null>(null);
  const getSelected = useCallback(() => {
    const value = store.getSnapshot();
    const cached = cache.current;
    if (cached && cached.value === value && cached.selector === selector) return cached.result;
    const result = selector(value);
    cache.current = { value, selector, result };
    return result;
  }, [store, selector]);
  return useSyncExternalStore(store.subscribe, getSelected);
}
