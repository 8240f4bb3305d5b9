import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ADMIN, completeFirstRun, dbSnapshot, login, screenshot, settle, storeRows } from './helpers';

/** The user menu in the side bar. */
const userMenu = (page: Page) => page.getByRole('button', { name: /^当前用户/ });

async function openArea(page: Page, tab: '我的账户' | '账户管理' | '操作日志' | '安全设置') {
  await page.getByRole('menuitem', { name: '账户与日志' }).click();
  await page.getByRole('tab', { name: tab }).click();
}

/** Create an account as the signed-in 管理员, through the accounts page. */
async function createAccount(page: Page, a: { username: string; name: string; role: string; instructor?: string; password: string }) {
  await openArea(page, '账户管理');
  await page.getByRole('button', { name: '新建账户' }).click();
  const dialog = page.getByRole('dialog', { name: '新建账户' });
  await dialog.getByLabel('用户名').fill(a.username);
  await dialog.getByLabel('姓名或称呼').fill(a.name);
  await dialog.getByLabel('角色').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(a.role, { exact: true }).click();
  if (a.instructor) {
    await dialog.getByLabel('关联教员').click();
    await page.keyboard.type(a.instructor);
    await page.keyboard.press('Enter');
  }
  await dialog.getByLabel('初始密码').fill(a.password);
  await dialog.getByLabel('确认密码').fill(a.password);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText(`已创建账户 ${a.username}`)).toBeVisible();
}

/** Close the window and open the app again: the session ends with the window. */
async function reopen(page: Page): Promise<Page> {
  const next = await page.context().newPage();
  await page.close();
  await next.goto('/');
  await expect(next.getByRole('button', { name: '登录' })).toBeVisible();
  return next;
}

/** The first sign-in with a password an administrator gave: the app asks for a new one first. */
async function firstLogin(page: Page, username: string, given: string, chosen: string) {
  await login(page, username, given);
  await expect(page.getByText('请修改密码')).toBeVisible();
  await page.getByLabel('当前密码').fill(given);
  await page.getByLabel('新密码', { exact: true }).fill(chosen);
  await page.getByLabel('确认新密码').fill(chosen);
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByRole('heading', { name: '首页' })).toBeVisible();
}

async function signOut(page: Page) {
  await userMenu(page).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
}

test('first run makes the administrator; signing in, wrong passwords, locking and unlocking', async ({ page }) => {
  await completeFirstRun(page, 'none');
  await expect(userMenu(page)).toContainText('王主任');
  await expect(userMenu(page)).toContainText('管理员');
  // A reload (F5) keeps the session; closing the window ends it.
  await page.reload();
  await expect(page.getByRole('heading', { name: '首页' })).toBeVisible();
  page = await reopen(page);
  const before = await dbSnapshot(page);
  await screenshot(page, 'security-login');

  await login(page, ADMIN.username, 'not-the-password1');
  await expect(page.getByRole('alert').filter({ hasText: '用户名或密码错误' })).toBeVisible();
  await login(page, 'nobody', ADMIN.password);
  await expect(page.getByRole('alert').filter({ hasText: '用户名或密码错误' })).toBeVisible();
  // The failures are recorded, nothing else changed.
  const after = await dbSnapshot(page);
  expect(after.audit!.count).toBe(before.audit!.count + 2);
  expect(after.trainees).toEqual(before.trainees);

  await login(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: '首页' })).toBeVisible();

  // Lock on request: the app stays behind the lock, the password opens it.
  await userMenu(page).click();
  await page.getByRole('menuitem', { name: '锁定屏幕' }).click();
  await expect(page.getByText('屏幕已锁定')).toBeVisible();
  await expect(page.getByLabel('输入密码解锁')).toBeFocused();
  await screenshot(page, 'security-locked');
  await page.getByLabel('输入密码解锁').fill('wrong-password9');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: '用户名或密码错误' })).toBeVisible();
  // A reload does not unlock.
  await page.reload();
  await expect(page.getByText('屏幕已锁定')).toBeVisible();
  await page.getByLabel('输入密码解锁').fill(ADMIN.password);
  await page.keyboard.press('Enter');
  await expect(page.getByText('屏幕已锁定')).toBeHidden();
  await expect(page.getByRole('heading', { name: '首页' })).toBeVisible();

  await openArea(page, '操作日志');
  const trail = page.locator('.ant-table-tbody');
  for (const text of ['登录失败：用户名「nobody」不存在', 'admin（王主任） 登录失败：密码错误', '锁定屏幕（手动锁定）', 'admin（王主任） 解锁']) {
    await expect(trail.getByText(text).first()).toBeVisible();
  }
});

