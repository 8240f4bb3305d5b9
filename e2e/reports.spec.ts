import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { TraineeCategory } from '../shared/domain/constants';
import { DEFAULT_HOUR_RULES, type HourRules } from '../shared/domain/settings';
import { completeFirstRun, screenshot, statValue, storeRows } from './helpers';

/** The body rows of the report table on screen, as cell texts; group headings apart. */
async function tableRows(page: Page): Promise<{ groups: string[]; rows: string[][] }> {
  const groups: string[] = [];
  const rows: string[][] = [];
  for (;;) {
    const page_ = await page.locator('.dx-report-table tbody tr.ant-table-row').evaluateAll((trs) =>
      trs.map((tr) => ({
        group: tr.classList.contains('dx-row-group'),
        cells: [...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.trim()),
      })),
    );
    for (const r of page_) {
      if (r.group) groups.push(r.cells[0]!);
      else rows.push(r.cells);
    }
    const next = page.locator('.dx-report-table .ant-pagination-next');
    if ((await next.count()) === 0 || (await next.getAttribute('aria-disabled')) === 'true') break;
    const first = page_[0]?.cells.join('|');
    await next.click();
    await expect
      .poll(async () => (await page.locator('.dx-report-table tbody tr.ant-table-row').first().locator('td').allInnerTexts()).map((t) => t.trim()).join('|'))
      .not.toBe(first);
  }
  return { groups, rows };
}

/** Pick a filter's option from the keyboard: type to narrow the list, Enter to choose. */
async function chooseOption(page: Page, filter: string, option: string): Promise<void> {
  const box = page.getByRole('combobox', { name: filter });
  await box.click();
  await box.pressSequentially(option);
  await expect(page.locator(`.ant-select-dropdown .ant-select-item-option-active[title="${option}"]`)).toBeVisible();
  await page.keyboard.press('Enter');
}

/** Save the report's .xlsx through the page's download and read it back with exceljs. */
async function exportedSheet(page: Page, path: string): Promise<{ title: string; header: string[]; rows: (string | number | null)[][] }> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  await download.saveAs(path);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const ws = workbook.worksheets[0]!;
  const values = (r: number) => {
    const row = ws.getRow(r);
    return Array.from({ length: ws.columnCount }, (_, i) => {
      const v = row.getCell(i + 1).value;
      return v === undefined || v === null ? null : typeof v === 'number' ? v : String(v);
    });
  };
  const rows: (string | number | null)[][] = [];
  for (let r = 3; r <= ws.rowCount; r++) rows.push(values(r));
  return { title: String(ws.getCell(1, 1).value), header: values(2).map(String), rows };
}

type Rec = { id: string; deletedAt: number | null; year: number };
type Raw = {
  trainees: (Rec & { name: string; idNumber: string; category: string; exempt: boolean; status: string })[];
  attendance: (Rec & { marks: Record<string, { status: string; hours: number }> })[];
  externalHours: (Rec & { traineeId: string; hours: number })[];
  sessions: (Rec & { classId: string; status: string; minutes: number })[];
  enrolments: (Rec & { classId: string; traineeId: string })[];
  settings: { key: string; value: HourRules }[];
};
/** The records a figure is checked against, read raw (no app code in between), the year's only where they have one. */
const readRaw = async (page: Page, year: number): Promise<Raw> => {
  const names = ['trainees', 'attendance', 'externalHours', 'sessions', 'enrolments', 'settings'] as const;
  const raw = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await storeRows(page, n)] as const))) as unknown as Raw;
  const ofYear = <T extends Rec>(rows: T[]) => rows.filter((r) => r.deletedAt === null && r.year === year);
  return { ...raw, attendance: ofYear(raw.attendance), externalHours: ofYear(raw.externalHours), sessions: ofYear(raw.sessions) };
};

/**
 * The trainees short of the year's minimum, computed here from the raw records (not through the
 * app's caches or ledger code): credited 学时 summed over every mark, external hours, the
 * requirement by category, and the 学时 of sessions still planned for them (rounded down to 0.5).
 */
