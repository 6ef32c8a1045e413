// The first theme: the system's preference.
import type { Theme } from '../state/ui-state.js';

export function preferredTheme(window: Pick<Window, 'matchMedia'>): Theme {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
