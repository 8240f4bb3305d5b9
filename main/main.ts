import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, session, shell } from 'electron';
import path from 'node:path';
import { APP_SCHEME } from '../shared/desktop-api';
import { registerHandlers } from './handlers';
import { buildMenuTemplate } from './menu';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './protocol';
import { denyAllPermissions, guardWebContents } from './security';
import { createMainWindow } from './window';

// Bundled to dist/main/main.cjs; the renderer is built to dist/renderer next to it.
const rendererRoot = path.join(__dirname, '..', 'renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

// Two instances on one IndexedDB profile would overwrite each other's data: the second one
// hands over to the first and quits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, shell));

  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession);
    protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot));
    registerHandlers(ipcMain, { app, dialog, shell, windowOf: (sender) => BrowserWindow.fromWebContents(sender) });
    const showAbout = () =>
      void dialog.showMessageBox({
        type: 'info',
        title: '关于 党校教务通',
        message: `党校教务通 ${app.getVersion()}`,
        detail: `乡镇党校教务管理（离线版）\n数据文件夹：${app.getPath('userData')}`,
      });
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ isPackaged: app.isPackaged, showAbout })));
    mainWindow = createMainWindow(BrowserWindow, preloadPath);
    mainWindow.on('closed', () => (mainWindow = null));
  });
}
