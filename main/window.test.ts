import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from './menu';
import { mainWindowOptions } from './window';

describe('main window', () => {
  it('runs the page isolated, sandboxed and without Node', () => {
    expect(mainWindowOptions('/app/preload.cjs').webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });
});

describe('application menu', () => {
  const roles = (isPackaged: boolean) =>
    JSON.stringify(buildMenuTemplate({ isPackaged, showAbout: () => undefined }));

  it('is in Chinese and offers developer tools only in development', () => {
    expect(buildMenuTemplate({ isPackaged: true, showAbout: () => undefined }).map((menu) => menu.label)).toEqual([
      '文件',
      '编辑',
      '视图',
      '窗口',
      '帮助',
    ]);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('toggleDevTools');
  });
});
