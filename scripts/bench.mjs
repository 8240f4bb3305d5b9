// The benchmark (npm run bench): loads generated data at village, town and county scale into
// the app in headless Chromium (browser mode, the app's own Dexie code) and measures what a
// user waits for, beside two reference points measured in the same run: raw IndexedDB (the
// floor) and SQLite in the page (sql.js, the peer). Prints a Markdown table and, for full runs,
// saves it with a JSON copy under bench/results/. `--quick` runs the village scale once, as
// part of `npm test`, so the benchmark cannot silently break; it asserts nothing about speed.
import { chromium } from '@playwright/test';
import { execSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { CONTENT_SECURITY_POLICY, startStaticServer } from './static-server.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = flag('quick');
const scales = quick ? ['village'] : (option('scales')?.split(',') ?? ['village', 'town', 'county']);
const runs = Number(option('runs') ?? (quick ? 1 : 5));
// Parallel runs (several developers on one machine) may each build into their own folder.
const outDir = process.env.BENCH_OUT ?? 'dist/bench';

if (!flag('no-build')) {
  const build = spawnSync(`npx vite build --config vite.bench.config.ts --logLevel error --outDir ../${outDir}`, { shell: true, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const chromiumPath =
  process.env.CHROMIUM_PATH ?? execSync('command -v chromium || command -v chromium-browser', { shell: '/bin/sh' }).toString().trim();
const { server, url } = await startStaticServer({
  root: outDir,
  // The SQLite peer compiles WebAssembly; the app's own policy stays as it is.
  csp: CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'"),
});
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--enable-precise-memory-info'],
});

/** What is measured, how it reads, and the target it is held to (at county scale). */
const METRICS = {
  loadRowsPerSec: { label: '数据写入（行/秒，考勤按每人每次计） data load, rows/s (a mark is a row)', unit: '/s', target: '' },
  coldStartMs: { label: '冷启动到首页数字（含登录校验） cold start to dashboard, incl. sign-in', unit: 'ms', target: '≤ 1500' },
  startJsGzipKb: { label: '启动加载的 JS（gzip） JS at start, gzip', unit: 'KB', target: '≤ 800' },
  dashboardMs: { label: '首页年度数字（数据层） dashboard figures, data layer', unit: 'ms', target: '' },
  heapMb: { label: '数据载入后 JS 堆 JS heap after load', unit: 'MB', target: '≤ 300' },
  longestTaskLoadMs: { label: '载入时最长主线程任务 longest task during load', unit: 'ms', target: '' },
  listOpenMs: { label: '学员名单打开（点菜单到显示名单） trainee list open, click to rows drawn', unit: 'ms', target: '' },
  searchNameMs: { label: '学员搜索：姓名（按键到名单更新） search by name, keystroke to rows drawn', unit: 'ms', target: '≤ 100' },
  searchPyMs: { label: '学员搜索：拼音首字母（每次按键） search by pinyin initials, each keystroke', unit: 'ms', target: '≤ 100' },
  searchIdMs: { label: '学员搜索：身份证尾号（每次按键） search by ID suffix, each keystroke', unit: 'ms', target: '≤ 100' },
  clashMs: { label: '新课次冲突检查 clash check', unit: 'ms', target: '≤ 20' },
  markOneMs: { label: '保存一条考勤 save one mark', unit: 'ms', target: '≤ 50' },
  markAllMs: { label: '全部出勤（整班） everyone present', unit: 'ms', target: '' },
  ledgerMs: { label: '年度学时台账 year ledger', unit: 'ms', target: '≤ 500' },
  ledgerLongestTaskMs: { label: '台账计算时最长任务 longest task, ledger', unit: 'ms', target: '' },
  shortfallMs: { label: '未达标名单 shortfall list', unit: 'ms', target: '≤ 500' },
  summaryMs: { label: '上报汇总表 summary for the city', unit: 'ms', target: '≤ 500' },
  attendanceMs: { label: '培训班出勤统计（全年） class attendance report, year', unit: 'ms', target: '≤ 500' },
  instructorsMs: { label: '师资授课统计（全年） instructor teaching report, year', unit: 'ms', target: '≤ 500' },
  sitesMs: { label: '教学点使用统计（全年） site use report, year', unit: 'ms', target: '≤ 500' },
  xlsxMs: { label: '台账导出 .xlsx ledger to .xlsx', unit: 'ms', target: '' },
  exportFullMs: { label: '完整数据包导出 full package export', unit: 'ms', target: '' },
  exportLongestTaskMs: { label: '导出时最长主线程任务 longest task, export', unit: 'ms', target: '≤ 200' },
  exportIncrementalMs: { label: '增量数据包导出（一个课次的变化） incremental export (one session changed)', unit: 'ms', target: '' },
  packageMb: { label: '完整数据包大小 full package size', unit: 'MB', target: '' },
  importMs: { label: '完整数据包导入（新汇总库） full package import, fresh county', unit: 'ms', target: '≤ 30000' },
  importLongestTaskMs: { label: '导入时最长主线程任务 longest task, import', unit: 'ms', target: '≤ 200' },
  reimportMs: { label: '再次导入（无变化） re-import, no-op', unit: 'ms', target: '≤ 10000' },
  importIncrementalMs: { label: '增量数据包导入 incremental import', unit: 'ms', target: '' },
  rawReadMs: { label: '下限：原始读取全部考勤 floor: raw getAll of attendance', unit: 'ms', target: '' },
  rawWriteMs: { label: '下限：原始写入同样条数 floor: raw write of as many rows', unit: 'ms', target: '' },
  sqlLoadMs: { label: '对照：sql.js 载入考勤 peer: sql.js load marks', unit: 'ms', target: '' },
  sqlLedgerMs: { label: '对照：sql.js 按学员汇总学时 peer: sql.js GROUP BY trainee', unit: 'ms', target: '' },
};

const results = {};
const record = (scale, key, value) => ((results[scale] ??= {})[key] ??= []).push(value);

async function measureColdStart(context, scale) {
  const page = await context.newPage();
  const scripts = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response.body().then((b) => gzipSync(b).length));
  });
  // Cold start is the app's own time: to the sign-in form, then from 登录 to the figures
  // (the typing in between is the user's).
  let started = Date.now();
  await page.goto(`${url}index.html#/`);
  await page.getByLabel('用户名').waitFor({ timeout: 120_000 });
  const toSignIn = Date.now() - started;
  await page.getByLabel('用户名').fill('bench');
  await page.getByLabel('密码').fill('Bench2026x');
  started = Date.now();
  await page.getByRole('button', { name: '登录' }).click();
  await page
    .waitForFunction(() => {
      const title = [...document.querySelectorAll('.ant-statistic-title')].find((e) => e.textContent === '在册学员');
      const value = title?.closest('.ant-statistic')?.querySelector('.ant-statistic-content-value')?.textContent;
      return value !== undefined && value !== '0';
    }, undefined, { timeout: 120_000 })
    .catch(async (e) => {
      mkdirSync('reports', { recursive: true });
      await page.screenshot({ path: 'reports/bench-cold-start-failed.png' });
      throw new Error(`首页未显示数字（截图 reports/bench-cold-start-failed.png）：${e.message}`);
    });
  record(scale, 'coldStartMs', toSignIn + Date.now() - started);
  await page.waitForLoadState('networkidle');
  const jsBytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
  record(scale, 'startJsGzipKb', Math.round(jsBytes / 1024));
  return page;
}

