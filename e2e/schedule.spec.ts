import { expect, test, type Locator, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import type { Instructor, Session, Trainee, TrainingClass } from '../shared/domain/records';
import { completeFirstRun, screenshot } from './helpers';

// Next year holds no sample sessions, so what this test schedules meets only what it scheduled itself.
const YEAR = new Date().getFullYear() + 1;
const COURSE = '乡村振兴战略专题';
const CLASS = `${YEAR}年乡村振兴专题培训班`;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (date: string, n: number) => iso(new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000));
/** The first Tuesday of March. */
const FIRST = (() => {
  const d = new Date(Date.UTC(YEAR, 2, 1));
  while (d.getUTCDay() !== 2) d.setUTCDate(d.getUTCDate() + 1);
  return iso(d);
})();
const SATURDAY = addDays(FIRST, 4);

type Stores = { sessions: Session; trainees: Trainee; instructors: Instructor; classes: TrainingClass };

/** Rows of a store, read raw from IndexedDB. */
function rows<K extends keyof Stores>(page: Page, store: K): Promise<Stores[K][]> {
  return page.evaluate(
    (name) =>
      new Promise<Stores[K][]>((resolve, reject) => {
        const open = indexedDB.open('dangxiao-desk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction(name).objectStore(name).getAll();
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result as Stores[K][]);
          };
        };
      }),
    store,
  );
}

/** Pick an option of an antd Select from the keyboard: type to filter, Enter takes the first match. */
async function choose(field: Locator, text: string) {
  await field.click();
  await field.fill(text);
  await field.press('Enter');
}

/** Type into a date or time picker; Enter confirms it (and in the last field saves), Tab moves on. */
async function typeDate(field: Locator, value: string, key: 'Enter' | 'Tab' = 'Enter') {
  await field.click();
  await field.fill(value);
  await field.press(key);
}

