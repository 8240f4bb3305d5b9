import type { DesktopApi } from './desktop-api';

// Kept free of zod so the sandboxed preload, which imports only this, stays small.
/** IPC channel names, one per DesktopApi method that crosses to the main process. */
export const IPC_CHANNELS = {
  appInfo: 'dx:app-info',
  saveFile: 'dx:save-file',
  openFile: 'dx:open-file',
  print: 'dx:print',
  openDataFolder: 'dx:open-data-folder',
  openExternal: 'dx:open-external',
  writeBackup: 'dx:write-backup',
  listBackups: 'dx:list-backups',
  readBackup: 'dx:read-backup',
  deleteBackup: 'dx:delete-backup',
} as const satisfies Record<keyof DesktopApi, string>;