test('a database from before accounts existed opens, and first asks for its administrator', async ({ page }) => {
  await completeFirstRun(page, 'none');
  // As the database was before accounts: set up, with data, but no account.
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open('dangxiao-desk');
      req.onsuccess = () => resolve(req.result);
    });
    const tx = db.transaction('accounts', 'readwrite');
    tx.objectStore('accounts').clear();
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
    sessionStorage.clear();
  });
  await page.reload();
  await expect(page.getByText('这份数据创建于启用账户功能之前')).toBeVisible();
  await page.getByLabel('管理员用户名').fill('zhuren');
  await page.getByLabel('密码', { exact: true }).fill('short');
  await page.getByLabel('确认密码').fill('short');
  await page.getByRole('button', { name: '创建并登录' }).click();
  await expect(page.getByText('密码至少需要 8 位')).toBeVisible();
  await page.getByLabel('密码', { exact: true }).fill('Zhuren2025');
  await page.getByLabel('确认密码').fill('Zhuren2025');
  await page.getByRole('button', { name: '创建并登录' }).click();
  await expect(page.getByRole('heading', { name: '首页' })).toBeVisible();
  await expect(userMenu(page)).toContainText('zhuren');
});

test('the screen locks itself after the idle time set by the administrator', async ({ page }) => {
  await page.clock.install();
  await completeFirstRun(page, 'none');
  await openArea(page, '安全设置');
  await page.getByLabel('无人操作多久后锁定屏幕').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('5 分钟', { exact: true }).click();
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('安全设置已保存')).toBeVisible();
  await page.clock.fastForward('04:00');
  await expect(page.getByText('屏幕已锁定')).toBeHidden();
  await page.clock.fastForward('01:10');
  await expect(page.getByText('屏幕已锁定')).toBeVisible();
  await page.getByLabel('输入密码解锁').fill(ADMIN.password);
  await page.keyboard.press('Enter');
  await expect(page.getByText('屏幕已锁定')).toBeHidden();
  await openArea(page, '操作日志');
  await expect(page.locator('.ant-table-tbody').getByText('锁定屏幕（空闲超时）')).toBeVisible();
});

test('the trail exports, and tampering with a stored entry is found by the verify button, which names the entry', async ({ page }, info) => {
  await completeFirstRun(page, 'village');
  await openArea(page, '操作日志');
  await page.getByRole('button', { name: '校验日志完整性' }).click();
  await expect(page.getByTestId('verify-result')).toContainText('日志完整');
  await screenshot(page, 'security-audit-trail');

  // Exported as CSV (and the export itself recorded).
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 CSV' }).click();
  const csvPath = info.outputPath('trail.csv');
  await (await downloading).saveAs(csvPath);
  const csv = readFileSync(csvPath, 'utf8');
  expect(csv.startsWith('\uFEFF序号,时间,操作人,角色,操作,对象,变更内容,原因')).toBe(true);
  expect(csv).toContain('admin（王主任） 登录');
  await expect(page.locator('.ant-table-tbody').getByText(/^导出操作日志 \d+ 条（CSV）$/)).toBeVisible();

  // Someone edits the database directly: the login entry now claims another person.
  const n = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('dangxiao-desk');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const store = db.transaction('audit', 'readwrite').objectStore('audit');
    const all = await new Promise<{ id: string; n: number; action: string; summary: string }[]>((resolve) => {
      const req = store.getAll();
      req.onsuccess = () => resolve(req.result);
    });
    const entry = all.find((e) => e.action === 'login')!;
    store.put({ ...entry, summary: 'someone 登录' });
    await new Promise((resolve) => (store.transaction.oncomplete = resolve));
    db.close();
    return entry.n;
  });
  await page.getByRole('button', { name: '校验日志完整性' }).click();
  const result = page.getByTestId('verify-result');
  await expect(result).toContainText('日志已被改动');
  await expect(result).toContainText(`第 ${n} 条记录的内容已被改动`);
  await expect(result).toContainText('someone 登录');
  await screenshot(page, 'security-verify-broken');
});

