// Every check, in order: typecheck, lint, unit tests, build, end-to-end tests. All steps
// run even when one fails, so a run shows everything wrong at once; the exit code is
// non-zero if any failed. Ends with one line counting the tests: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const reports = 'reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const steps = [
  ['类型检查 typecheck', 'npx tsc -b'],
  ['代码规范 lint', 'npx eslint . --max-warnings 0'],
  ['单元测试 unit', `npx vitest run --reporter=default --reporter=json --outputFile.json=${reports}/vitest.json`],
  ['构建 build', 'npm run build'],
  ['端到端测试 e2e', 'npx playwright test --reporter=list,json', { PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/playwright.json` }],
  ...(existsSync('scripts/bench.mjs') ? [['基准测试 bench (village, quick)', 'node scripts/bench.mjs --quick']] : []),
];

const results = [];
for (const [name, command, env] of steps) {
  console.log(`\n=== ${name}: ${command}`);
  const started = Date.now();
  const run = spawnSync(command, { shell: true, stdio: 'inherit', env: { ...process.env, ...env } });
  results.push({ name, ok: run.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}

const counts = { passed: 0, failed: 0, skipped: 0 };
const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);
const vitest = readJson(`${reports}/vitest.json`);
if (vitest) {
  counts.passed += vitest.numPassedTests;
  counts.failed += vitest.numFailedTests;
  counts.skipped += vitest.numPendingTests + vitest.numTodoTests;
}
const playwright = readJson(`${reports}/playwright.json`);
if (playwright) {
  counts.passed += playwright.stats.expected + playwright.stats.flaky;
  counts.failed += playwright.stats.unexpected;
  counts.skipped += playwright.stats.skipped;
}

console.log('\n=== 汇总 summary');
for (const r of results) console.log(`${r.ok ? '✔' : '✘'} ${r.name} (${r.seconds}s)`);
const failedSteps = results.filter((r) => !r.ok).length;
// A failed step that ran no test (typecheck, lint, build) still counts as a failure.
const failed = counts.failed + (counts.failed === 0 ? failedSteps : 0);
console.log(`tests: ${counts.passed} passed, ${failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
process.exit(failedSteps ? 1 : 0);
