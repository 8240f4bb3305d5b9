import { expect, test, type Locator, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { completeFirstRun, dbSnapshot, screenshot, storeRows } from './helpers';

/** A valid 公民身份号码 (area 370882, so it never collides with the sample data's 370881). */
function idNumber(birth: string, seq: string): string {
  const first17 = `370882${birth.replaceAll('-', '')}${seq}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return first17 + '10X98765432'[sum % 11];
}

/** Days since 1899-12-30: how Excel stores a date typed into a cell formatted as a number. */
const excelSerial = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);

const toFullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

interface TraineeRow { id: string; name: string; idNumber: string; branch: string; status: string; phone: string }

const count = (page: Page) => page.getByTestId('registry-count');

/**
 * Where a test's generated rosters and downloaded exports go: a folder of this run's own,
 * since test-results is shared with (and cleared by) other Playwright runs on the machine.
 */
const files = mkdtempSync(join(tmpdir(), 'dx-registries-'));
const filePath = (name: string) => join(files, `${Date.now()}-${name}`);

/** Choose a file in the import wizard (the web bridge opens a file input). */
async function chooseImportFile(page: Page, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('dialog').getByRole('button', { name: '选择文件…' }).click();
  await (await chooser).setFiles(path);
}

/** Choose an option of an antd Select by its label (within `scope`), and wait until the Select shows it. */
async function pickOption(page: Page, label: string, option: string, scope: Page | Locator = page) {
  const select = scope.locator('.ant-select', { has: page.getByLabel(label, { exact: true }) });
  const dropdown = page.locator('.ant-select-dropdown:visible');
  // A click landing while the dropdown still slides open can miss: try again until the Select shows the option.
  await expect(async () => {
    if ((await dropdown.count()) === 0) await scope.getByLabel(label, { exact: true }).click();
    await dropdown.getByTitle(option, { exact: true }).click({ timeout: 2000 });
    await expect(select).toContainText(option, { timeout: 1000 });
  }).toPass();
  await expect(dropdown).toHaveCount(0);
}

/** A screenshot once the page has settled: no dropdown or toast left over from the last step. */
async function settledScreenshot(page: Page, name: string) {
  await expect(page.locator('.ant-message-notice')).toHaveCount(0);
  await screenshot(page, name);
}

/** Export the whole list as .xlsx with full numbers; returns where the file was saved. */
async function exportFull(page: Page, noun: string, full: string, path: string): Promise<string> {
  await page.getByRole('button', { name: '导出…' }).click();
  const dialog = page.getByRole('dialog', { name: `导出${noun}名册` });
  await dialog.getByLabel(full).check();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: '导出' }).click();
  await (await downloading).saveAs(path);
  await expect(dialog).toBeHidden();
  return path;
}

/** Importing `path` previews every row as unchanged, and closing the wizard leaves the database as it was. */
async function expectRoundTrip(page: Page, wizardTitle: string, path: string, rows: number) {
  const before = await dbSnapshot(page);
  await page.getByRole('button', { name: '导入…' }).click();
  await chooseImportFile(page, path);
  const wizard = page.getByRole('dialog', { name: wizardTitle });
  await wizard.getByRole('button', { name: '下一步：预览' }).click();
  const summary = wizard.getByTestId('import-summary');
  await expect(summary).toContainText(`未变化 ${rows}`);
  await expect(summary).toContainText('新增 0');
  await expect(summary).toContainText('更新 0');
  await expect(summary).toContainText('未导入 0');
  await page.keyboard.press('Escape');
  await expect(wizard).toBeHidden();
  expect(await dbSnapshot(page)).toEqual(before);
}

test('trainees: create with ID checks, find by pinyin and ID suffix, edit, retire, move', async ({ page }) => {
  await completeFirstRun(page, 'village');
  await page.getByRole('menuitem', { name: '学员' }).click();
  await expect(count(page)).toHaveText(/^共 300 人$/);
  await expect(page.locator('.dx-rtable-row').first()).toBeVisible();
  // ID numbers and phones are masked in the list.
  await expect(page.locator('.dx-rtable-row').first()).toContainText('********');
  await screenshot(page, 'registries-trainees-list');

  const id = idNumber('1965-03-08', '013');
  await page.getByRole('button', { name: '新增学员' }).click();
  const form = page.getByRole('dialog', { name: '新增学员' });
  await form.getByLabel('姓名').fill('孔繁森');
  await form.getByLabel('所在党支部').fill('鲁源村党支部');
  await form.getByLabel('身份证号').fill(id.slice(0, 17) + (id[17] === '0' ? '1' : '0'));
  await expect(form.getByText('身份证号校验位错误')).toBeVisible();
  await form.getByLabel('身份证号').fill(id);
  await expect(form.getByText('身份证号校验位错误')).toBeHidden();
  // The ID carries the birth date and gender.
  await expect(form.getByLabel('出生日期')).toHaveValue('1965-03-08');
  await expect(form.getByLabel('男')).toBeChecked();
  await form.getByLabel('联系电话').fill('138 0537 12');
  await expect(form.getByText('电话号码格式不正确')).toBeVisible();
  await form.getByLabel('联系电话').fill('13805371234');
  await expect(form.getByText('电话号码格式不正确')).toBeHidden();
  await screenshot(page, 'registries-trainee-form');
  await form.getByLabel('姓名').press('Enter');
  await expect(page.getByText('已添加学员“孔繁森”')).toBeVisible();
  await expect(form).toBeHidden();
  await expect(count(page)).toHaveText(/^共 301 人$/);

  // The same ID number again is refused, naming the trainee who has it.
  await page.getByRole('button', { name: '新增学员' }).click();
  await form.getByLabel('姓名').fill('孔祥东');
  await form.getByLabel('身份证号').fill(id.toLowerCase());
  await form.getByLabel('姓名').press('Enter');
  await expect(form.getByText(/该身份证号已登记为本校学员“孔繁森”/)).toBeVisible();
  await form.getByRole('button', { name: '取消' }).click();
  await expect(form).toBeHidden();
  await expect(count(page)).toHaveText(/^共 301 人$/);

  // `/` focuses the search; pinyin initials find the new trainee, as does the ID's end.
  await page.keyboard.press('/');
  await expect(page.getByLabel('搜索')).toBeFocused();
  await page.keyboard.type('kfs');
  await expect(page.locator('.dx-rtable-row').filter({ hasText: '孔繁森' })).toBeVisible();
  await page.getByLabel('搜索').fill(id.slice(-6));
  await expect(count(page)).toHaveText(/符合条件 1 人/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '孔繁森' })).toBeVisible();
  await expect(page.getByText(`370882********${id.slice(-4)}`)).toBeVisible();
  await expect(page.getByText(id)).toBeHidden();
  await settledScreenshot(page, 'registries-trainee-detail');

  // Edit: the stored ID stays masked in the form unless the user chooses to change it.
  await page.getByRole('button', { name: '编辑' }).click();
  const edit = page.getByRole('dialog', { name: '编辑学员：孔繁森' });
  await expect(edit.getByLabel('身份证号')).toHaveValue(`370882********${id.slice(-4)}`);
  await pickOption(page, '人员类别', '两委成员', edit);
  await edit.getByLabel('姓名').press('Enter');
  await expect(page.getByText('已保存')).toBeVisible();
  await expect(page.getByText('两委成员').first()).toBeVisible();

  // Move to another school: the record and its id stay, with the school recorded.
  await page.getByRole('button', { name: '转出…' }).click();
  const move = page.getByRole('dialog', { name: '学员转出：孔繁森' });
  await move.getByLabel('转入党校').fill('尼山镇党校');
  await pickOption(page, '该党校的级别', '镇街', move);
  await move.getByRole('button', { name: '确认转出' }).click();
  await expect(page.getByText(/转至 尼山镇党校/)).toBeVisible();
  const moved = (await storeRows<TraineeRow & { transfer: { schoolId: string } }>(page, 'trainees')).find((t) => t.idNumber === id)!;
  const schools = await storeRows<{ id: string; name: string }>(page, 'schools');
  expect(schools.find((s) => s.id === moved.transfer.schoolId)?.name).toBe('尼山镇党校');
  await page.getByRole('button', { name: '恢复在册' }).click();
  await expect(page.getByText('已恢复在册')).toBeVisible();

  // Retire: a status, never a deletion; it survives a reload.
  await page.getByRole('button', { name: '退出', exact: true }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '退出' }).click();
  await expect(page.getByText('已设为退出')).toBeVisible();
  await page.reload();
  await expect(page.locator('.ant-tag').filter({ hasText: /^退出$/ })).toBeVisible();
  expect((await storeRows<TraineeRow & { deletedAt: number | null }>(page, 'trainees')).find((t) => t.idNumber === id)).toMatchObject({
    status: '退出', deletedAt: null,
  });

  // Back in the list: only those on the roll by default; found again with 全部状态.
  await page.getByRole('button', { name: '返回学员列表' }).click();
  await page.getByLabel('搜索').fill(id.slice(-6));
  await expect(count(page)).toHaveText(/符合条件 0 人/);
  await pickOption(page, '状态', '全部状态');
  await expect(count(page)).toHaveText(/符合条件 1 人/);

  // Arrow keys move the selection, Enter opens it.
  await page.getByLabel('搜索').fill('鲁源村');
  await pickOption(page, '状态', '在册');
  const second = (await page.locator('.dx-rtable-row').nth(1).getByRole('gridcell').first().innerText()).trim();
  await page.getByLabel('搜索').press('ArrowDown');
  await page.getByLabel('搜索').press('Enter');
  await expect(page.getByRole('heading', { name: second })).toBeVisible();
});

test('the trainee list draws the rows in view, keeps the selected row in view and opens it from the keyboard or a double-click', async ({ page }) => {
  await completeFirstRun(page, 'village');
  await page.getByRole('menuitem', { name: '学员' }).click();
  await expect(count(page)).toHaveText(/^共 300 人$/);
  const grid = page.getByRole('grid', { name: '学员列表' });
  const rows = grid.locator('.dx-rtable-row');
  const selected = grid.locator('.dx-rtable-row[aria-selected="true"]');
  await expect(rows.first()).toHaveAttribute('aria-selected', 'true');
  const shown = Number(await grid.getAttribute('aria-rowcount')) - 1;
  expect(shown).toBeGreaterThan(200);
  // A screenful and a few more are drawn, not every row.
  expect(await rows.count()).toBeLessThan(40);

  // PageDown from the search box moves ten rows at a time; the list follows the selection.
  for (let i = 0; i < 6; i++) await page.getByLabel('搜索').press('PageDown');
  await expect(selected).toHaveAttribute('aria-rowindex', '62');
  await expect(selected).toBeInViewport();
  // The list itself takes the keys too.
  await grid.focus();
  await page.keyboard.press('ArrowUp');
  await expect(selected).toHaveAttribute('aria-rowindex', '61');
  const name = (await selected.getByRole('gridcell').first().innerText()).trim();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name })).toBeVisible();
  // Coming back, the list shows the row that was selected.
  await page.goBack();
  await expect(selected).toHaveAttribute('aria-rowindex', '61');
  await expect(selected).toBeInViewport();

  // Scrolled to the end, the last trainee is drawn; a double-click opens them.
  await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
  const last = grid.locator(`.dx-rtable-row[aria-rowindex="${shown + 1}"]`);
  await expect(last).toBeInViewport();
  const lastName = (await last.getByRole('gridcell').first().innerText()).trim();
  await last.getByRole('gridcell').nth(1).dblclick();
  await expect(page.getByRole('heading', { name: lastName })).toBeVisible();
});

test('trainees: a roster with a title row, shuffled columns, bad rows and three date formats imports only its valid rows, once', async ({ page }) => {
  await completeFirstRun(page, 'village');
  const existing = (await storeRows<TraineeRow>(page, 'trainees')).find((t) => t.idNumber && t.status === '在册')!;
  const [a, b, c, f, h] = [
    idNumber('1965-03-08', '011'), idNumber('1970-01-15', '022'), idNumber('1982-07-21', '031'),
    idNumber('1990-05-05', '041'), idNumber('1975-06-06', '051'),
  ];
  const badCheck = a.slice(0, 10) + '0101' + a.slice(14, 17) + (a[17] === '1' ? '2' : '1');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('花名册');
  sheet.addRow(['鲁源村党支部2026年党员花名册']);
  sheet.mergeCells('A1:H1');
  sheet.addRow(['序号', '联系电话', '学员姓名', '公民身份号码', '出生年月', '所在党支部', '人员类别', '性别']);
  const rows: (string | number)[][] = [
    [1, '138 0537 1234', '孔繁森', a, '1965.3', '鲁源村党支部', '党员', '男'],
    [2, '', '颜丽', b, '1970年1月', '鲁源村党支部', '积极分子', ''],
    [3, '', '孟庆文', c, excelSerial('1982-07-21'), '鲁源村党支部', '', ''],
    [4, '', '曾参', badCheck, '', '鲁源村党支部', '', ''],
    [5, '', '孔德成', a, '', '鲁源村党支部', '', ''],
    [6, '', '张　三', ` ${toFullWidth(f)} `, '1990-05-05', '鲁源村党支部', '', ''],
    [7, '', existing.name, existing.idNumber, '', '鲁源村第二党支部', '', ''],
    [8, '', '周公旦', h, '1975.13', '鲁源村党支部', '', ''],
  ];
  for (const r of rows) sheet.addRow(r);
  const path = filePath('roster.xlsx');
  await workbook.xlsx.writeFile(path);

  await page.getByRole('menuitem', { name: '学员' }).click();
  await expect(count(page)).toHaveText(/^共 300 人$/);
  await page.getByRole('button', { name: '导入…' }).click();
  await chooseImportFile(page, path);
  const wizard = page.getByRole('dialog', { name: '导入学员' });
  await expect(wizard.getByLabel('表头所在行')).toHaveValue('2');
  await expect(wizard.getByRole('row', { name: /公民身份号码/ })).toContainText('身份证号');
  await expect(wizard.getByRole('row', { name: /学员姓名/ })).toContainText('姓名');
  await screenshot(page, 'registries-import-mapping');
  await wizard.getByRole('button', { name: '下一步：预览' }).click();

  const summary = wizard.getByTestId('import-summary');
  await expect(summary).toContainText('新增 4');
  await expect(summary).toContainText('更新 1');
  await expect(summary).toContainText('未变化 0');
  await expect(summary).toContainText('未导入 3');
  await expect(wizard.getByRole('row', { name: /张三/ })).toBeVisible();
  await wizard.getByRole('tab', { name: /更新/ }).click();
  await expect(wizard.getByRole('row', { name: new RegExp(existing.name) })).toContainText(`${existing.branch} → 鲁源村第二党支部`);
  await screenshot(page, 'registries-import-preview-update');
  await wizard.getByRole('tab', { name: /未导入/ }).click();
  await expect(wizard.getByRole('row', { name: /^6 曾参 公民身份号码 身份证号校验位错误$/ })).toBeVisible();
  await expect(wizard.getByRole('row', { name: /^7 孔德成 公民身份号码 与第3行身份证号重复$/ })).toBeVisible();
  await expect(wizard.getByRole('row', { name: /^10 周公旦 出生年月 日期不存在：1975\.13$/ })).toBeVisible();
  await screenshot(page, 'registries-import-preview');

  await wizard.getByRole('button', { name: '确认导入（新增 4，更新 1）' }).click();
  await expect(wizard.getByText('导入完成')).toBeVisible();
  await wizard.getByRole('button', { name: '完成' }).click();
  await expect(count(page)).toHaveText(/^共 304 人$/);

  const after = await storeRows<TraineeRow & { birthDate: string; py: string; gender: string; category: string }>(page, 'trainees');
  const byId = new Map(after.map((t) => [t.idNumber, t]));
  expect(byId.get(a)).toMatchObject({ name: '孔繁森', birthDate: '1965-03-08', phone: '13805371234', py: 'kfs', category: '普通党员' });
  expect(byId.get(b)).toMatchObject({ name: '颜丽', birthDate: '1970-01-15', gender: '女', category: '入党积极分子' });
  expect(byId.get(c)).toMatchObject({ name: '孟庆文', birthDate: '1982-07-21' });
  expect(byId.get(f)).toMatchObject({ name: '张三', py: 'zs' });
  expect(byId.has(badCheck) || byId.has(h)).toBe(false);
  expect(after.filter((t) => t.idNumber === a)).toHaveLength(1);
  expect(byId.get(existing.idNumber)?.branch).toBe('鲁源村第二党支部');

  // The same file again changes nothing.
  const snapshot = await dbSnapshot(page);
  await page.getByRole('button', { name: '导入…' }).click();
  await chooseImportFile(page, path);
  await wizard.getByRole('button', { name: '下一步：预览' }).click();
  await expect(summary).toContainText('新增 0');
  await expect(summary).toContainText('更新 0');
  await expect(summary).toContainText('未变化 5');
  await expect(wizard.getByRole('button', { name: '没有需要写入的数据' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(wizard).toBeHidden();
  expect(await dbSnapshot(page)).toEqual(snapshot);
});

test('trainees: export to .xlsx and .csv, masked by default, and a full export imports back unchanged', async ({ page }) => {
  await completeFirstRun(page, 'village');
  await page.getByRole('menuitem', { name: '学员' }).click();
  await expect(count(page)).toHaveText(/^共 300 人$/);
  const trainees = await storeRows<TraineeRow>(page, 'trainees');
  const withId = trainees.find((t) => t.idNumber)!;

  const exportAs = async (format: 'Excel' | 'CSV', full: boolean) => {
    await page.getByRole('button', { name: '导出…' }).click();
    const dialog = page.getByRole('dialog', { name: '导出学员名册' });
    await dialog.getByLabel(format === 'Excel' ? 'Excel 工作簿（.xlsx）' : 'CSV 文件（.csv）').check();
    if (full) await dialog.getByLabel('导出完整身份证号和电话').check();
    await screenshot(page, 'registries-export-dialog');
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: '导出' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(format === 'Excel' ? /^学员名册-\d{8}\.xlsx$/ : /^学员名册-\d{8}\.csv$/);
    const path = filePath(`${format}-${full}-${download.suggestedFilename()}`);
    await download.saveAs(path);
    await expect(dialog).toBeHidden();
    return path;
  };

  const masked = readFileSync(await exportAs('CSV', false), 'utf8');
  expect(masked.startsWith('\uFEFF姓名,性别,身份证号')).toBe(true);
  expect(masked).toContain(`${withId.idNumber.slice(0, 6)}********${withId.idNumber.slice(-4)}`);
  expect(masked).not.toContain(withId.idNumber);

  for (const format of ['Excel', 'CSV'] as const) await expectRoundTrip(page, '导入学员', await exportAs(format, true), 300);
});

test('instructors: appointment warnings, create, find, edit, retire; a detail page with sessions and evaluations; export round-trips', async ({ page }) => {
  test.setTimeout(180_000);
  await completeFirstRun(page, 'village');
  await page.getByRole('menuitem', { name: '师资库' }).click();
  await expect(count(page)).toHaveText(/^共 \d+ 人$/);
  await pickOption(page, '聘期', '已满或将满');
  await expect(page.locator('.dx-rtable-row').first()).toContainText(/聘期已满|聘期将满/);
  await screenshot(page, 'registries-instructors-list');
  await page.getByLabel('聘期').click();
  await page.locator('.ant-select:has([aria-label="聘期"]) .ant-select-clear').click();

  const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  await page.getByRole('button', { name: '新增教员' }).click();
  const form = page.getByRole('dialog', { name: '新增教员' });
  await form.getByLabel('姓名').fill('孟庆文');
  await pickOption(page, '师资类别', '土专家', form);
  await form.getByLabel('联系电话').fill('13905370000');
  await form.getByLabel('工作单位').fill('尼山镇果蔬专业合作社');
  await form.getByLabel('授课专题').fill('果树栽培');
  await form.getByLabel('授课专题').press('Enter');
  await form.getByLabel('聘期开始').fill('2026-01-01');
  await form.getByLabel('聘期开始').press('Tab');
  await form.getByLabel('聘期结束').fill('2020-01-01');
  await form.getByLabel('聘期结束').press('Tab');
  await expect(form.getByText('聘期结束不能早于聘期开始')).toBeVisible();
  await form.getByLabel('聘期开始').fill('2024-01-01');
  await form.getByLabel('聘期开始').press('Tab');
  await form.getByLabel('聘期结束').fill(soon);
  await form.getByLabel('聘期结束').press('Tab');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已添加教员“孟庆文”')).toBeVisible();
  await expect(form).toBeHidden();

  await page.keyboard.press('Control+f');
  await expect(page.getByLabel('搜索')).toBeFocused();
  await page.keyboard.type('mqw');
  const row = page.locator('.dx-rtable-row').filter({ hasText: '孟庆文' });
  await expect(row).toContainText('聘期将满');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '孟庆文' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: `聘期将于 ${soon}` })).toBeVisible();

  await page.getByRole('button', { name: '编辑' }).click();
  const edit = page.getByRole('dialog', { name: '编辑教员：孟庆文' });
  await edit.getByLabel('职务').fill('技术顾问');
  await edit.getByLabel('姓名').press('Enter');
  await expect(page.getByText('已保存')).toBeVisible();
  await expect(page.getByText('技术顾问')).toBeVisible();

  await page.getByRole('button', { name: '退出师资库' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '退出' }).click();
  await expect(page.getByText('已退出师资库')).toBeVisible();
  await expect(page.locator('.ant-tag').filter({ hasText: /^退出$/ })).toBeVisible();
  await expect(page.getByText(`聘期将于 ${soon}`)).toBeHidden();

  // An instructor who has taught and been evaluated: sessions and average read by index.
  const evaluations = await storeRows<{ instructorId: string }>(page, 'evaluations');
  await page.goto(`/#/instructors/${evaluations[0]!.instructorId}`);
  await expect(page.getByText(/平均得分（\d+ 次评课）/)).toBeVisible();
  await expect(page.getByText(/授课记录（[1-9]\d* 次）/)).toBeVisible();
  await expect(page.getByRole('cell', { name: '已上课' }).first()).toBeVisible();
  await settledScreenshot(page, 'registries-instructor-detail');

  // The whole pool exported in full, then imported back, changes nothing (multi-part topics included).
  await page.getByRole('button', { name: '返回师资库列表' }).click();
  await page.getByLabel('搜索').fill('');
  await expect(count(page)).toHaveText(/^共 \d+ 人$/);
  const total = Number((await count(page).innerText()).match(/共 (\d+) 人/)![1]);
  const path = await exportFull(page, '教员', '导出完整电话', filePath('instructors.xlsx'));
  await expectRoundTrip(page, '导入教员', path, total);
});