async function expectedShort(page: Page, year: number) {
  const raw = await readRaw(page, year);
  const rules: Pick<HourRules, 'minutesPerHour' | 'roundingStep' | 'requirements'> =
    raw.settings.find((s) => s.key === 'hourRules')?.value ?? DEFAULT_HOUR_RULES;
  const hours = new Map<string, number>();
  const add = (id: string, h: number) => hours.set(id, (hours.get(id) ?? 0) + h);
  for (const a of raw.attendance) for (const [id, m] of Object.entries(a.marks)) add(id, m.hours);
  for (const e of raw.externalHours) add(e.traineeId, e.hours);
  const planned = new Map<string, number>();
  for (const s of raw.sessions) {
    if (s.status !== 'planned') continue;
    const h = Math.floor(s.minutes / rules.minutesPerHour / rules.roundingStep + 1e-9) * rules.roundingStep;
    planned.set(s.classId, (planned.get(s.classId) ?? 0) + h);
  }
  const scheduled = new Map<string, number>();
  for (const e of raw.enrolments) {
    if (e.deletedAt === null && planned.has(e.classId)) scheduled.set(e.traineeId, (scheduled.get(e.traineeId) ?? 0) + planned.get(e.classId)!);
  }
  return raw.trainees
    .filter((t) => t.deletedAt === null && t.status === '在册' && !t.exempt)
    .flatMap((t) => {
      const required = rules.requirements[t.category as TraineeCategory];
      const total = Math.round((hours.get(t.id) ?? 0) * 100) / 100;
      const shortBy = Math.round(Math.max(0, required - total) * 100) / 100;
      if (shortBy === 0) return [];
      const masked = t.idNumber.slice(0, 6) + '*'.repeat(8) + t.idNumber.slice(-4);
      return [{ key: `${t.name}|${masked}|${shortBy}`, atRisk: total + (scheduled.get(t.id) ?? 0) < required }];
    });
}

const YEAR = new Date().getFullYear();

test('未达标名单 lists exactly the trainees short of hours, and its Excel export holds the same figures', async ({ page }, info) => {
  await completeFirstRun(page, 'village');
  await page.getByRole('menuitem', { name: '报表' }).click();
  await page.getByRole('tab', { name: '未达标名单' }).click();
  const expected = await expectedShort(page, YEAR);
  const atRisk = expected.filter((e) => e.atRisk).map((e) => e.key).sort();
  expect(atRisk.length).toBeGreaterThan(0);
  await expect(page.getByTestId('report-count')).toContainText(`共 ${atRisk.length} 人`);

  const screen = await tableRows(page);
  // 姓名, 身份证号, 人员类别, 应修, 已修, 差额, …
  const keyOf = (r: string[]) => `${r[0]}|${r[1]}|${Number(r[5])}`;
  expect(screen.rows.map(keyOf).sort()).toEqual(atRisk);
  expect(screen.groups.length).toBeGreaterThan(0);
  await screenshot(page, 'report-shortfall');

  const sheet = await exportedSheet(page, info.outputPath('shortfall.xlsx'));
  expect(sheet.title).toContain(`${YEAR}年度学时未达标人员名单`);
  expect(sheet.header).toEqual(['姓名', '身份证号', '所在党支部', '人员类别', '应修学时', '已修学时', '差额', '已排课学时', '排课后仍差', '状态', '可参加的课次']);
  const fromSheet = sheet.rows.map((r) => [r[0], r[1], r[3], r[4], r[5], r[6], r[7], r[8], r[9]].map(String));
  const fromScreen = screen.rows.map((r) => r.slice(0, 9));
  expect(fromSheet.sort()).toEqual(fromScreen.sort());

  // The CSV: UTF-8 with a BOM (so Excel reads the Chinese), the same header and one line per trainee.
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 CSV' }).click();
  const csvPath = info.outputPath('shortfall.csv');
  await (await csvDownload).saveAs(csvPath);
  const csv = readFileSync(csvPath, 'utf8');
  expect(csv.startsWith(`\uFEFF${sheet.header.join(',')}\r\n`)).toBe(true);
  expect(csv.trimEnd().split('\r\n')).toHaveLength(atRisk.length + 1);

  // With those whom the scheduled sessions will bring up to the minimum: everyone short now.
  await page.getByRole('switch', { name: '含预计达标' }).click();
  await expect(page.getByTestId('report-count')).toContainText(`共 ${expected.length} 人`);
  expect((await tableRows(page)).rows.map(keyOf).sort()).toEqual(expected.map((e) => e.key).sort());

  // The print view: title, school and period over a plain table, the navigation gone.
  await page.getByRole('button', { name: '打印 / PDF' }).click();
  const print = page.getByTestId('print-view');
  await expect(print.getByRole('heading', { name: `${YEAR}年度学时未达标人员名单（点名调训）` })).toBeVisible();
  await expect(print).toContainText('党校：鲁城街道党校');
  await expect(print).toContainText(`期间：${YEAR}年全年`);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.ant-layout-sider')).toBeHidden();
  await expect(page.getByRole('button', { name: '打印…' })).toBeHidden();
  await screenshot(page, 'report-shortfall-print');
  await page.emulateMedia({ media: 'screen' });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: '导出 Excel' })).toBeVisible();
});