interface SessionRow { id: string; instructorIds: string[]; status: string; closed: boolean; deletedAt: number | null; date: string; classId: string }

/** Sessions still open for marking, and an instructor who teaches some of them but not all. */
async function teachingWorld(page: Page) {
  const sessions = (await storeRows<SessionRow>(page, 'sessions')).filter((s) => s.deletedAt === null && s.status !== 'cancelled' && !s.closed);
  const enrolled = new Set((await storeRows<{ classId: string; deletedAt: number | null }>(page, 'enrolments')).filter((e) => e.deletedAt === null).map((e) => e.classId));
  const open = sessions.filter((s) => enrolled.has(s.classId));
  const instructors = await storeRows<{ id: string; name: string }>(page, 'instructors');
  const teacher = instructors.find((i) => open.some((s) => s.instructorIds.includes(i.id)) && open.some((s) => !s.instructorIds.includes(i.id)))!;
  return {
    teacher,
    own: open.find((s) => s.instructorIds.includes(teacher.id))!,
    others: open.find((s) => !s.instructorIds.includes(teacher.id))!,
  };
}

test('an 教员 account marks its own session, and cannot change another’s session or a registry', async ({ page }) => {
  await completeFirstRun(page, 'village');
  await settle(page);
  const { teacher, own, others } = await teachingWorld(page);
  await createAccount(page, { username: 'kong', name: teacher.name, role: '教员', instructor: teacher.name, password: 'Jiaoyuan2024' });
  await screenshot(page, 'security-accounts');
  await signOut(page);

  await firstLogin(page, 'kong', 'Jiaoyuan2024', 'Kong2025pass');
  await expect(userMenu(page)).toContainText('教员');

  // Its own session: marked, under its name.
  await page.goto(`/#/attendance/session/${own.id}`);
  const roster = page.getByRole('grid', { name: '点名名单' });
  await roster.focus();
  await page.keyboard.press('Alt+A');
  await expect(page.getByTestId('mark-summary')).not.toContainText('未点名');
  const marked = (await storeRows<{ id: string; marks: Record<string, { by: string }> }>(page, 'attendance')).find((a) => a.id === own.id)!;
  expect(Object.values(marked.marks).every((m) => m.by === `kong（${teacher.name}）`)).toBe(true);

  // Another instructor's session: the page offers no marking, and keys change nothing.
  const before = await dbSnapshot(page);
  await page.goto(`/#/attendance/session/${others.id}`);
  const othersRoster = page.getByRole('grid', { name: '点名名单' });
  await expect(othersRoster).toBeVisible();
  await expect(page.getByTestId('roster-read-only')).toHaveText('您不是本课次的授课教员，只能查看点名情况。');
  await expect(page.getByRole('button', { name: '全部出勤' })).toBeHidden();
  await expect(page.getByRole('button', { name: '关闭考勤' })).toBeHidden();
  await expect(othersRoster.getByRole('radio').first()).toBeDisabled();
  await screenshot(page, 'security-teacher-other-session');
  await othersRoster.focus();
  await page.keyboard.press('Alt+A');
  await page.keyboard.press('1');
  expect(await dbSnapshot(page)).toEqual(before);

  // Registries: the pages offer no changes, and 设置 (the school's profile) is not offered at all.
  await page.getByRole('menuitem', { name: '学员' }).click();
  await expect(page.getByRole('heading', { name: '学员' })).toBeVisible();
  await expect(page.getByRole('button', { name: '新增学员' })).toBeHidden();
  await expect(page.getByRole('button', { name: '导入…' })).toBeHidden();
  await expect(page.getByRole('menuitem', { name: '设置' })).toHaveCount(0);
  await page.goto('/#/settings/school');
  await expect(page.getByText('无权使用「设置」')).toBeVisible();
  await expect(page.getByLabel('党校名称')).toHaveCount(0);
  expect(await dbSnapshot(page)).toEqual(before);
});

