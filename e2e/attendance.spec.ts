import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { completeFirstRun, screenshot, statValue } from './helpers';

/** 学时 by the default rules: 45 minutes a 学时, rounded down to 0.5. Written out here, independent of the app's code. */
const hoursFor = (minutesPresent: number) => Math.floor((minutesPresent / 45) * 2 + 1e-9) / 2;

interface LedgerFigures { credited: number; scheduled: number; total: number }

async function ledgerOf(page: Page, traineeId: string): Promise<LedgerFigures> {
  await page.goto(`/#/attendance/ledger/${traineeId}`);
  await expect(page.locator(`[data-testid=trainee-ledger][data-trainee="${traineeId}"]`)).toBeVisible();
  return {
    credited: Number(await statValue(page, '参训学时')),
    scheduled: Number(await statValue(page, '待上课程')),
    total: Number(await statValue(page, '合计')),
  };
}

/** The trainee register as stored, to pick people a test needs (someone not enrolled, a unique name). */
function allTrainees(page: Page): Promise<{ id: string; name: string; idNumber: string; status: string }[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('dangxiao-desk');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const rows = await new Promise<{ id: string; name: string; idNumber: string; status: string }[]>((resolve) => {
      const req = db.transaction('trainees').objectStore('trainees').getAll();
      req.onsuccess = () => resolve(req.result);
    });
    db.close();
    return rows;
  });
}

const rowStatus = (page: Page, traineeId: string) =>
  page.locator(`#roster-${traineeId} .ant-radio-button-wrapper-checked`);