/** Every mark of the year's attendance counted by status from the raw records, and the held sessions. */
async function rawAttendance(page: Page, year: number) {
  const raw = await readRaw(page, year);
  const counts: Record<string, number> = { 出勤: 0, 迟到: 0, 早退: 0, 事假: 0, 病假: 0, 旷课: 0 };
  let hours = 0;
  for (const a of raw.attendance) {
    for (const m of Object.values(a.marks)) {
      counts[m.status]!++;
      hours += m.hours;
    }
  }
  const held = raw.sessions.filter((s) => s.status === 'held').length;
  return { counts, held, present: counts['出勤']! + counts['迟到']! + counts['早退']!, hours: Math.round(hours * 100) / 100 };
}

test('培训班出勤统计 counts every mark of the year, its Excel export matches, and 上报汇总表 prints for the city office', async ({ page }, info) => {
  await completeFirstRun(page, 'village');
  const raw = await rawAttendance(page, YEAR);
  expect(raw.held).toBeGreaterThan(0);
  await page.goto('/#/reports/attendance');
  await expect(page.getByTestId('report-count')).toContainText('个培训班');
  const total = page.locator('.dx-report-table .ant-table-summary tr td');
  await expect(total.first()).toHaveText(/^合计/);
  const cells = (await total.allInnerTexts()).map((t) => t.trim());
  // 培训班 / 课次, 授课教员, 报名人数, 应到, 出勤 … 旷课, 未记, 出勤率
  expect(cells[0]).toBe(`合计（${raw.held}次课）`);
  expect(cells.slice(4, 10).map(Number)).toEqual(['出勤', '迟到', '早退', '事假', '病假', '旷课'].map((s) => raw.counts[s]));
  const expected = Number(cells[3]);
  expect(cells[11]).toBe(`${Math.round((raw.present / expected) * 1000) / 10}%`);

  // A class opens to its sessions.
  await page.locator('.dx-report-table .ant-table-row-expand-icon').first().click();
  await expect(page.locator('.dx-report-table tr.ant-table-row-level-1').first()).toBeVisible();
  await screenshot(page, 'report-attendance');
  await page.getByRole('button', { name: '打印 / PDF' }).click();
  await expect(page.getByTestId('print-view').locator('tr.dx-print-group').first()).toContainText('报名');
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'report-attendance-print');
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: '返回（Esc）' }).click();

  const sheet = await exportedSheet(page, info.outputPath('attendance.xlsx'));
  expect(sheet.header.slice(0, 8)).toEqual(['培训班', '日期', '时间', '课程', '授课教员', '教学点', '报名人数', '应到']);
  const last = sheet.rows[sheet.rows.length - 1]!;
  expect(last.slice(0, 2)).toEqual(['合计', `${raw.held}次课`]);
  expect(last.slice(6, 16).map(String)).toEqual([...cells.slice(2, 11), cells[11]!.replace('%', '')]);
  // One line per held session plus one subtotal per class and the total.
  const classes = Number((await page.getByTestId('report-count').innerText()).match(/共 (\d+) 个培训班/)![1]);
  expect(sheet.rows).toHaveLength(raw.held + classes + 1);

  // Every held session was somewhere: the sites' sessions and visits add up to the year's.
  await page.getByRole('tab', { name: '教学点使用统计' }).click();
  await expect(page.getByTestId('report-count')).toContainText('个教学点');
  const sites = (await tableRows(page)).rows;
  // 教学点, 类型, 所在镇街, 示范等级, 容纳人数, 课次, 授课学时, 参训人次, 平均每次人数
  expect(sites.reduce((n, r) => n + Number(r[5]), 0)).toBe(raw.held);
  expect(sites.reduce((n, r) => n + Number(r[7]), 0)).toBe(raw.present);
  await screenshot(page, 'report-sites');

  await page.getByRole('tab', { name: '师资授课统计' }).click();
  await expect(page.getByTestId('report-count')).toContainText('名教员');
  const instructors = (await tableRows(page)).rows;
  // 姓名, 类别, 专兼职, 工作单位, 状态, 授课次数, 授课学时, 参训人次, 评课份数, 平均评分: co-taught sessions count for each.
  expect(instructors.reduce((n, r) => n + Number(r[5]), 0)).toBeGreaterThanOrEqual(raw.held);
  expect(instructors.some((r) => Number(r[9]) > 0 && Number(r[9]) <= 100)).toBe(true);
  await screenshot(page, 'report-instructors');

  await page.getByRole('tab', { name: '上报汇总表' }).click();
  await expect(page.getByTestId('report-count')).toContainText('共 1 所党校');
  const row = (await page.locator('.dx-report-table tbody tr.ant-table-row').first().locator('td').allInnerTexts()).map((t) => t.trim());
  // 党校, 层级, 培训班, 课次, 参训人次, 授予学时, 在册学员, 应参学人数, 已达标人数, 达标率
  expect(row[0]).toBe('鲁城街道党校');
  expect(row.slice(2, 6).map(Number)).toEqual([classes, raw.held, raw.present, raw.hours]);
  await page.getByRole('button', { name: '打印 / PDF' }).click();
  await expect(page.getByTestId('print-view').getByRole('heading', { name: '党员教育培训情况上报汇总表' })).toBeVisible();
  await expect(page.getByTestId('print-view').locator('tr.dx-print-total td').first()).toHaveText('合计');
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'report-summary-print');
  await page.emulateMedia({ media: 'screen' });
});

