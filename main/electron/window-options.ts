// The security settings of Loopscope's windows, in one place so that a test can hold them to
// CONVENTIONS.md ("Electron, locked down"). Types only from electron: this module runs in tests.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/** Our page's origin: a privileged custom scheme rather than file://, so that 'self' in the CSP
 * and the sender check of every IPC message mean exactly our files. */
export const APP_SCHEME = 'loopscope';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** CodeMirror puts its styles in <style> elements, hence 'unsafe-inline' for styles alone. The
 * page talks to main over IPC only: no connect-src beyond 'self'. */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function webPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    // A file dropped on the window is opened by our code, never navigated to.
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

export function windowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 500,
    title: 'Loopscope',
    // Shown once the page has drawn, so that no white flash precedes the dark theme.
    show: false,
    backgroundColor: '#1e1e1e',
    webPreferences: webPreferences(preload),
  };
}

/** Whether `url` is a page of ours (the only place a window may be, and the only sender whose
 * IPC messages are taken). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'app';
  } catch {
    return false;
  }
}

/** Whether an IPC message's sender frame is the top frame of our page: a subframe, a page that
 * navigated away, or a frame already gone (null) is not. */
export function isTrustedFrame(frame: { readonly parent: unknown; readonly url: string } | null): boolean {
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}
