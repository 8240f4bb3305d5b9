import {
  MAX_FILE_BYTES, backupNameSchema, isSafeExternalUrl, openFileRequestSchema, saveFileRequestSchema,
  writeBackupRequestSchema, type BackupEntry, type DesktopApi, type OpenedFile,
} from '../../../shared/desktop-api';
import { fail, ok, type Result } from '../../../shared/result';
import { APP_VERSION } from '../appVersion';

/**
 * The desktop bridge in a plain browser: downloads for saving, a file input for opening,
 * window.print for printing (its dialog offers 另存为 PDF), and the origin-private file
 * system for the automatic backups.
 */

async function guard<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
}

function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    input.addEventListener('change', () => {
      resolve(input.files?.[0] ?? null);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve(null);
      input.remove();
    });
    document.body.appendChild(input);
    input.click();
  });
}

async function backupsDir(): Promise<FileSystemDirectoryHandle> {
  if (!navigator.storage?.getDirectory) throw new Error('此浏览器不支持自动备份存储');
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle('backups', { create: true });
}

export const webBridge = {
  appInfo: () =>
    guard(async () => ({
      name: '党校教务通',
      version: APP_VERSION,
      platform: 'web' as const,
      dataLocation: `浏览器站点数据（${location.origin}）`,
      canOpenDataFolder: false,
    })),

  saveFile: (request) =>
    guard(async () => {
      const { suggestedName, data } = saveFileRequestSchema.parse(request);
      const url = URL.createObjectURL(new Blob([data as Uint8Array<ArrayBuffer>]));
      const a = document.createElement('a');
      a.href = url;
      a.download = suggestedName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return { saved: true, location: `浏览器下载文件夹 / ${suggestedName}` };
    }),

  openFile: (request) =>
    guard(async (): Promise<OpenedFile> => {
      const { filters, maxBytes = MAX_FILE_BYTES } = openFileRequestSchema.parse(request);
      const accept = filters.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');
      const file = await pickFile(accept);
      if (!file) return null;
      if (file.size > maxBytes) throw new Error(`文件过大（${(file.size / 1048576).toFixed(1)} MB），上限 ${(maxBytes / 1048576).toFixed(0)} MB`);
      return { name: file.name, data: new Uint8Array(await file.arrayBuffer()) };
    }),

  print: () =>
    guard(async () => {
      window.print();
      return { saved: false, location: null };
    }),

  openDataFolder: async () => fail('浏览器模式下数据保存在浏览器的站点数据中，没有可以打开的文件夹'),

  openExternal: async (url) => {
    if (!isSafeExternalUrl(url)) return fail('只能打开 http 或 https 网址');
    window.open(url, '_blank', 'noopener,noreferrer');
    return ok(undefined);
  },

  writeBackup: (request) =>
    guard(async () => {
      const { name, data } = writeBackupRequestSchema.parse(request);
      const handle = await (await backupsDir()).getFileHandle(name, { create: true });
      const writable = await handle.createWritable();
      await writable.write(data as Uint8Array<ArrayBuffer>);
      await writable.close();
    }),

  listBackups: () =>
    guard(async () => {
      const entries: BackupEntry[] = [];
      for await (const handle of (await backupsDir()).values()) {
        if (handle.kind !== 'file' || !backupNameSchema.safeParse(handle.name).success) continue;
        const file = await (handle as FileSystemFileHandle).getFile();
        entries.push({ name: handle.name, size: file.size, modifiedAt: file.lastModified });
      }
      return entries.sort((a, b) => b.name.localeCompare(a.name));
    }),

  readBackup: (name) =>
    guard(async () => {
      const handle = await (await backupsDir()).getFileHandle(backupNameSchema.parse(name));
      return new Uint8Array(await (await handle.getFile()).arrayBuffer());
    }),

  deleteBackup: (name) =>
    guard(async () => {
      await (await backupsDir()).removeEntry(backupNameSchema.parse(name));
    }),
} satisfies DesktopApi;