/**
 * In the page: resolves, in the first animation frame that shows a changed count line above
 * the trainee list (the rows drawn in the same commit), with the time since the input that
 * caused it (`window.benchInputAt`, a click or an input event's timestamp).
 */
function untilListChanges(before) {
  return new Promise((resolve) => {
    const poll = () => {
      const line = document.querySelector('[data-testid="registry-count"]')?.textContent ?? '';
      const drawn = !!document.querySelector('.dx-rtable-row');
      if (window.benchInputAt != null && line !== before && line.startsWith('共') && drawn) resolve(performance.now() - window.benchInputAt);
      else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  });
}

/**
 * The trainee list as a clerk uses it, on the signed-in page: from the click on 学员 to the
 * rows drawn, then from each keystroke in its search box to the rows drawn for it. Measured
 * once the app's start-up work (the daily automatic backup, which reads every table) is over,
 * so the figures are the list's own.
 */
async function measureTraineeList(page, scale, queries) {
  await page.waitForFunction(async () => {
    if (document.body.textContent.includes('今日自动备份未完成')) return true;
    const idb = await new Promise((resolve) => {
      const req = indexedDB.open('dangxiao-desk');
      req.onsuccess = () => resolve(req.result);
    });
    const done = await new Promise((resolve) => {
      const req = idb.transaction('audit').objectStore('audit').index('action').count('backup');
      req.onsuccess = () => resolve(req.result > 0);
    });
    idb.close();
    return done;
  }, undefined, { polling: 500, timeout: 600_000 });
  await page.evaluate(() => (window.benchInputAt = null));
  const opened = page.evaluate(untilListChanges, '');
  await page.evaluate(() => {
    window.benchInputAt = performance.now();
    [...document.querySelectorAll('.ant-menu-item')].find((e) => e.textContent === '学员').click();
  });
  record(scale, 'listOpenMs', await opened);
  // A clerk looks at the list before typing: one-off work the page leaves for its first idle
  // moment is not a keystroke's.
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5000 })));
  const initial = await page.getByTestId('registry-count').textContent();
  await page.evaluate(() => {
    for (const type of ['keydown', 'beforeinput']) window.addEventListener(type, (e) => (window.benchInputAt ??= e.timeStamp), true);
  });
  const keystroke = async (key, type) => {
    const before = await page.evaluate(() => {
      window.benchInputAt = null;
      return document.querySelector('[data-testid="registry-count"]').textContent;
    });
    const changed = page.evaluate(untilListChanges, before);
    await type(key);
    return changed;
  };
  const search = page.getByLabel('搜索');
  const sequences = [
    ['searchNameMs', [queries.name], (text) => page.keyboard.insertText(text)],
    ['searchPyMs', queries.py, (key) => page.keyboard.press(key)],
    ['searchIdMs', queries.id, (key) => page.keyboard.press(key)],
  ];
  for (const [metric, keys, type] of sequences) {
    await search.focus();
    for (const key of keys) record(scale, metric, await keystroke(key, type));
    await search.fill('');
    await page.waitForFunction((text) => document.querySelector('[data-testid="registry-count"]').textContent === text, initial);
  }
}