test('设置 is offered only to the roles that may use it, and a form left open after a role change is refused', async ({ page }) => {
  await completeFirstRun(page, 'none');
  await createAccount(page, { username: 'chakan', name: '查看员', role: '只读', password: 'Chakan2024' });
  await createAccount(page, { username: 'jiaowu', name: '教务员', role: '教务', password: 'Jiaowu2024' });
  await signOut(page);

  // 只读: no menu entry; its address, and each tab's, says why instead of showing the page.
  await firstLogin(page, 'chakan', 'Chakan2024', 'Chakan2025new');
  await expect(page.getByRole('menuitem', { name: '报表' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '设置' })).toHaveCount(0);
  for (const address of ['/#/settings', '/#/settings/hours', '/#/settings/backup']) {
    await page.goto(address);
    await expect(page.getByText('无权使用「设置」', { exact: true })).toBeVisible();
    await expect(page.getByText('当前账户的角色是“只读”，不能使用「设置」')).toBeVisible();
    await expect(page.getByRole('tab')).toHaveCount(0);
  }
  await screenshot(page, 'security-viewer-no-settings');
  await page.getByRole('button', { name: '回到首页' }).click();
  await expect(page.getByRole('heading', { name: '首页' })).toBeVisible();
  await signOut(page);

  // 教务: 设置 with backups, but restoring one (which replaces everything) is a 管理员's.
  await firstLogin(page, 'jiaowu', 'Jiaowu2024', 'Jiaowu2025new');
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByRole('tab', { name: '备份与恢复' }).click();
  await expect(page.getByRole('button', { name: '立即备份到文件…' })).toBeVisible();
  await expect(page.getByText('从备份恢复', { exact: true })).toHaveCount(0);
  await expect(page.getByText('从备份恢复会替换全部数据，须由管理员账户操作。')).toBeVisible();
  await expect(page.getByRole('button', { name: '检查并恢复' })).toHaveCount(0);
  await screenshot(page, 'security-clerk-backup');

  // The role taken away behind the open window's back (the page still shows the form): the
  // data layer reads the account afresh for the write, and refuses it.
  await page.getByRole('tab', { name: '本校信息' }).click();
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open('dangxiao-desk');
      req.onsuccess = () => resolve(req.result);
    });
    const store = db.transaction('accounts', 'readwrite').objectStore('accounts');
    const accounts = await new Promise<{ username: string; role: string }[]>((resolve) => {
      const req = store.getAll();
      req.onsuccess = () => resolve(req.result);
    });
    store.put({ ...accounts.find((a) => a.username === 'jiaowu')!, role: '只读' });
    await new Promise((resolve) => (store.transaction.oncomplete = resolve));
    db.close();
  });
  const before = await dbSnapshot(page);
  await page.getByLabel('党校名称').fill('改名党校');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('当前账户（只读）无权修改党校信息')).toBeVisible();
  expect(await dbSnapshot(page)).toEqual(before);
});

test('a correction after closing is in the audit trail with its reason, before → after', async ({ page }) => {
  await completeFirstRun(page, 'village');
  const { own } = await teachingWorld(page);
  await page.goto(`/#/attendance/session/${own.id}`);
  const roster = page.getByRole('grid', { name: '点名名单' });
  await roster.focus();
  await page.keyboard.press('Alt+A');
  await expect(page.getByTestId('mark-summary')).not.toContainText('未点名');
  await page.getByRole('button', { name: '关闭考勤' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '关闭考勤' }).click();
  await expect(page.getByText('考勤已关闭', { exact: true })).toBeVisible();
  const first = roster.locator('tbody tr').first();
  const name = await first.locator('td').nth(1).locator('a').innerText();
  await roster.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('5');
  const dialog = page.getByRole('dialog', { name: /更正考勤/ });
  await dialog.getByLabel('更正原因').fill('补交病假条');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  await openArea(page, '操作日志');
  await page.getByLabel('操作类型').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('更正考勤', { exact: true }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByText('共 1 条')).toBeVisible();
  const row = page.locator('.ant-table-tbody tr').filter({ hasText: '补交病假条' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('更正考勤');
  await expect(row).toContainText(new RegExp(`考勤·${name}：状态 出勤(，学时 [\\d.]+)? → 状态 病假`));
  await expect(row).toContainText('admin（王主任）');
  await screenshot(page, 'security-correction-in-trail');
});
