import { z } from 'zod';
import type { Result } from './result';

export { IPC_CHANNELS } from './ipc-channels';

/**
 * The one contract between the renderer and the platform. The Electron preload implements it
 * with contextBridge, the web bridge with browser APIs; both are checked with
 * `satisfies DesktopApi`. The renderer never knows which one it talks to.
 */

/** Typed as plain Uint8Array so any buffer-backed bytes are accepted. */
const bytes = z.custom<Uint8Array>((d) => d instanceof Uint8Array, '数据应为字节数组');

export const fileFilterSchema = z.object({
  name: z.string().min(1).max(60),
  extensions: z.array(z.string().regex(/^[a-z0-9]{1,10}$/)).min(1).max(10),
});
export type FileFilter = z.infer<typeof fileFilterSchema>;

/** Largest file the app reads or writes through the bridge (a county package is far below it). */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

const fileName = z
  .string()
  .min(1)
  .max(200)
  // Control characters are exactly what this pattern must exclude.
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\\/:*?"<>|\u0000-\u001f]+$/, '文件名含有不允许的字符');

export const saveFileRequestSchema = z.object({
  suggestedName: fileName,
  filters: z.array(fileFilterSchema).max(10),
  data: bytes.refine((d) => d.byteLength <= MAX_FILE_BYTES, '文件过大'),
});
export type SaveFileRequest = z.infer<typeof saveFileRequestSchema>;
/** `saved: false` when the user cancelled the dialog. */
export type SaveFileResult = { saved: boolean; location: string | null };

export const openFileRequestSchema = z.object({
  filters: z.array(fileFilterSchema).max(10),
  maxBytes: z.number().int().positive().max(MAX_FILE_BYTES).optional(),
});
export type OpenFileRequest = z.infer<typeof openFileRequestSchema>;
/** null when the user cancelled the dialog. */
export type OpenedFile = { name: string; data: Uint8Array } | null;

export const printRequestSchema = z.object({
  /** 'print' opens the system print dialog; 'pdf' saves the current view as a PDF. */
  mode: z.enum(['print', 'pdf']),
  suggestedName: fileName,
  landscape: z.boolean().optional(),
});
export type PrintRequest = z.infer<typeof printRequestSchema>;

export const backupNameSchema = z.string().regex(/^auto-\d{8}-\d{6}\.dxbak$/, '备份文件名无效');

export const writeBackupRequestSchema = z.object({
  name: backupNameSchema,
  data: bytes.refine((d) => d.byteLength <= MAX_FILE_BYTES, '文件过大'),
});
export type WriteBackupRequest = z.infer<typeof writeBackupRequestSchema>;
export type BackupEntry = { name: string; size: number; modifiedAt: number };

export const externalUrlSchema = z.string().max(2000);

export type AppInfo = {
  name: string;
  version: string;
  platform: 'electron' | 'web';
  /** Where the data folder is, or a description for the browser. */
  dataLocation: string;
  /** Whether openDataFolder can show a folder on this platform. */
  canOpenDataFolder: boolean;
};

export interface DesktopApi {
  appInfo(): Promise<Result<AppInfo>>;
  saveFile(request: SaveFileRequest): Promise<Result<SaveFileResult>>;
  openFile(request: OpenFileRequest): Promise<Result<OpenedFile>>;
  print(request: PrintRequest): Promise<Result<SaveFileResult>>;
  openDataFolder(): Promise<Result<void>>;
  openExternal(url: string): Promise<Result<void>>;
  /** Automatic backups live in the app's own data folder (OPFS in a browser). */
  writeBackup(request: WriteBackupRequest): Promise<Result<void>>;
  listBackups(): Promise<Result<BackupEntry[]>>;
  readBackup(name: string): Promise<Result<Uint8Array>>;
  deleteBackup(name: string): Promise<Result<void>>;
}


/** The renderer's origin in Electron, fixed for good: IndexedDB is keyed by it. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'dangxiao';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Only http(s) URLs leave the app, and only to the system browser. */
export function isSafeExternalUrl(url: string): boolean {
  // shared/ has no URL class (no DOM, no Node): a strict pattern stands in for parsing.
  return /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?([/?#][^\s]*)?$/i.test(url);
}
