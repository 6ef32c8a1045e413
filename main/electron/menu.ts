// The application menu: files, the run controls with VS Code's keys, and the usual Edit/View/
// Window menus. Built as plain data from the app's state so a test can read it; main turns it
// into a Menu. Run controls do nothing here: they become `{type:'menu', action}` messages and
// the renderer carries them out (it knows whether each is possible right now).
import type { MenuItemConstructorOptions } from 'electron';
import type { Example } from '../../core/protocol/client.js';

/** What the menu asks the renderer to do: the names of the renderer's commands (its toolbar
 * buttons' accessible names). */
export const MENU_ACTIONS = [
  'Run', 'Continue', 'Pause', 'Step Over', 'Step Into', 'Step Out', 'Step to Next Switch', 'Stop', 'Restart',
  'Step Back', 'Reverse Continue', 'Back to Previous Switch', 'Toggle Breakpoint', 'Save', 'Save Run', 'Toggle Theme',
] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];

export interface MenuModel {
  platform: NodeJS.Platform;
  packaged: boolean;
  recent: readonly string[];
  examples: readonly Example[];
}

export interface MenuHandlers {
  /** Send an action to the focused window's renderer. */
  action(action: MenuAction): void;
  /** F5: Continue when the focused window's program is paused, Run otherwise. */
  runOrContinue(): void;
  /** Choose a program to open (or a recording, .loopscope). */
  showOpenDialog(kind?: 'recording'): void;
  open(path: string): void;
  clearRecent(): void;
}

export function menuTemplate(model: MenuModel, on: MenuHandlers): MenuItemConstructorOptions[] {
  const mac = model.platform === 'darwin';
  const act = (label: MenuAction, accelerator?: string): MenuItemConstructorOptions => ({
    label, ...(accelerator ? { accelerator } : {}), click: () => on.action(label),
  });
  const recent: MenuItemConstructorOptions[] = model.recent.length
    ? [...model.recent.map((path) => ({ label: path, click: () => on.open(path) })), { type: 'separator' }, { label: 'Clear Recently Opened', click: () => on.clearRecent() }]
    : [{ label: 'No Recent Files', enabled: false }];
  const examples: MenuItemConstructorOptions[] = model.examples.length
    ? model.examples.map((example) => ({ label: example.title, click: () => on.open(example.path) }))
    : [{ label: 'No Examples Found', enabled: false }];
  return [
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => on.showOpenDialog() },
        { label: 'Open Recording…', click: () => on.showOpenDialog('recording') },
        { label: 'Open Recent', submenu: recent },
        { label: 'Open Example', submenu: examples },
        { type: 'separator' },
        act('Save', 'CmdOrCtrl+S'),
        act('Save Run'),
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&Run',
      submenu: [
        { label: 'Run / Continue', accelerator: 'F5', click: () => on.runOrContinue() },
        act('Stop', 'Shift+F5'),
        act('Restart', 'CmdOrCtrl+Shift+F5'),
        act('Pause', 'F6'),
        { type: 'separator' },
        act('Step Over', 'F10'),
        act('Step Into', 'F11'),
        act('Step Out', 'Shift+F11'),
        act('Step to Next Switch', 'Alt+F10'),
        { type: 'separator' },
        act('Step Back', 'Shift+F10'),
        act('Reverse Continue', 'Shift+F8'),
        act('Back to Previous Switch', 'Shift+F6'),
        { type: 'separator' },
        act('Toggle Breakpoint', 'F9'),
      ],
    },
    {
      label: '&View',
      submenu: [
        act('Toggle Theme'),
        { type: 'separator' },
        // A reload keeps the session: the page subscribes again and gets the whole state.
        { role: 'reload' },
        ...(model.packaged ? [] : [{ role: 'toggleDevTools' } as const]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
      ],
    },
    { role: 'windowMenu' },
  ];
}