test('curricula and timetable: course, class with trainees, a series, clashes, calendar, sign-in sheet', async ({ page }, info) => {
  // One clerk's whole journey, on a machine other test runs share.
  test.setTimeout(360_000);
  await completeFirstRun(page, 'village');

  // --- a course in the library ---
  await page.getByRole('menuitem', { name: '培训计划与课程' }).click();
  await page.getByRole('tab', { name: '课程库' }).click();
  await page.getByRole('button', { name: '新建课程' }).click();
  const courseDialog = page.getByRole('dialog', { name: '新建课程' });
  await courseDialog.getByLabel('课程名称').fill(COURSE);
  await choose(courseDialog.getByLabel('教育内容'), '乡村振兴');
  await choose(courseDialog.getByLabel('培训对象'), '普通党员');
  // Someone 在库 teaches it, so no instructor-status reminder comes up later.
  const instructor = (await rows(page, 'instructors')).filter((i) => i.status === '在库').map((i) => i.name).sort()[0]!;
  await choose(courseDialog.getByLabel('可授课教员'), instructor);
  await courseDialog.getByLabel('可授课教员').press('Tab');
  await courseDialog.getByLabel('课程名称').press('Enter');
  await expect(page.getByText('课程已保存')).toBeVisible();
  await choose(page.getByLabel('按教育内容筛选'), '乡村振兴');
  await page.getByLabel('搜索课程').fill('战略');
  await expect(page.getByRole('row').filter({ hasText: COURSE })).toContainText(instructor);
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  await screenshot(page, 'curricula-courses');

  // --- a class ---
  await page.getByRole('tab', { name: '培训班' }).click();
  await page.getByRole('button', { name: '新建培训班' }).click();
  const classDialog = page.getByRole('dialog', { name: '新建培训班' });
  await classDialog.getByLabel('培训班名称').fill(CLASS);
  await classDialog.getByPlaceholder('开始日期').click();
  await classDialog.getByPlaceholder('开始日期').fill(`${YEAR}-03-01`);
  await classDialog.getByPlaceholder('结束日期').fill(`${YEAR}-06-30`);
  // Enter in the last field saves, and a new class opens its page.
  await classDialog.getByPlaceholder('结束日期').press('Enter');
  await expect(page.getByRole('heading', { name: CLASS })).toBeVisible();

  // --- enrolment: by criteria, by search, from an Excel (CSV) list ---
  const trainees = (await rows(page, 'trainees')).filter((t) => t.status === '在册');
  const members = trainees.filter((t) => t.category === '普通党员' && t.idNumber);
  await page.getByRole('tab', { name: /报名学员/ }).click();
  await page.getByRole('button', { name: '添加学员…' }).click();
  const addDialog = page.getByRole('dialog', { name: '添加学员' });
  await addDialog.getByRole('tab', { name: '按条件添加' }).click();
  await choose(addDialog.getByLabel('人员类别'), '两委成员');
  const committee = trainees.filter((t) => t.category === '两委成员').length;
  expect(committee).toBeGreaterThan(0);
  await addDialog.getByRole('button', { name: `全部加入（${committee} 人）` }).click();
  await expect(page.getByText(`已加入 ${committee} 人`)).toBeVisible();

  // Pinyin initials nobody else's start with find exactly one trainee.
  const byPy = members.find((m) => trainees.filter((t) => t.py.startsWith(m.py)).length === 1)!;
  await addDialog.getByRole('tab', { name: '查找添加' }).click();
  await addDialog.getByLabel('查找学员').fill(byPy.py);
  await addDialog.getByRole('checkbox', { name: `选择 ${byPy.name}` }).check();
  await addDialog.getByRole('button', { name: '加入所选 1 人' }).click();
  await expect(page.getByText('已加入 1 人')).toBeVisible();

  const listed = members.filter((m) => m.id !== byPy.id).slice(0, 3);
  const byBranch = members.find((m) => !listed.includes(m) && m !== byPy && trainees.filter((t) => t.name === m.name).length === 1)!;
  const csv = info.outputPath('名单.csv');
  writeFileSync(
    csv,
    ['姓名,身份证号,所在党支部', ...listed.map((m) => `${m.name},${m.idNumber},`), `${byBranch.name},,${byBranch.branch}`, '查无此人,370881199001011237,'].join('\n'),
  );
  await addDialog.getByRole('tab', { name: '从 Excel 名单导入' }).click();
  const chooser = page.waitForEvent('filechooser');
  await addDialog.getByRole('button', { name: '选择名单文件…' }).click();
  await (await chooser).setFiles(csv);
  const result = addDialog.getByTestId('excel-result');
  await expect(result).toContainText('可加入 4 人，已在班中 0 人，未能匹配 1 行');
  await expect(result.getByRole('row').filter({ hasText: '查无此人' })).toContainText('学员库中没有身份证号为 370881********1237 的学员');
  await screenshot(page, 'curricula-enrol-excel');
  await result.getByRole('button', { name: '加入 4 人' }).click();
  await expect(page.getByText('已加入 4 人')).toBeVisible();
  await addDialog.getByRole('button', { name: '完成' }).click();
  const enrolled = committee + 1 + 4;
  await expect(page.getByRole('tab', { name: `报名学员（${enrolled}）` })).toBeVisible();
  await expect(page.getByTestId('class-roster').locator('tbody tr.ant-table-row')).toHaveCount(enrolled);
  // ID numbers are masked on screen.
  await expect(page.getByTestId('class-roster')).toContainText(`${listed[0]!.idNumber.slice(0, 6)}********`);
  await screenshot(page, 'curricula-class-enrolment');

  // --- a weekly series: every Tuesday afternoon for 8 weeks ---
  await page.getByRole('tab', { name: /课表/ }).click();
  await page.getByRole('button', { name: '新建课次' }).click();
  const editor = page.getByRole('dialog', { name: '新建课次' });
  await choose(editor.getByLabel('课程'), COURSE);
  await expect(editor.getByLabel('教员', { exact: true }).locator('..').locator('..')).toContainText(instructor);
  await choose(editor.getByLabel('教学点'), '党群服务中心');
  await typeDate(editor.getByLabel('日期'), FIRST);
  await typeDate(editor.getByLabel('开始时间'), '14:00');
  await typeDate(editor.getByLabel('结束时间'), '17:00', 'Tab');
  await expect(editor.getByTestId('session-length')).toHaveText('180 分钟，计 4 学时');
  await expect(editor.getByText('无冲突')).toBeVisible();
  await editor.getByRole('switch', { name: '按周重复' }).click();
  await expect(editor.getByRole('checkbox', { name: '周二' })).toBeChecked();
  const preview = editor.getByTestId('batch-preview');
  await expect(preview.locator('tbody tr.ant-table-row')).toHaveCount(8);
  await expect(preview.getByText('无冲突')).toHaveCount(8);
  await screenshot(page, 'schedule-series-preview');
  await editor.getByRole('button', { name: '保存所选 8 次' }).click();
  await expect(page.getByText('已保存 8 个课次')).toBeVisible();
  const timetable = page.getByTestId('class-timetable');
  await expect(timetable.locator('tbody tr.ant-table-row')).toHaveCount(8);
  const mine = (await rows(page, 'sessions')).filter((s) => s.date >= `${YEAR}-01-01`);
  expect(mine.map((s) => s.date).sort()).toEqual(Array.from({ length: 8 }, (_, i) => addDays(FIRST, 7 * i)));

  // --- a soft clash (the village centre is closed on Saturdays) is overridden with a reason ---
  await page.getByRole('button', { name: '新建课次' }).click();
  await choose(editor.getByLabel('课程'), COURSE);
  await choose(editor.getByLabel('教学点'), '党群服务中心');
  await typeDate(editor.getByLabel('日期'), SATURDAY);
  await typeDate(editor.getByLabel('开始时间'), '09:00');
  await typeDate(editor.getByLabel('结束时间'), '11:00', 'Tab');
  await expect(editor.getByTestId('clash-list')).toContainText('提醒：教学点');
  await expect(editor.getByTestId('clash-list')).toContainText('周六 09:00–11:00 不开放');
  await editor.getByRole('button', { name: '保存' }).click();
  await expect(editor.getByText('有提醒时须填写理由才能保存')).toBeVisible();
  await editor.getByLabel('忽略提醒的理由').fill('周六集中补课，已与村党群服务中心协调开放');
  await editor.getByLabel('忽略提醒的理由').press('Enter');
  await expect(page.getByText('课次已保存')).toBeVisible();
  const saturday = (await rows(page, 'sessions')).find((s) => s.date === SATURDAY)!;
  expect(saturday.overrideReason).toBe('周六集中补课，已与村党群服务中心协调开放');
  await expect(timetable.getByRole('row').filter({ hasText: SATURDAY }).getByText('已说明提醒')).toBeVisible();
  await screenshot(page, 'curricula-class-timetable');

  // --- a hard clash is refused, naming the other session ---
  await page.getByRole('menuitem', { name: '课表' }).click();
  await page.goto(`/#/schedule?date=${FIRST}`);
  await page.getByRole('button', { name: '新建课次' }).click();
  const sampleClass = (await rows(page, 'classes')).find((c) => c.title !== CLASS)!.title;
  await choose(editor.getByLabel('培训班'), sampleClass);
  await choose(editor.getByLabel('课程'), COURSE);
  await choose(editor.getByLabel('教学点'), '党群服务中心');
  await typeDate(editor.getByLabel('日期'), FIRST);
  await typeDate(editor.getByLabel('开始时间'), '15:00');
  await typeDate(editor.getByLabel('结束时间'), '16:00', 'Tab');
  const other = `${FIRST} 14:00–17:00 已有课次「${COURSE} · ${CLASS}」`;
  await expect(editor.getByTestId('clash-list')).toContainText(`冲突：教员 ${instructor} 在 ${other}`);
  const before = (await rows(page, 'sessions')).length;
  await editor.getByRole('button', { name: '保存' }).click();
  await expect(editor.getByTestId('save-error')).toContainText(`存在冲突，不能保存：教员 ${instructor} 在 ${other}`);
  await screenshot(page, 'schedule-clash');
  expect((await rows(page, 'sessions')).length).toBe(before);
  // Across midnight is refused too.
  await typeDate(editor.getByLabel('开始时间'), '22:00');
  await typeDate(editor.getByLabel('结束时间'), '01:00', 'Tab');
  await expect(editor.getByTestId('clash-list')).toContainText('课次不能跨越午夜');
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();

  // --- the calendar shows the sessions: week and month, filtered by class ---
  await choose(page.getByLabel('按培训班筛选'), CLASS);
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  const week = page.getByTestId('week-view');
  await expect(week.getByTestId('calendar-session')).toHaveCount(2);
  await expect(week.getByRole('button', { name: `14:00–17:00 ${COURSE} · ${CLASS}` })).toBeVisible();
  await screenshot(page, 'schedule-week');
  await page.getByText('月', { exact: true }).click();
  // The month grid runs from the Monday before March 1 to the Sunday after March 31.
  const gridFrom = addDays(`${YEAR}-03-01`, -((new Date(Date.UTC(YEAR, 2, 1)).getUTCDay() + 6) % 7));
  const gridTo = addDays(`${YEAR}-03-31`, (7 - new Date(Date.UTC(YEAR, 2, 31)).getUTCDay()) % 7);
  const inMonth = (await rows(page, 'sessions')).filter((s) => s.date >= gridFrom && s.date <= gridTo).length;
  await expect(page.getByTestId('month-view').getByTestId('calendar-session')).toHaveCount(inMonth);
  await expect(page.getByTestId('calendar-count')).toHaveText(`共 ${inMonth} 个课次`);
  await screenshot(page, 'schedule-month');

  // Drag the first Tuesday's session to Wednesday in the week view: same time, clash-checked, saved.
  await page.getByText('周', { exact: true }).click();
  const block = week.getByRole('button', { name: `14:00–17:00 ${COURSE} · ${CLASS}` });
  const wednesday = week.locator(`[data-date="${addDays(FIRST, 1)}"]`);
  const [from, to] = [(await block.boundingBox())!, (await week.locator(`[data-date="${FIRST}"]`).boundingBox())!];
  await block.dragTo(wednesday, { targetPosition: { x: 20, y: from.y - to.y + from.height / 2 } });
  await expect(page.getByText(`课次已移到 ${addDays(FIRST, 1)} 14:00–17:00`)).toBeVisible();
  await expect(wednesday.getByTestId('calendar-session')).toHaveCount(1);
  expect((await rows(page, 'sessions')).filter((s) => s.date === addDays(FIRST, 1))).toHaveLength(1);

  // --- the sign-in sheet lists every enrolled trainee, also when printed ---
  await wednesday.getByTestId('calendar-session').click();
  await page.getByRole('dialog', { name: /编辑课次/ }).getByRole('button', { name: '签到表' }).click();
  const sheet = page.getByTestId('sign-in-sheet');
  await expect(sheet).toContainText(CLASS);
  await expect(sheet).toContainText(COURSE);
  await expect(sheet).toContainText(instructor);
  await expect(sheet).toContainText('14:00–17:00（4 学时）');
  await expect(sheet.locator('tbody tr')).toHaveCount(enrolled);
  await expect(sheet.locator('tbody tr').first().locator('td').first()).toHaveText('1');
  await screenshot(page, 'schedule-sign-in');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: '打印' })).toBeHidden();
  await expect(sheet.locator('tbody tr')).toHaveCount(enrolled);
  await expect(sheet.locator('thead')).toHaveCSS('display', 'table-header-group');
  await screenshot(page, 'schedule-sign-in-print');
  await page.emulateMedia({ media: 'screen' });

  // --- cancel with a reason; it stays in the timetable, marked ---
  await page.getByRole('button', { name: '返回' }).click();
  await page.goto(`/#/curricula/classes/${mine[0]!.classId}`);
  const second = timetable.getByRole('row').filter({ hasText: addDays(FIRST, 7) });
  await second.getByRole('button', { name: '取消' }).click();
  await page.getByRole('dialog', { name: /取消/ }).getByLabel('取消原因').fill('教员临时外出学习');
  await page.getByRole('button', { name: '取消课次' }).click();
  await expect(page.getByText('课次已取消')).toBeVisible();
  await expect(second.getByText('已取消')).toBeVisible();
  expect((await rows(page, 'sessions')).find((s) => s.date === addDays(FIRST, 7))).toMatchObject({
    status: 'cancelled', cancelReason: '教员临时外出学习',
  });

  // --- copy the last week of the series into the week after ---
  const lastTuesday = addDays(FIRST, 49);
  await page.goto(`/#/schedule?date=${lastTuesday}&class=${mine[0]!.classId}`);
  await page.getByRole('button', { name: '复制本周…' }).click();
  const copy = page.getByRole('dialog', { name: '复制一周的课次' });
  await expect(copy.getByTestId('batch-preview').getByText('无冲突')).toHaveCount(1);
  await copy.getByRole('button', { name: '复制所选 1 个课次' }).click();
  await expect(page.getByText('已复制 1 个课次')).toBeVisible();
  expect((await rows(page, 'sessions')).filter((s) => s.date === addDays(lastTuesday, 7))).toHaveLength(1);

  // Everything survives a reload.
  await page.goto(`/#/curricula/classes/${mine[0]!.classId}`);
  await page.reload();
  await expect(page.getByRole('tab', { name: `报名学员（${enrolled}）` })).toBeVisible();
  await expect(timetable.locator('tbody tr.ant-table-row')).toHaveCount(10);
});
