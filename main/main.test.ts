import type { BrowserWindowConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_SCHEME, IPC_CHANNELS } from '../shared/desktop-api';

type Listener = (...args: never[]) => unknown;

/**
 * main.ts run against a fake Electron: each guard is tested on its own in the other files,
 * this checks that the entry point really applies every one of them.
 */
const fake = vi.hoisted(() => {
  const state = {
    lock: true,
    appListeners: new Map<string, Listener>(),
    ipcChannels: [] as string[],
    windows: [] as { options: BrowserWindowConstructorOptions; url: string | null }[],
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    schemes: [] as unknown[],
    handled: [] as string[],
    quit: 0,
  };
  let ready: () => void = () => {};
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  class BrowserWindow {
    static fromWebContents = () => null;
    record: (typeof state.windows)[number];
    constructor(options: BrowserWindowConstructorOptions) {
      this.record = { options, url: null };
      state.windows.push(this.record);
    }
    once() {}
    on() {}
    loadURL(url: string) {
      this.record.url = url;
      return Promise.resolve();
    }
  }
  const electron = {
    app: {
      requestSingleInstanceLock: () => state.lock,
      quit: () => void state.quit++,
      on: (name: string, listener: Listener) => state.appListeners.set(name, listener),
      whenReady: () => whenReady,
      isPackaged: true,
      getVersion: () => '0.1.0',
      getPath: () => '/tmp',
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.schemes.push(...schemes),
      handle: (scheme: string) => state.handled.push(scheme),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => (state.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Listener) => (state.permissionCheck = handler),
      },
    },
    ipcMain: { handle: (channel: string) => state.ipcChannels.push(channel) },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: () => {} },
    dialog: {},
    shell: { openExternal: () => Promise.resolve() },
    BrowserWindow,
  };
  return { state, electron, ready: () => ready() };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

async function start(lock: boolean) {
  Object.assign(fake.state, {
    lock, appListeners: new Map(), ipcChannels: [], windows: [], permissionRequest: null, permissionCheck: null, schemes: [], handled: [], quit: 0,
  });
  vi.resetModules();
  await import('./main');
}

describe('the main process entry point', () => {
  beforeEach(() => fake.ready());

  it('registers app:// as a standard, secure scheme before the app is ready', async () => {
    await start(true);
    expect(fake.state.schemes).toEqual([{ scheme: APP_SCHEME, privileges: expect.objectContaining({ standard: true, secure: true }) }]);
  });

  it('guards every web page it creates: no navigation away, no window.open, no <webview>', async () => {
    await start(true);
    const listeners = new Map<string, (event: { url?: string; preventDefault: () => void }) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | null = null;
    const contents = {
      on: (name: string, listener: (event: { url?: string; preventDefault: () => void }) => void) => listeners.set(name, listener),
      setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
    };
    fake.state.appListeners.get('web-contents-created')!({} as never, contents as never);
    const prevented = (name: string, url?: string) => {
      const event = { url, preventDefault: vi.fn() };
      listeners.get(name)!(event);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(prevented('will-frame-navigate', 'https://example.com/')).toBe(true);
    expect(prevented('will-frame-navigate', 'app://dangxiao/#/trainees')).toBe(false);
    expect(prevented('will-attach-webview')).toBe(true);
    expect(openHandler!({ url: 'app://dangxiao/' })).toEqual({ action: 'deny' });
  });

  it('once ready: denies permissions, serves app://, answers every IPC channel, opens one sandboxed window at the app', async () => {
    await start(true);
    await vi.waitFor(() => expect(fake.state.windows).toHaveLength(1));
    const callback = vi.fn();
    fake.state.permissionRequest!({} as never, 'media' as never, callback as never);
    expect(callback).toHaveBeenCalledWith(false);
    expect(fake.state.permissionCheck!()).toBe(false);
    expect(fake.state.handled).toEqual([APP_SCHEME]);
    expect(fake.state.ipcChannels.sort()).toEqual(Object.values(IPC_CHANNELS).sort());
    const [window] = fake.state.windows;
    expect(window!.url).toBe('app://dangxiao/');
    expect(window!.options.webPreferences).toMatchObject({
      preload: expect.stringMatching(/preload\.cjs$/),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
    });
  });

  it('hands over to the running instance and opens nothing when one is already open', async () => {
    await start(false);
    await Promise.resolve();
    expect(fake.state.quit).toBe(1);
    expect(fake.state.appListeners.size).toBe(0);
    expect(fake.state.windows).toHaveLength(0);
  });
});
