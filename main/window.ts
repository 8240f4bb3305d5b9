import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { APP_ORIGIN } from '../shared/desktop-api';

export const START_URL = `${APP_ORIGIN}/`;

/** The page gets no Node, runs sandboxed and isolated from the preload, with web security on. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: '党校教务通',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

export function createMainWindow(
  BrowserWindowClass: new (options: BrowserWindowConstructorOptions) => BrowserWindow,
  preloadPath: string,
): BrowserWindow {
  const window = new BrowserWindowClass(mainWindowOptions(preloadPath));
  // Shown once painted, so people never see a blank white frame while the app loads.
  window.once('ready-to-show', () => window.show());
  void window.loadURL(START_URL);
  return window;
}
