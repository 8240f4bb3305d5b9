import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

/** Screenshots land here, to be looked at by a person (not compared by the tests). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('e2e/screenshots', { recursive: true });
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}

/** The administrator first run creates; tests sign in with it. */
export const ADMIN = { username: 'admin', password: 'Dangxiao2024' };

/** First run's second step: the administrator's account (which signs in at once). */
export async function createAdminInFirstRun(page: Page): Promise<void> {
  await page.getByLabel('管理员用户名').fill(ADMIN.username);
  await page.getByLabel('姓名或称呼').fill('王主任');
  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('确认密码').fill(ADMIN.password);
  await page.getByRole('button', { name: '下一步' }).click();
}

/** Sign in on the login screen. */
export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** First run as a clerk does it: the school profile, the administrator, then sample data or none. */
export async function completeFirstRun(page: Page, sample: 'village' | 'town' | 'none' = 'village'): Promise<void> {
  await page.goto('/');
  await expect(page.getByText('欢迎使用党校教务通')).toBeVisible();
  await page.getByLabel('党校名称').fill('鲁城街道党校');
  await page.getByRole('button', { name: '下一步' }).click();
  await createAdminInFirstRun(page);
  const choice = { village: '一所村级党校', town: '一所镇街党校及 15 所村级党校', none: '不加载，从空白开始' }[sample];
  await page.getByText(choice).click();
  await page.getByRole('button', { name: '开始使用' }).click();
  await expect(page.getByRole('heading', { name: '首页' })).toBeVisible({ timeout: 60_000 });
}

/**
 * Every store of the app's database, read raw: record counts and a digest of the contents.
 * The digest ignores the order of a record's fields: the same data is the same snapshot.
 */
export async function dbSnapshot(page: Page): Promise<Record<string, { count: number; digest: string }>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('dangxiao-desk');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const out: Record<string, { count: number; digest: string }> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      const rows = await new Promise<unknown[]>((resolve) => {
        const req = db.transaction(name).objectStore(name).getAll();
        req.onsuccess = () => resolve(req.result);
      });
      const sortKeys = (_key: string, value: unknown) =>
        value && typeof value === 'object' && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
          : value;
      const bytes = new TextEncoder().encode(JSON.stringify(rows, sortKeys));
      const hash = await crypto.subtle.digest('SHA-256', bytes);
      out[name] = { count: rows.length, digest: [...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, '0')).join('') };
    }
    db.close();
    return out;
  });
}

/** The figure shown on a dashboard card. */
export async function statValue(page: Page, title: string): Promise<string> {
  const card = page.locator('.ant-statistic').filter({ has: page.locator('.ant-statistic-title', { hasText: title }) });
  return (await card.locator('.ant-statistic-content-value').innerText()).replace(/,/g, '');
}

/** First run as a named school: the county office (level 市, no parent school) or a school other than 鲁城街道党校. */
export async function completeFirstRunAs(
  page: Page,
  school: { name: string; level?: string; parentName?: string },
  sample: 'village' | 'town' | 'none',
): Promise<void> {
  await page.goto('/');
  await expect(page.getByText('欢迎使用党校教务通')).toBeVisible();
  await page.getByLabel('党校名称').fill(school.name);
  if (school.level) {
    await page.getByLabel('级别').click();
    await page.locator(`.ant-select-item-option[title="${school.level}"]`).click();
  }
  if (school.parentName !== undefined) await page.getByLabel('上级党校').fill(school.parentName);
  await page.getByRole('button', { name: '下一步' }).click();
  await createAdminInFirstRun(page);
  const choice = { village: '一所村级党校', town: '一所镇街党校及 15 所村级党校', none: '不加载，从空白开始' }[sample];
  await page.getByText(choice).click();
  await page.getByRole('button', { name: '开始使用' }).click();
  await expect(page.getByRole('heading', { name: '首页' })).toBeVisible({ timeout: 60_000 });
}

/** The rows of one store of the app's database, read raw. */
export async function storeRows<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('dangxiao-desk');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const rows = await new Promise<unknown[]>((resolve) => {
      const req = db.transaction(name).objectStore(name).getAll();
      req.onsuccess = () => resolve(req.result);
    });
    db.close();
    return rows as T[];
  }, store);
}

/**
 * Wait until what the app does by itself after start-up is done (the daily automatic
 * backup, recorded in the audit trail), so a database snapshot taken next stays still.
 */
export async function settle(page: Page): Promise<void> {
  await expect
    .poll(async () => (await storeRows<{ summary: string }>(page, 'audit')).some((e) => e.summary.startsWith('自动备份')), {
      // It starts a few seconds after start-up, in a worker: on a busy machine it takes a while.
      timeout: 45_000,
    })
    .toBe(true);
}
