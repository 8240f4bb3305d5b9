import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { canOpenExternally, denyAllPermissions, guardWebContents, isAppUrl } from './security';

type Listener = (event: { url?: string; preventDefault: () => void }) => void;
type OpenHandler = (details: { url: string }) => { action: string };

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: OpenHandler = () => ({ action: 'allow' });
  const contents = {
    on: (name: string, listener: Listener) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: OpenHandler) => (openHandler = handler),
  };
  const shell = { openExternal: vi.fn(() => Promise.resolve()) };
  guardWebContents(contents as unknown as WebContents, shell);
  const emit = (name: string, url?: string) => {
    const event = { url, preventDefault: vi.fn() };
    listeners.get(name)!(event);
    return event.preventDefault.mock.calls.length > 0;
  };
  return { emit, open: (url: string) => openHandler({ url }), shell };
}

describe('navigation guard', () => {
  it('prevents navigation to another origin, in any frame', () => {
    const { emit } = fakeContents();
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://other/', 'javascript:alert(1)', 'about:blank']) {
      expect(emit('will-frame-navigate', url), url).toBe(true);
    }
  });

  it('lets the page move within its own origin', () => {
    expect(fakeContents().emit('will-frame-navigate', 'app://dangxiao/courses')).toBe(false);
  });

  it('refuses to attach a <webview>', () => {
    expect(fakeContents().emit('will-attach-webview')).toBe(true);
  });
});

describe('window.open', () => {
  it('is always denied; only http(s) addresses go to the system browser', () => {
    const { open, shell } = fakeContents();
    expect(open('https://www.12371.cn/')).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://www.12371.cn/');
    for (const url of ['file:///C:/Windows/system32/calc.exe', 'javascript:alert(1)', 'app://dangxiao/', 'smb://host/share']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal).toHaveBeenCalledOnce();
  });
});

describe('canOpenExternally / isAppUrl', () => {
  it('accepts only plain http(s) URLs', () => {
    expect(canOpenExternally('https://example.com/a?b#c')).toBe(true);
    expect(canOpenExternally('http://example.com')).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'app://dangxiao/', 'https://user:pw@example.com/', ' https://x.cn', 'ms-settings:']) {
      expect(canOpenExternally(url), url).toBe(false);
    }
  });

  it('recognises the app origin only', () => {
    expect(isAppUrl('app://dangxiao/index.html')).toBe(true);
    expect(isAppUrl('app://dangxiao.evil.com/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('permissions', () => {
  it('denies every permission request and check', () => {
    let request: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: ((...args: unknown[]) => boolean) | undefined;
    const session = {
      setPermissionRequestHandler: (handler: typeof request) => (request = handler),
      setPermissionCheckHandler: (handler: typeof check) => (check = handler),
    };
    denyAllPermissions(session as unknown as Session);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      request!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check!({}, permission, 'app://dangxiao', {})).toBe(false);
    }
  });
});