test('学员学时台账 filters by branch, category and status, and agrees with the dashboard and its chart', async ({ page }) => {
  await completeFirstRun(page, 'village');
  await expect.poll(() => statValue(page, '学时达标人数')).not.toBe('');
  const met = Number(await statValue(page, '学时达标人数'));
  const onRoll = Number(await statValue(page, '在册学员'));
  const chart = page.getByTestId('hours-chart');
  await expect(chart.locator('svg')).toBeVisible();
  await expect(chart).toHaveAttribute('aria-label', /普通党员：已修[\d.]+\/应修\d+学时，达标\d+\/\d+人/);
  await expect(chart.locator('svg text', { hasText: '普通党员' })).toBeVisible();
  await expect(chart.locator('svg text', { hasText: /^[\d.]+% {2}达标\d+\/\d+人$/ }).first()).toBeVisible();
  await screenshot(page, 'dashboard-chart');

  await page.getByRole('menuitem', { name: '报表' }).click();
  await expect(page.getByRole('tab', { name: '学员学时台账', selected: true })).toBeVisible();
  await expect(page.getByTestId('report-count')).toContainText(/共 \d+ 人/);
  const all = Number((await page.getByTestId('report-count').innerText()).match(/共 (\d+) 人/)![1]);
  expect(all).toBe(onRoll);
  await screenshot(page, 'report-ledger');

  await chooseOption(page, '状态', '已达标');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('report-count')).toContainText(`共 ${met} 人`);
  const { rows } = await tableRows(page);
  expect(rows).toHaveLength(met);
  // 应修 ≤ 合计 for everyone who has met the minimum; 差额 0.
  for (const r of rows) {
    expect(Number(r[7])).toBeGreaterThanOrEqual(Number(r[4]));
    expect(r[8]).toBe('0');
  }
  await chooseOption(page, '人员类别', '流动党员');
  await expect.poll(async () => (await tableRows(page)).rows.every((r) => r[3] === '流动党员' && r[9] === '已达标')).toBe(true);
  const migrants = (await tableRows(page)).rows.length;
  expect(migrants).toBeGreaterThan(0);
  expect(migrants).toBeLessThan(met);
  await expect(page.getByTestId('report-count')).toContainText(`共 ${migrants} 人`);
});

test('上报汇总表 has a line per school and the school filter narrows every report (a town with its village schools)', async ({ page }) => {
  await completeFirstRun(page, 'town');
  await page.goto('/#/reports/summary');
  // 5,000 trainees' ledgers: allow for a busy machine (the first open also runs the daily backup).
  await expect(page.getByTestId('report-count')).toContainText('共 16 所党校', { timeout: 60_000 });
  const all = (await tableRows(page)).rows;
  expect(all).toHaveLength(16);
  const total = (await page.locator('.dx-report-table .ant-table-summary tr td').allInnerTexts()).map((t) => t.trim());
  // 党校, 层级, 培训班, 课次, 参训人次, 授予学时, 在册学员, 应参学人数, 已达标人数, 达标率: the total adds up the schools.
  for (const i of [2, 3, 4, 6, 7, 8]) expect(Number(total[i])).toBe(all.reduce((n, r) => n + Number(r[i]), 0));
  await screenshot(page, 'report-summary-town');

  // Two village schools: their lines only, and the ledger of their trainees only.
  const [a, b] = all.filter((r) => r[1] === '村社区');
  await chooseOption(page, '党校', a![0]!);
  // The report follows each choice (5,000 ledgers): the second is made once it has.
  await expect(page.getByTestId('report-count')).toContainText('共 1 所党校', { timeout: 30_000 });
  await chooseOption(page, '党校', b![0]!);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('report-count')).toContainText('共 2 所党校');
  expect((await tableRows(page)).rows.map((r) => r[0]).sort()).toEqual([a![0], b![0]].sort());
  await page.getByRole('tab', { name: '学员学时台账' }).click();
  await expect(page.getByTestId('report-count')).toContainText(`共 ${Number(a![6]) + Number(b![6])} 人`, { timeout: 30_000 });
  await expect(page.getByTestId('report-count')).toContainText(`${a![0]}、${b![0]}`);
  // The choice is in the address, so a reload shows the same report.
  await page.reload();
  await expect(page.getByTestId('report-count')).toContainText(`共 ${Number(a![6]) + Number(b![6])} 人`, { timeout: 30_000 });
});