test('sites: create with open periods, find, edit, retire; export and re-import round-trips', async ({ page }) => {
  await completeFirstRun(page, 'village');
  await page.getByRole('menuitem', { name: '教学点' }).click();
  await expect(count(page)).toHaveText(/^共 \d+ 个$/);
  await screenshot(page, 'registries-sites-list');

  await page.getByRole('button', { name: '新增教学点' }).click();
  const form = page.getByRole('dialog', { name: '新增教学点' });
  await form.getByLabel('名称').fill('孔子研究院现场教学点');
  await form.getByLabel('镇街').fill('鲁城街道');
  await form.getByLabel('容纳人数').fill('80');
  await form.getByLabel('开放时间').fill('周八 9:00');
  await expect(form.getByText(/无法识别的开放时间/)).toBeVisible();
  await form.getByLabel('开放时间').fill('周二至周日 09:00-11:30、14:00-16:30');
  await expect(form.getByText(/无法识别的开放时间/)).toBeHidden();
  await form.getByLabel('名称').press('Enter');
  await expect(page.getByText('已添加教学点“孔子研究院现场教学点”')).toBeVisible();
  await expect(form).toBeHidden();

  await page.keyboard.press('/');
  await page.keyboard.type('kzyjy');
  await expect(count(page)).toHaveText(/符合条件 1 个/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '孔子研究院现场教学点' })).toBeVisible();
  await expect(page.getByText('周二至周日 09:00-11:30、14:00-16:30')).toBeVisible();

  await page.getByRole('button', { name: '编辑' }).click();
  const edit = page.getByRole('dialog', { name: '编辑教学点：孔子研究院现场教学点' });
  await edit.getByLabel('容纳人数').fill('120');
  await edit.getByLabel('名称').press('Enter');
  await expect(page.getByText('120 人')).toBeVisible();

  await page.getByRole('button', { name: '停用' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '停用' }).click();
  await expect(page.locator('.ant-tag').filter({ hasText: /^停用$/ })).toBeVisible();

  // A sample site with sessions.
  const sessions = await storeRows<{ siteId: string }>(page, 'sessions');
  await page.goto(`/#/sites/${sessions[0]!.siteId}`);
  await expect(page.getByText(/课次（[1-9]\d* 次）/)).toBeVisible();
  await settledScreenshot(page, 'registries-site-detail');

  // Round trip: the full list exported, then imported back, changes nothing.
  await page.getByRole('button', { name: '返回教学点列表' }).click();
  await page.getByLabel('搜索').fill('');
  await expect(count(page)).toHaveText(/^共 \d+ 个$/);
  const total = Number((await count(page).innerText()).match(/共 (\d+) 个/)![1]);
  const path = await exportFull(page, '教学点', '导出完整讲解员电话', filePath('sites.xlsx'));
  await expectRoundTrip(page, '导入教学点', path, total);
});
