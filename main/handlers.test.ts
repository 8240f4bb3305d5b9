import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN, IPC_CHANNELS, type DesktopApi } from '../shared/desktop-api';
import { registerHandlers, type HandlerDeps } from './handlers';

type Listener = (event: IpcMainInvokeEvent, payload?: unknown) => Promise<unknown>;

let dir: string;
let listeners: Map<string, Listener>;
let deps: {
  app: { getName: () => string; getVersion: () => string; getPath: (name: string) => string };
  dialog: { showSaveDialog: ReturnType<typeof vi.fn>; showOpenDialog: ReturnType<typeof vi.fn> };
  shell: { openPath: ReturnType<typeof vi.fn>; openExternal: ReturnType<typeof vi.fn> };
  windowOf: () => null;
};
const sender = {
  print: vi.fn((_options: unknown, callback: (success: boolean, reason: string) => void) => callback(true, '')),
  printToPDF: vi.fn(() => Promise.resolve(Buffer.from('%PDF-1.7'))),
};

const mainFrame = { origin: APP_ORIGIN, parent: null };

function invoke(method: keyof DesktopApi, payload?: unknown, senderFrame: object | null = mainFrame): Promise<unknown> {
  const event = { senderFrame, sender } as unknown as IpcMainInvokeEvent;
  return listeners.get(IPC_CHANNELS[method])!(event, payload);
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dx-handlers-'));
  listeners = new Map();
  deps = {
    app: { getName: () => '党校教务通', getVersion: () => '0.1.0', getPath: () => dir },
    dialog: { showSaveDialog: vi.fn(), showOpenDialog: vi.fn() },
    shell: { openPath: vi.fn(() => Promise.resolve('')), openExternal: vi.fn(() => Promise.resolve()) },
    windowOf: () => null,
  };
  const ipc = { handle: (channel: string, listener: Listener) => listeners.set(channel, listener) };
  registerHandlers(ipc as unknown as Pick<IpcMain, 'handle'>, deps as unknown as HandlerDeps);
});

afterEach(() => rm(dir, { recursive: true, force: true }));