test('mark a roster from the keyboard, see the ledgers change, close, correct with a reason, reload', async ({ page }) => {
  // Eleven ledgers are opened besides the marking: longer than one screen's test on a shared 2-core machine.
  test.setTimeout(300_000);
  await completeFirstRun(page, 'village');
  await page.getByRole('menuitem', { name: '考勤' }).click();
  await expect(page.getByRole('heading', { name: '考勤' })).toBeVisible();

  // The next day with sessions after today: planned, not yet marked.
  await page.getByRole('button', { name: /下一个上课日/ }).click();
  const firstSession = page.locator('.ant-table-row').first();
  await expect(firstSession).toBeVisible();
  await expect(firstSession).toContainText('未点名');
  await screenshot(page, 'attendance-day');
  await firstSession.click();
  const roster = page.getByRole('grid', { name: '点名名单' });
  await expect(roster).toBeVisible();
  const sessionUrl = page.url();

  const minutesText = await page.locator('.ant-descriptions-item').filter({ hasText: '全勤计' }).innerText();
  const minutes = Number(minutesText.match(/(\d+) 分钟/)![1]);
  const full = hoursFor(minutes);
  const rows = roster.locator('tbody tr');
  expect(await rows.count()).toBeGreaterThanOrEqual(10);
  const idAt = async (i: number) => (await rows.nth(i).getAttribute('id'))!.replace('roster-', '');
  const [present, late15, late30, leave, absent] = [await idAt(0), await idAt(2), await idAt(4), await idAt(5), await idAt(8)];
  const absentName = await rows.nth(8).locator('td').nth(1).locator('a').innerText();

  const before: Record<string, LedgerFigures> = {};
  for (const id of [present, late15, late30, leave, absent]) before[id] = await ledgerOf(page, id);

  await page.goto(sessionUrl);
  await expect(roster).toBeVisible();
  await roster.focus();
  // Everyone present in one action, then the exceptions.
  await page.keyboard.press('Alt+A');
  await expect(page.getByTestId('mark-summary')).not.toContainText('未点名');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('2');
  await expect(page.getByLabel(/缺课分钟$/)).toBeFocused();
  await page.keyboard.type('15');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('2');
  await page.keyboard.type('30');
  await page.keyboard.press('Enter');
  await page.keyboard.press('4');
  // Find a name as typed on the sign-in sheet, then mark it.
  await page.keyboard.press('/');
  await page.keyboard.type(absentName);
  await page.keyboard.press('Enter');
  await page.keyboard.press('6');

  await expect(rowStatus(page, late15)).toHaveText('迟到');
  await expect(page.locator(`#roster-${late15}`)).toContainText('15 分钟');
  await expect(rowStatus(page, late30)).toHaveText('迟到');
  await expect(page.locator(`#roster-${late30}`)).toContainText('30 分钟');
  await expect(rowStatus(page, leave)).toHaveText('事假');
  await expect(rowStatus(page, absent)).toHaveText('旷课');
  await expect(rowStatus(page, present)).toHaveText('出勤');
  const summary = page.getByTestId('mark-summary');
  await expect(summary).toContainText('迟到 2，事假 1，旷课 1');
  await expect(summary).not.toContainText('未点名');
  await screenshot(page, 'attendance-roster');

  // A walk-in: someone not enrolled, found by the last digits of their ID number.
  const enrolled = await rows.evaluateAll((trs) => trs.map((tr) => tr.id.replace('roster-', '')));
  const trainees = await allTrainees(page);
  const tails = new Map<string, number>();
  for (const t of trainees) tails.set(t.idNumber.slice(-6), (tails.get(t.idNumber.slice(-6)) ?? 0) + 1);
  const outsider = trainees.find((t) => t.status === '在册' && !enrolled.includes(t.id) && t.idNumber && tails.get(t.idNumber.slice(-6)) === 1)!;
  await page.getByRole('button', { name: '添加插班学员' }).click();
  const walkIn = page.getByRole('dialog', { name: '添加插班学员' });
  await walkIn.getByLabel('查找插班学员').fill(outsider.idNumber.slice(-6));
  await expect(walkIn.getByRole('option')).toHaveCount(1);
  await expect(walkIn.getByRole('option')).toContainText(outsider.name);
  await screenshot(page, 'attendance-walk-in');
  await page.keyboard.press('Enter');
  await expect(walkIn).toBeHidden();
  await expect(page.locator(`#roster-${outsider.id}`)).toContainText('插班');
  await expect(rowStatus(page, outsider.id)).toHaveText('出勤');
  await expect(summary).toContainText(`应到 ${await rows.count()} 人`);
  expect((await ledgerOf(page, outsider.id)).credited).toBeGreaterThanOrEqual(full);
  await expect(page.getByTestId('trainee-ledger').getByRole('row').filter({ hasText: '插班' })).toHaveCount(1);

  // The ledgers changed by exactly the hours of the marks; the session is no longer "still scheduled".
  const expected: [string, number][] = [[present, full], [late15, hoursFor(minutes - 15)], [late30, hoursFor(minutes - 30)], [leave, 0], [absent, 0]];
  for (const [id, gained] of expected) {
    const after = await ledgerOf(page, id);
    expect(after.credited, id).toBe(before[id]!.credited + gained);
    expect(after.total, id).toBe(before[id]!.total + gained);
    expect(after.scheduled, id).toBe(before[id]!.scheduled - full);
  }
  await ledgerOf(page, late15);
  await screenshot(page, 'attendance-trainee-ledger');

  // Close the session; a change now needs a reason and is kept in the history.
  await page.goto(sessionUrl);
  await page.getByRole('button', { name: '关闭考勤' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '关闭考勤' }).click();
  await expect(page.getByText('考勤已关闭', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: '全部出勤' })).toBeDisabled();
  await roster.focus();
  await page.keyboard.press('/');
  await page.keyboard.type(absentName);
  await page.keyboard.press('Enter');
  await page.keyboard.press('1');
  const dialog = page.getByRole('dialog', { name: /更正考勤/ });
  await expect(dialog).toContainText('旷课（0 学时）');
  await dialog.getByRole('button', { name: '保存更正' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('请填写更正原因');
  await expect(rowStatus(page, absent)).toHaveText('旷课');
  await dialog.getByLabel('更正原因').fill('核对纸质签到表，该学员实际到课');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(rowStatus(page, absent)).toHaveText('出勤');

  await page.getByRole('tab', { name: /更正记录/ }).click();
  const history = page.getByRole('table').filter({ hasText: '更正前' });
  await expect(history.locator('tbody tr')).toHaveCount(1);
  await expect(history).toContainText(absentName);
  await expect(history).toContainText(`旷课（0 学时）`);
  await expect(history).toContainText(`出勤（${full} 学时）`);
  await expect(history).toContainText('核对纸质签到表，该学员实际到课');
  await expect(history).toContainText('admin（王主任）');
  await screenshot(page, 'attendance-corrections');

  // Evaluation forms from paper: five scores, Enter between them, saved after the last.
  await page.getByRole('tab', { name: '学员评课' }).click();
  await page.getByLabel('现实针对性').click();
  for (const score of ['19', '18', '17', '20', '18']) {
    await page.keyboard.type(score);
    await page.keyboard.press('Enter');
  }
  await expect(page.getByTestId('evaluation-average')).toContainText('1 份，平均 92 分');
  await expect(page.getByLabel('现实针对性')).toBeFocused();
  await screenshot(page, 'attendance-evaluations');

  // Everything was saved as it was made.
  await page.reload();
  await expect(roster).toBeVisible();
  await expect(page.getByText('考勤已关闭', { exact: true })).toBeVisible();
  await expect(rowStatus(page, late15)).toHaveText('迟到');
  await expect(rowStatus(page, leave)).toHaveText('事假');
  await expect(rowStatus(page, absent)).toHaveText('出勤');
  await expect(page.getByTestId('mark-summary')).toContainText('迟到 2，事假 1');
  await page.getByRole('tab', { name: /更正记录/ }).click();
  await expect(history).toContainText('核对纸质签到表，该学员实际到课');
  expect((await ledgerOf(page, absent)).credited).toBe(before[absent]!.credited + full);

  // The trainee's own page shows the same ledger.
  await page.goto(`/#/trainees/${late15}`);
  await expect(page.locator(`[data-testid=trainee-ledger][data-trainee="${late15}"]`)).toBeVisible();
  expect(Number(await statValue(page, '参训学时'))).toBe(before[late15]!.credited + hoursFor(minutes - 15));
  await screenshot(page, 'attendance-trainee-detail');
});

test('external hours: entered for a trainee, imported from Excel with bad rows reported, never twice', async ({ page }) => {
  await completeFirstRun(page, 'village');
  const year = new Date().getFullYear();
  // Two trainees with names of their own, as an office's sheet would list them.
  const trainees = await allTrainees(page);
  const count = new Map<string, number>();
  for (const t of trainees) count.set(t.name, (count.get(t.name) ?? 0) + 1);
  const [a, b] = trainees.filter((t) => t.status === '在册' && t.idNumber && count.get(t.name) === 1);
  const before = await ledgerOf(page, a!.id);
  const externalOf = async (id: string) => {
    await ledgerOf(page, id);
    return Number(await statValue(page, '外部学时'));
  };
  const aExternal = await externalOf(a!.id);
  const bExternal = await externalOf(b!.id);

  // One entry typed in on the trainee's ledger.
  await ledgerOf(page, a!.id);
  await page.getByRole('button', { name: '添加外部学时' }).click();
  const form = page.getByRole('dialog', { name: '添加外部学时' });
  await form.getByLabel('学时').fill('2');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();
  await expect.poll(() => statValue(page, '外部学时').then(Number)).toBe(aExternal + 2);
  expect(Number(await statValue(page, '合计'))).toBe(before.total + 2);

  // A sheet as a platform exports it: a title row, then the header; two good rows, two bad ones.
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('学时');
  sheet.addRow([`${year}年党员网络学习学时`]);
  sheet.addRow(['序号', '姓名', '身份证号', '学习平台', '完成日期', '学时']);
  sheet.addRow([1, a!.name, a!.idNumber, '学习强国', `${year}-01-02`, 6]);
  sheet.addRow([2, b!.name, a!.idNumber.slice(-4) === b!.idNumber.slice(-4) ? b!.idNumber : b!.idNumber.slice(-4), '灯塔党建在线', `${year}/1/3`, '3.5学时']);
  sheet.addRow([3, '查无此人', '', '学习强国', `${year}-01-02`, 2]);
  sheet.addRow([4, b!.name, '', '学习强国', `${year}-01-02`, '两小时']);
  const file = { name: '外部学时.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await workbook.xlsx.writeBuffer()) };

  await page.getByRole('menuitem', { name: '考勤' }).click();
  await page.getByRole('tab', { name: '外部学时' }).click();
  const importOnce = async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '从 Excel 导入…' }).click();
    await (await chooser).setFiles(file);
    return page.getByTestId('external-import-preview');
  };
  let preview = await importOnce();
  await expect(preview).toContainText('可导入 2 条，有问题 2 处');
  const problems = preview.getByRole('table', { name: '有问题的行' });
  await expect(problems.getByRole('row', { name: /5\s*姓名\s*找不到学员“查无此人”/ })).toBeVisible();
  await expect(problems.getByRole('row', { name: /6\s*学时\s*学时应为数字：“两小时”/ })).toBeVisible();
  await expect(preview.getByRole('table', { name: '将导入的外部学时' })).toContainText('灯塔—党建在线');
  await screenshot(page, 'attendance-external-import');
  await page.getByRole('button', { name: '导入 2 条' }).click();
  await expect(page.getByText('已导入 2 条外部学时')).toBeVisible();
  await page.getByLabel('查找外部学时').fill(a!.name);
  await expect(page.locator('.ant-table-row').filter({ hasText: '学习强国' })).toHaveCount(2);
  await screenshot(page, 'attendance-external-list');

  // The same file again adds nothing.
  preview = await importOnce();
  await expect(preview).toContainText('可导入 0 条，已登记过 2 条（跳过），有问题 2 处');
  await expect(page.getByRole('button', { name: '导入 0 条' })).toBeDisabled();
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();

  expect(await externalOf(a!.id)).toBe(aExternal + 2 + 6);
  expect(await externalOf(b!.id)).toBe(bExternal + 3.5);
  await page.reload();
  await expect(page.locator(`[data-testid=trainee-ledger][data-trainee="${b!.id}"]`)).toBeVisible();
  expect(Number(await statValue(page, '外部学时'))).toBe(bExternal + 3.5);
});