for (const scale of scales) {
  console.log(`\n— ${scale}`);
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${url}bench.html`);
  await page.evaluate(() => window.benchReady);
  await page.evaluate(() => window.bench.reset());
  const load = await page.evaluate((s) => window.bench.load(s), scale);
  console.log(`  loaded ${load.records} records (${load.trainees} trainees, ${load.sessions} sessions, ${load.marks} marks)`);
  record(scale, 'loadRowsPerSec', Math.round(load.rows / (load.writeMs / 1000)));
  record(scale, 'longestTaskLoadMs', Math.round(load.longestTaskMs));
  record(scale, 'heapMb', Math.round((await page.evaluate(() => window.bench.heapBytes())) / 1048576));
  const queries = await page.evaluate(() => window.bench.traineeQueries());
  for (let i = 0; i < runs; i++) {
    record(scale, 'dashboardMs', (await page.evaluate(() => window.bench.dashboard())).ms);
    record(scale, 'rawReadMs', (await page.evaluate(() => window.bench.rawReadAttendance())).ms);
    record(scale, 'clashMs', (await page.evaluate(() => window.bench.clashCheck())).ms);
    const reports = await page.evaluate(() => window.bench.reports());
    for (const key of ['ledgerMs', 'ledgerLongestTaskMs', 'shortfallMs', 'summaryMs', 'attendanceMs', 'instructorsMs', 'sitesMs', 'xlsxMs']) record(scale, key, reports[key]);
    const app = await measureColdStart(context, scale);
    await measureTraineeList(app, scale, queries);
    await app.close();
  }
  const marking = await page.evaluate(() => window.bench.marking());
  if (marking) {
    record(scale, 'markOneMs', marking.oneMs);
    record(scale, 'markAllMs', marking.allMs);
  }
  const exchange = await page.evaluate(() => window.bench.exchange());
  for (const key of ['exportFullMs', 'exportLongestTaskMs', 'exportIncrementalMs', 'importMs', 'importLongestTaskMs', 'reimportMs', 'importIncrementalMs']) {
    record(scale, key, exchange[key]);
  }
  record(scale, 'packageMb', exchange.packageBytes / 1048576);
  console.log(`  exchange: package ${(exchange.packageBytes / 1048576).toFixed(1)} MB, incremental ${exchange.incrementalRecords} records`);
  record(scale, 'rawWriteMs', (await page.evaluate((n) => window.bench.rawWriteMarks(n), load.marks)).ms);
  const peer = await page.evaluate(() => window.bench.sqlPeerLedger());
  record(scale, 'sqlLoadMs', peer.loadMs);
  record(scale, 'sqlLedgerMs', peer.queryMs);
  results[scale].scale = [`${load.trainees} 学员 / ${load.sessions} 课次 / ${load.marks} 考勤`];
  await context.close();
}

const browserVersion = browser.version();
await browser.close();
server.close();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const fmt = (n) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));
const cell = (xs) => (!xs ? '—' : xs.length === 1 ? fmt(xs[0]) : `${fmt(median(xs))} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})`);

const machine = `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()}`;
const date = new Date().toISOString();
const lines = [
  `# 基准测试结果 Benchmark results`,
  '',
  `${date} · Chromium ${browserVersion} · ${machine} · runs: ${runs} (median, min–max)`,
  '',
  `| 指标 metric | ${scales.map((s) => `${s}<br>${results[s].scale[0]}`).join(' | ')} | 目标 target (county) |`,
  `|---|${scales.map(() => '---:').join('|')}|---|`,
  ...Object.entries(METRICS).map(
    ([key, m]) => `| ${m.label} (${m.unit}) | ${scales.map((s) => cell(results[s][key])).join(' | ')} | ${m.target} |`,
  ),
];
const markdown = lines.join('\n');
console.log(`\n${markdown}\n`);

// BENCH_RESULTS: a folder of one's own for trial runs, so they do not overwrite the committed results.
const out = quick ? 'reports' : (process.env.BENCH_RESULTS ?? 'bench/results');
mkdirSync(out, { recursive: true });
const stem = quick ? `${out}/bench-quick` : `${out}/${date.slice(0, 10)}-${scales.join('-')}`;
writeFileSync(`${stem}.md`, `${markdown}\n`);
writeFileSync(`${stem}.json`, JSON.stringify({ date, browser: browserVersion, machine, runs, scales, metrics: METRICS, results }, null, 2));
console.log(`saved ${stem}.md and .json`);
