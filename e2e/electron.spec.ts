import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../main/protocol';
import { IPC_CHANNELS } from '../shared/desktop-api';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The electron package throws when its binary was never downloaded (as on offline machines). */
const electronAvailable = (() => {
  try {
    const binary: unknown = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary);
  } catch {
    return false;
  }
})();

const skipReason = 'Electron 可执行文件不存在（此机器无法下载），跳过 Electron 测试';
// The list reporter shows skips without their reason, so say it once here too.
if (!electronAvailable) console.warn(skipReason);

test.describe('Electron shell', () => {
  test.skip(!electronAvailable, skipReason);

  let app: ElectronApplication;
  let page: Page;

  test.beforeAll(async () => {
    // The app loads dist/main and dist/renderer, which the Playwright web server does not build.
    execSync('npm run build', { cwd: root, stdio: 'inherit' });
    app = await electron.launch({ args: [root], cwd: root });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
  });

  test('opens the app at app://dangxiao/ under a strict CSP', async () => {
    expect(page.url()).toMatch(/^app:\/\/dangxiao\//);
    const policy = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("object-src 'none'");
  });

  test('gives the page no Node', async () => {
    const globals = await page.evaluate(() => {
      const scope = globalThis as { require?: unknown; process?: unknown };
      return [typeof scope.require, typeof scope.process];
    });
    expect(globals).toEqual(['undefined', 'undefined']);
  });

  test('runs the page sandboxed and context-isolated, without Node integration', async () => {
    // The preferences the renderer actually runs with (an undocumented but long-standing getter).
    const preferences = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences(): Electron.WebPreferences };
      const p = contents.getLastWebPreferences();
      return { sandbox: p.sandbox, contextIsolation: p.contextIsolation, nodeIntegration: p.nodeIntegration, webSecurity: p.webSecurity };
    });
    expect(preferences).toEqual({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
  });

  test('gives a subframe, even of the app itself, no bridge to the main process', async () => {
    const reach = await page.evaluate(async () => {
      const frame = document.createElement('iframe');
      frame.srcdoc = '<p>frame</p>';
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      document.body.appendChild(frame);
      await loaded;
      const scope = frame.contentWindow as unknown as { desktop?: unknown; require?: unknown; process?: unknown };
      const result = [typeof scope.desktop, typeof scope.require, typeof scope.process];
      frame.remove();
      return result;
    });
    expect(reach).toEqual(['undefined', 'undefined', 'undefined']);
  });

  test('denies window.open', async () => {
    // An app: URL, so nothing would reach the system browser even if the guard failed open.
    expect(await page.evaluate(() => window.open('app://dangxiao/') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });

  test('blocks navigation to another origin', async () => {
    const before = page.url();
    // A blocked navigation leaves no event; a navigation that got through would fire one.
    const navigated = page.waitForEvent('framenavigated', { timeout: 2000 }).then(() => true, () => false);
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    expect(await navigated).toBe(false);
    expect(page.url()).toBe(before);
  });

  test('exposes exactly the DesktopApi functions as window.desktop', async () => {
    const exposed = await page.evaluate(() => {
      const desktop = (window as unknown as { desktop: Record<string, unknown> }).desktop;
      return Object.entries(desktop).map(([name, value]) => [name, typeof value]);
    });
    expect(exposed.map(([name]) => name).sort()).toEqual(Object.keys(IPC_CHANNELS).sort());
    expect(exposed.every(([, type]) => type === 'function')).toBe(true);
    const info = await page.evaluate(() =>
      (window as unknown as { desktop: { appInfo: () => Promise<unknown> } }).desktop.appInfo(),
    );
    expect(info).toMatchObject({ ok: true, value: { platform: 'electron' } });
  });
});

// The same renderer in a plain browser (npm run web, and every other spec here): the policy comes
// with index.html, so it holds whatever serves the files.
test.describe('browser mode', () => {
  test('runs the page under the same Content-Security-Policy, enforced', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByText('欢迎使用党校教务通')).toBeVisible();
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    const directives = (policy: string) => policy.split(';').map((d) => d.trim()).sort();
    // frame-ancestors is obeyed only as a header, which Electron and npm run web send.
    expect(directives(meta ?? '')).toEqual(directives(CONTENT_SECURITY_POLICY).filter((d) => !d.startsWith('frame-ancestors')));
    const blocked = await page.evaluate(async () => {
      const scope = window as unknown as { injected?: boolean; violations: string[] };
      scope.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => scope.violations.push(e.effectiveDirective));
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.head.append(script);
      // Called from a task of the page's own: DevTools lets eval through while it evaluates this function.
      const evaluated = await new Promise((resolve) =>
        setTimeout(() => {
          try {
            resolve(eval('true'));
          } catch {
            resolve(false);
          }
        }),
      );
      // A loopback address that nothing serves: the policy refuses it before any request is made.
      const fetched = await fetch('http://127.0.0.2:9/').then(() => true, () => false);
      return { inline: scope.injected === true, evaluated, fetched };
    });
    expect(blocked).toEqual({ inline: false, evaluated: false, fetched: false });
    await expect
      .poll(() => page.evaluate(() => [...new Set((window as unknown as { violations: string[] }).violations)].sort()))
      .toEqual(['connect-src', 'script-src', 'script-src-elem']);
  });
});
