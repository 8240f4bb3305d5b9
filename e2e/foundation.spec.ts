import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { completeFirstRun, createAdminInFirstRun, dbSnapshot, screenshot, statValue, storeRows } from './helpers';

test('first run: school profile, sample data, and a dashboard with its counts', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByText('欢迎使用党校教务通')).toBeVisible();
  await screenshot(page, 'first-run-1-profile');
  await page.getByLabel('党校名称').fill('鲁城街道党校');
  await page.getByRole('button', { name: '下一步' }).click();
  await createAdminInFirstRun(page);
  await expect(page.getByText('一所村级党校')).toBeVisible();
  await screenshot(page, 'first-run-2-sample');
  await page.getByText('一所村级党校').click();
  await page.getByRole('button', { name: '开始使用' }).click();
  await expect(page.getByRole('heading', { name: '首页' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('鲁城街道党校').first()).toBeVisible();

  const snapshot = await dbSnapshot(page);
  expect(snapshot.trainees!.count).toBeGreaterThanOrEqual(250);
  await expect.poll(() => statValue(page, '在册学员')).not.toBe('0');
  const shown = Number(await statValue(page, '在册学员'));
  expect(shown).toBeGreaterThan(250);
  expect(shown).toBeLessThanOrEqual(snapshot.trainees!.count);
  expect(Number(await statValue(page, '参训人次'))).toBeGreaterThan(0);
  await screenshot(page, 'dashboard');

  // Everything survives a restart of the app.
  await page.reload();
  await expect(page.getByRole('heading', { name: '首页' })).toBeVisible();
  expect(Number(await statValue(page, '在册学员'))).toBe(shown);
});

test('settings are stored in the database and survive a reload', async ({ page }) => {
  await completeFirstRun(page, 'none');
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByRole('tab', { name: '学时规则' }).click();
  const minutes = page.getByLabel('每学时分钟数');
  await expect(minutes).toHaveValue('45');
  await minutes.fill('40');
  await page.getByLabel('普通党员').fill('36');
  await page.getByRole('button', { name: '保存学时规则' }).click();
  await expect(page.getByText('学时规则已保存')).toBeVisible();
  await screenshot(page, 'settings-hours');

  await page.reload();
  await page.getByRole('tab', { name: '学时规则' }).click();
  await expect(page.getByLabel('每学时分钟数')).toHaveValue('40');
  await expect(page.getByLabel('普通党员')).toHaveValue('36');
  await expect(page.getByText('120 分钟的课迟到 20 分钟，计 2.5 学时')).toBeVisible();
});

test('dialogs open in place when the system asks for less motion, and zoom in otherwise', async ({ page }) => {
  await completeFirstRun(page, 'none');
  await page.getByRole('menuitem', { name: '学员' }).click();
  await page.evaluate(() => {
    const w = window as unknown as { __animations: string[] };
    w.__animations = [];
    document.addEventListener('animationstart', (e) => w.__animations.push(e.animationName), true);
  });
  // A spinner may turn meanwhile; what matters is the dialog's zoom and its mask's fade.
  const animations = async () =>
    (await page.evaluate(() => (window as unknown as { __animations: string[] }).__animations.splice(0))).filter((a) => /Zoom|Fade/i.test(a));
  const dialog = page.getByRole('dialog', { name: '新增学员' });
  const openAndClose = async () => {
    await page.getByRole('button', { name: '新增学员' }).click();
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  };

  // The test run asks for reduced motion (playwright.config.ts): nothing zooms.
  await openAndClose();
  expect(await animations()).toEqual([]);

  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await openAndClose();
  expect(await animations()).toEqual(expect.arrayContaining([expect.stringMatching(/Zoom/i)]));
});

test('backup, wipe, restore returns the same data; a corrupt file is refused and changes nothing', async ({ page }, info) => {
  await completeFirstRun(page, 'village');
  const before = await dbSnapshot(page);
  // The change sequence may only rise (the kept trail's entries are never overtaken): compared apart.
  const metaExceptSeq = async () => (await storeRows<{ key: string }>(page, 'meta')).filter((m) => m.key !== 'seq');
  const metaBefore = await metaExceptSeq();

  await page.goto('/#/settings/backup');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '立即备份到文件…' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^党校教务通备份-\d{8}-\d{4}\.dxbak$/);
  const backupPath = info.outputPath('backup.dxbak');
  await download.saveAs(backupPath);

  // Wipe: a new, empty installation.
  await page.evaluate(() => new Promise((resolve) => { const r = indexedDB.deleteDatabase('dangxiao-desk'); r.onsuccess = r.onerror = r.onblocked = resolve; }));
  await completeFirstRun(page, 'none');
  expect((await dbSnapshot(page)).trainees!.count).toBe(0);

  await page.goto('/#/settings/backup');
  // A corrupt file first: refused, nothing changes.
  const corruptPath = info.outputPath('corrupt.dxbak');
  const good = readFileSync(backupPath);
  writeFileSync(corruptPath, good.subarray(0, Math.floor(good.length / 2)));
  const empty = await dbSnapshot(page);
  let chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择备份文件…' }).click();
  await (await chooser).setFiles(corruptPath);
  await expect(page.getByRole('alert').filter({ hasText: '不是党校教务通的备份文件' })).toBeVisible();
  await screenshot(page, 'backup-corrupt-refused');
  expect(await dbSnapshot(page)).toEqual(empty);

  chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择备份文件…' }).click();
  await (await chooser).setFiles(backupPath);
  const preview = page.getByTestId('backup-preview');
  await expect(preview).toContainText('鲁城街道党校');
  await expect(preview.getByRole('row', { name: new RegExp(`学员\\s*${before.trainees!.count}`) })).toBeVisible();
  await screenshot(page, 'backup-preview');
  await preview.getByRole('button', { name: '恢复此备份' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '恢复' }).click();
  await expect(page.getByText('已从备份恢复')).toBeVisible();

  const after = await dbSnapshot(page);
  // Accounts and the audit trail belong to the installation: a restore keeps them and adds to the trail.
  for (const [store, snap] of Object.entries(before)) {
    if (!['accounts', 'audit', 'device', 'meta'].includes(store)) expect(after[store], store).toEqual(snap);
  }
  expect(await metaExceptSeq()).toEqual(metaBefore);
});
