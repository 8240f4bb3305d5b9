import type { Session, Shell, WebContents } from 'electron';
import { APP_HOST, APP_SCHEME, isSafeExternalUrl } from '../shared/desktop-api';

/** True for URLs inside the app's own origin (app://dangxiao/…). */
export function isAppUrl(url: string): boolean {
  // Node's URL reports origin "null" for schemes it does not know, so compare the parts.
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The shared pattern plus a real parse: both must agree that this is a plain http(s) address. */
export function canOpenExternally(url: string): boolean {
  if (!isSafeExternalUrl(url)) return false;
  try {
    const { protocol, username, password } = new URL(url);
    return (protocol === 'http:' || protocol === 'https:') && !username && !password;
  } catch {
    return false;
  }
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Applied to every webContents: the page can never leave the app's origin, open a window or
 * attach a <webview>. Links to web pages go to the system browser instead.
 */
export function guardWebContents(contents: GuardedContents, shell: Pick<Shell, 'openExternal'>): void {
  // will-frame-navigate covers the main frame and every subframe.
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (canOpenExternally(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/** The app needs no camera, microphone, location, notifications or other permission. */
export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
