import type { App, BrowserWindow, Dialog, IpcMain, Shell, WebContents } from 'electron';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  IPC_CHANNELS,
  MAX_FILE_BYTES,
  backupNameSchema,
  externalUrlSchema,
  openFileRequestSchema,
  printRequestSchema,
  saveFileRequestSchema,
  writeBackupRequestSchema,
  type DesktopApi,
  type SaveFileResult,
} from '../shared/desktop-api';
import type { Result } from '../shared/result';
import { UserError, validatedHandle, type IpcHandler } from './ipc';
import { canOpenExternally } from './security';

export type HandlerDeps = {
  app: Pick<App, 'getName' | 'getVersion' | 'getPath'>;
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>;
  shell: Pick<Shell, 'openPath' | 'openExternal'>;
  /** The window a dialog belongs to, so it opens modal over the page that asked. */
  windowOf: (sender: WebContents) => BrowserWindow | null;
};

type ValueOf<K extends keyof DesktopApi> = Awaited<ReturnType<DesktopApi[K]>> extends Result<infer T> ? T : never;
type PayloadOf<K extends keyof DesktopApi> = Parameters<DesktopApi[K]>[0];

const MB = 1024 * 1024;
const noPayload = z.undefined();

/** Registers one validated handler per DesktopApi method; the types tie each channel to its method. */
export function registerHandlers(ipc: Pick<IpcMain, 'handle'>, deps: HandlerDeps): void {
  const { app, dialog, shell, windowOf } = deps;
  const handle = <K extends keyof DesktopApi, S extends z.ZodType<PayloadOf<K>>>(
    method: K,
    schema: S,
    handler: IpcHandler<z.output<S>, ValueOf<K>>,
  ) => validatedHandle(ipc, IPC_CHANNELS[method], schema, handler);

  const backupDir = () => path.join(app.getPath('userData'), 'backups');

  async function saveWithDialog(
    sender: WebContents,
    suggestedName: string,
    filters: { name: string; extensions: string[] }[],
    data: Uint8Array,
  ): Promise<SaveFileResult> {
    const options = { defaultPath: path.join(app.getPath('documents'), suggestedName), filters };
    const owner = windowOf(sender);
    const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { saved: false, location: null };
    await writeFile(choice.filePath, data);
    return { saved: true, location: choice.filePath };
  }

  handle('appInfo', noPayload, () => ({
    name: app.getName(),
    version: app.getVersion(),
    platform: 'electron' as const,
    dataLocation: app.getPath('userData'),
    canOpenDataFolder: true,
  }));

  handle('saveFile', saveFileRequestSchema, (request, sender) =>
    saveWithDialog(sender, request.suggestedName, request.filters, request.data),
  );

  handle('openFile', openFileRequestSchema, async (request, sender) => {
    const options = { properties: ['openFile' as const], filters: request.filters };
    const owner = windowOf(sender);
    const choice = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    const file = choice.filePaths[0];
    if (choice.canceled || !file) return null;
    const limit = request.maxBytes ?? MAX_FILE_BYTES;
    const { size } = await stat(file);
    if (size > limit) {
      throw new UserError(`文件太大（${(size / MB).toFixed(1)} MB），最大只能打开 ${(limit / MB).toFixed(1)} MB 的文件`);
    }
    const data = await readFile(file);
    return { name: path.basename(file), data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  });

  handle('print', printRequestSchema, async (request, sender) => {
    const landscape = request.landscape ?? false;
    if (request.mode === 'pdf') {
      const pdf = await sender.printToPDF({ landscape, printBackground: true, pageSize: 'A4' });
      return saveWithDialog(sender, `${request.suggestedName}.pdf`, [{ name: 'PDF 文件', extensions: ['pdf'] }], pdf);
    }
    return new Promise<SaveFileResult>((resolve, reject) => {
      sender.print({ landscape, printBackground: true }, (success, reason) => {
        // Closing the print dialog is a choice, not a failure.
        if (success || /cancel/i.test(reason)) resolve({ saved: success, location: null });
        else reject(new UserError(`打印失败：${reason}`));
      });
    });
  });

  handle('openDataFolder', noPayload, async () => {
    const problem = await shell.openPath(app.getPath('userData'));
    if (problem) throw new UserError(`无法打开数据文件夹：${problem}`);
  });

  handle('openExternal', externalUrlSchema, async (url) => {
    if (!canOpenExternally(url)) throw new UserError('只能在浏览器中打开 http 或 https 网址');
    await shell.openExternal(url);
  });

  handle('writeBackup', writeBackupRequestSchema, async ({ name, data }) => {
    await mkdir(backupDir(), { recursive: true });
    // Write then rename, so a crash mid-write never leaves a truncated backup under a valid name.
    const target = path.join(backupDir(), name);
    await writeFile(`${target}.partial`, data);
    await rename(`${target}.partial`, target);
  });

  handle('listBackups', noPayload, async () => {
    let names: string[];
    try {
      names = await readdir(backupDir());
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const backups = names.filter((name) => backupNameSchema.safeParse(name).success).sort().reverse();
    return Promise.all(
      backups.map(async (name) => {
        const info = await stat(path.join(backupDir(), name));
        return { name, size: info.size, modifiedAt: info.mtimeMs };
      }),
    );
  });

  handle('readBackup', backupNameSchema, async (name) => {
    try {
      const data = await readFile(path.join(backupDir(), name));
      return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError('找不到这个备份文件');
      throw error;
    }
  });

  handle('deleteBackup', backupNameSchema, (name) => rm(path.join(backupDir(), name), { force: true }));
}
