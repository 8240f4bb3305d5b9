import type { MenuItemConstructorOptions } from 'electron';

/** The Chinese application menu. Developer tools exist only in unpackaged (development) runs. */
export function buildMenuTemplate(options: { isPackaged: boolean; showAbout: () => void }): MenuItemConstructorOptions[] {
  const viewItems: MenuItemConstructorOptions[] = [
    { role: 'reload', label: '重新加载' },
    ...(options.isPackaged ? [] : [{ role: 'toggleDevTools', label: '开发者工具' } as const]),
    { type: 'separator' },
    { role: 'resetZoom', label: '实际大小' },
    { role: 'zoomIn', label: '放大' },
    { role: 'zoomOut', label: '缩小' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: '全屏' },
  ];
  return [
    { label: '文件', submenu: [{ role: 'quit', label: '退出' }] },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    { label: '视图', submenu: viewItems },
    {
      label: '窗口',
      submenu: [
        { role: 'minimize', label: '最小化' },
        { role: 'close', label: '关闭' },
      ],
    },
    { label: '帮助', submenu: [{ label: '关于 党校教务通', click: options.showAbout }] },
  ];
}
