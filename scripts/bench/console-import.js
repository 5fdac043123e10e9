/**
 * Imports a large case-file catalogue through the console, as a clerk would, and prints what the
 * import dialog shows every second (is the progress moving, or does it look frozen?). Against a
 * running `npm start` (it adds a department and its files to that database):
 *
 *   node scripts/bench/console-import.js [--rows 1000000] [--origin http://127.0.0.1:3000]
 */
const { chromium } = require('playwright-core');
const { writeFileSync, statSync, mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { resolveBrowser } = require('../browser');

const arg = (name, fallback) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : fallback);
const origin = arg('origin', 'http://127.0.0.1:3000');
const ROWS = Number(arg('rows', '1000000'));
const ADMIN = { username: process.env.BOOTSTRAP_ADMIN_USERNAME ?? 'admin', password: process.env.BOOTSTRAP_ADMIN_PASSWORD ?? 'admin12345' };

(async () => {
  const api = async (method, path, token, body) => {
    const res = await fetch(`${origin}/api/v1${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return res.json();
  };
  const { accessToken } = await api('POST', '/auth/token', null, ADMIN);
  const code = `BIG${Date.now() % 100000}`;
  await api('POST', '/departments', accessToken, { code, name: `大批量测试局${code}`, kind: 'bureau' });
  const file = join(mkdtempSync(join(tmpdir(), 'console-import-')), 'case-files.csv');
  const rows = ['部门编码,案卷号,案卷类别,案卷名称,决定日期,承办人,状态'];
  for (let i = 1; i <= ROWS; i++) rows.push(`${code},罚〔2026〕${i}号,行政处罚,某公司违法案件${i},2026-0${1 + (i % 6)}-1${i % 10},张三、李四,已办结`);
  writeFileSync(file, rows.join('\n'));
  console.log(`file: ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB`);
  const browser = await chromium.launch({ executablePath: resolveBrowser(), args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  const page = await (await browser.newContext({ baseURL: origin, locale: 'zh-CN', viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto('/login');
  await page.getByLabel('用户名').fill(ADMIN.username);
  await page.getByLabel('密码').fill(ADMIN.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => u.pathname !== '/login');
  await page.goto('/case-files');
  await page.getByRole('button', { name: '批量导入' }).click();
  const dialog = page.locator('.ant-modal', { hasText: '批量导入案卷目录' });
  const started = Date.now();
  await dialog.locator('input[type=file]').setInputFiles(file);
  let shot = false;
  for (;;) {
    await page.waitForTimeout(1000);
    const t = ((Date.now() - started) / 1000).toFixed(0);
    const progressEl = page.getByTestId('import-progress');
    const progress = (await progressEl.count()) ? await progressEl.textContent() : null;
    const doneEl = page.getByText(/导入完成/);
    const done = (await doneEl.count()) ? await doneEl.first().textContent() : null;
    if (progress) console.log(`${t}s  ${progress.replace(/\s+/g, ' ')}`);
    if (progress && !shot && /读取校验中/.test(progress) && !/已读取 0 行/.test(progress)) { await page.screenshot({ path: join(__dirname, '../../docs/screenshots/case-files-import-progress.png'), animations: 'disabled' }); shot = true; }
    if (done || !progress) { console.log(`${t}s  ${done ?? '(dialog closed)'}`); break; }
  }
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });
