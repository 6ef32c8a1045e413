// Debugger keys, as VS Code binds them. F5 means Run when nothing runs and Continue when paused.
// VS Code binds no key to going back; ours are the forward key with Shift where that is free:
// Shift+F10 Step Back, Shift+F6 Back to Previous Switch, Shift+F8 Reverse Continue.
import type { CommandName } from './commands.js';
import type { Disposer } from '../transport/transport.js';

export interface KeyLike {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** The commands a key may mean, in order of preference: the first enabled one runs. */
export function commandsForKey(event: KeyLike): CommandName[] {
  const mod = event.ctrlKey || event.metaKey;
  if (mod && !event.altKey && event.key.toLowerCase() === 's') return ['Save'];
  if (mod || event.altKey) return [];
  switch (event.key) {
    case 'F5':
      return event.shiftKey ? ['Stop'] : ['Run', 'Continue'];
    case 'F6':
      return event.shiftKey ? ['Back to Previous Switch'] : ['Pause'];
    case 'F8':
      return event.shiftKey ? ['Reverse Continue'] : [];
    case 'F9':
      return event.shiftKey ? [] : ['Toggle Breakpoint'];
    case 'F10':
      return event.shiftKey ? ['Step Back'] : ['Step Over'];
    case 'F11':
      return event.shiftKey ? ['Step Out'] : ['Step Into'];
    default:
      return [];
  }
}

export function installKeyboard(
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
  enabled: (command: CommandName) => boolean,
  execute: (command: CommandName) => void,
): Disposer {
  const onKey = (event: KeyboardEvent) => {
    const candidates = commandsForKey(event);
    if (candidates.length === 0) return;
    // The browser's own meaning (reload on F5, save page on Ctrl+S) never applies here.
    event.preventDefault();
    const command = candidates.find(enabled);
    if (command) execute(command);
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
