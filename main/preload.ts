import { contextBridge, ipcRenderer } from 'electron';
import type { DesktopApi } from '../shared/desktop-api';
import { IPC_CHANNELS } from '../shared/ipc-channels';

// Each method forwards one payload to one channel; ipcRenderer and its events never reach the page.
const api = {
  appInfo: () => ipcRenderer.invoke(IPC_CHANNELS.appInfo),
  saveFile: (request) => ipcRenderer.invoke(IPC_CHANNELS.saveFile, request),
  openFile: (request) => ipcRenderer.invoke(IPC_CHANNELS.openFile, request),
  print: (request) => ipcRenderer.invoke(IPC_CHANNELS.print, request),
  openDataFolder: () => ipcRenderer.invoke(IPC_CHANNELS.openDataFolder),
  openExternal: (url) => ipcRenderer.invoke(IPC_CHANNELS.openExternal, url),
  writeBackup: (request) => ipcRenderer.invoke(IPC_CHANNELS.writeBackup, request),
  listBackups: () => ipcRenderer.invoke(IPC_CHANNELS.listBackups),
  readBackup: (name) => ipcRenderer.invoke(IPC_CHANNELS.readBackup, name),
  deleteBackup: (name) => ipcRenderer.invoke(IPC_CHANNELS.deleteBackup, name),
} satisfies DesktopApi;

contextBridge.exposeInMainWorld('desktop', api);