describe('handlers', () => {
  it('registers exactly one handler per DesktopApi method', () => {
    expect([...listeners.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
  });

  it('appInfo reports the Electron platform and the data folder', async () => {
    expect(await invoke('appInfo')).toEqual({
      ok: true,
      value: { name: '党校教务通', version: '0.1.0', platform: 'electron', dataLocation: dir, canOpenDataFolder: true },
    });
  });

  it('saveFile writes where the person chose, and reports a cancelled dialog', async () => {
    const target = path.join(dir, 'out.xlsx');
    deps.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const request = { suggestedName: '学员名单.xlsx', filters: [{ name: 'Excel', extensions: ['xlsx'] }], data: new Uint8Array([1, 2, 3]) };
    expect(await invoke('saveFile', request)).toEqual({ ok: true, value: { saved: true, location: target } });
    expect([...(await readFile(target))]).toEqual([1, 2, 3]);

    deps.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await invoke('saveFile', request)).toEqual({ ok: true, value: { saved: false, location: null } });
  });

  it('saveFile refuses a name with a path in it before any dialog opens', async () => {
    const request = { suggestedName: '../../evil.sh', filters: [], data: new Uint8Array() };
    expect(await invoke('saveFile', request)).toMatchObject({ ok: false });
    expect(deps.dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('openFile reads the chosen file and refuses one over maxBytes', async () => {
    const file = path.join(dir, '学员.xlsx');
    await writeFile(file, new Uint8Array(2048));
    deps.dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [file] });
    const opened = (await invoke('openFile', { filters: [] })) as { ok: true; value: { name: string; data: Uint8Array } };
    expect(opened.value.name).toBe('学员.xlsx');
    expect(opened.value.data.byteLength).toBe(2048);
    expect(await invoke('openFile', { filters: [], maxBytes: 1024 })).toMatchObject({ ok: false, error: expect.stringContaining('文件太大') });

    deps.dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    expect(await invoke('openFile', { filters: [] })).toEqual({ ok: true, value: null });
  });

  it('print sends the page to the printer, or saves it as a PDF', async () => {
    expect(await invoke('print', { mode: 'print', suggestedName: '课表' })).toEqual({ ok: true, value: { saved: true, location: null } });
    expect(sender.print).toHaveBeenCalled();

    const target = path.join(dir, '课表.pdf');
    deps.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    expect(await invoke('print', { mode: 'pdf', suggestedName: '课表', landscape: true })).toEqual({
      ok: true,
      value: { saved: true, location: target },
    });
    expect(sender.printToPDF).toHaveBeenCalledWith(expect.objectContaining({ landscape: true }));
    expect((await readFile(target, 'utf8')).startsWith('%PDF')).toBe(true);
  });

  it('openDataFolder opens userData and reports a failure in Chinese', async () => {
    expect(await invoke('openDataFolder')).toEqual({ ok: true, value: undefined });
    expect(deps.shell.openPath).toHaveBeenCalledWith(dir);
    deps.shell.openPath.mockResolvedValueOnce('Failed to open');
    expect(await invoke('openDataFolder')).toMatchObject({ ok: false, error: expect.stringContaining('无法打开数据文件夹') });
  });

  it('openExternal opens https but never file:, javascript: or app: URLs', async () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'app://dangxiao/', 'C:\\Windows\\notepad.exe']) {
      expect(await invoke('openExternal', url), url).toMatchObject({ ok: false });
    }
    expect(deps.shell.openExternal).not.toHaveBeenCalled();
    expect(await invoke('openExternal', 'https://www.12371.cn/')).toEqual({ ok: true, value: undefined });
    expect(deps.shell.openExternal).toHaveBeenCalledWith('https://www.12371.cn/');
  });

  it('writes, lists, reads and deletes backups inside userData/backups', async () => {
    const name = 'auto-20250101-080000.dxbak';
    expect(await invoke('writeBackup', { name, data: new Uint8Array([7, 7]) })).toEqual({ ok: true, value: undefined });
    await invoke('writeBackup', { name: 'auto-20250102-080000.dxbak', data: new Uint8Array([8]) });
    expect(await readdir(path.join(dir, 'backups'))).toHaveLength(2);

    const listed = (await invoke('listBackups')) as { ok: true; value: { name: string; size: number }[] };
    expect(listed.value.map((b) => [b.name, b.size])).toEqual([
      ['auto-20250102-080000.dxbak', 1],
      [name, 2],
    ]);
    expect(await invoke('readBackup', name)).toEqual({ ok: true, value: new Uint8Array([7, 7]) });
    expect(await invoke('deleteBackup', name)).toEqual({ ok: true, value: undefined });
    expect(await invoke('readBackup', name)).toMatchObject({ ok: false, error: '找不到这个备份文件' });
  });

  it('refuses every channel to a frame that is not the app’s main frame, before doing anything', async () => {
    const name = 'auto-20250101-080000.dxbak';
    await writeFile(path.join(dir, 'probe.txt'), 'x');
    sender.print.mockClear();
    sender.printToPDF.mockClear();
    const valid: Record<keyof DesktopApi, unknown> = {
      appInfo: undefined, openDataFolder: undefined, listBackups: undefined, readBackup: name, deleteBackup: name,
      writeBackup: { name, data: new Uint8Array([1]) }, openExternal: 'https://www.12371.cn/', print: { mode: 'print', suggestedName: '名册' },
      saveFile: { suggestedName: '名册.xlsx', filters: [], data: new Uint8Array([1]) }, openFile: { filters: [], maxBytes: 1024 },
    };
    const foreign = [{ origin: 'https://example.com', parent: null }, { origin: APP_ORIGIN, parent: mainFrame }, null];
    for (const method of Object.keys(IPC_CHANNELS) as (keyof DesktopApi)[]) {
      for (const frame of foreign) {
        expect(await invoke(method, valid[method], frame), method).toEqual({ ok: false, error: '拒绝了来自未知页面的请求' });
      }
    }
    for (const fn of [deps.dialog.showSaveDialog, deps.dialog.showOpenDialog, deps.shell.openPath, deps.shell.openExternal, sender.print, sender.printToPDF]) {
      expect(fn).not.toHaveBeenCalled();
    }
    expect(await readdir(dir)).toEqual(['probe.txt']);
  });

  it('lists no backups before the first one is written', async () => {
    expect(await invoke('listBackups')).toEqual({ ok: true, value: [] });
  });

  it('refuses backup names that try to leave the backups folder', async () => {
    await writeFile(path.join(dir, 'settings.json'), '{}');
    const escapes = [
      '../settings.json',
      '..\\settings.json',
      '/etc/passwd',
      'auto-20250101-080000.dxbak/../../settings.json',
      '../auto-20250101-080000.dxbak',
      'auto-20250101-080000.dxbak\0',
      'C:\\auto-20250101-080000.dxbak',
    ];
    for (const name of escapes) {
      expect(await invoke('readBackup', name), name).toMatchObject({ ok: false, error: expect.stringContaining('备份文件名无效') });
      expect(await invoke('deleteBackup', name), name).toMatchObject({ ok: false });
      expect(await invoke('writeBackup', { name, data: new Uint8Array([1]) }), name).toMatchObject({ ok: false });
    }
    expect(await readdir(dir)).toEqual(['settings.json']);
  });
});
