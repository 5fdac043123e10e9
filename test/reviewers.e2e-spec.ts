/**
 * The reviewers' workspace in headless Chromium against the real stack: the office fills the
 * campaign's 评查人员库 and draws; a department uploads the scans (电子卷宗) of its drawn file; a
 * reviewer reads them, scores with a veto, submits; the office returns the sheet for 复核 with a
 * comment; the reviewer corrects and resubmits, and declares a conflict (回避) on a second file.
 * Then, over HTTP, who may read and write scans and pool entries, and the bad inputs.
 */
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { consoleBuild, launchBrowser, pageErrors, personOn, screenshot, signIn } from './support/browser';
import { ADMIN, startStack, type Stack } from './support/stack';
import { importCsvOrFail } from './support/case-file-imports';

const SECOND = 1000;
const PASSWORD = 'password-1234';
type Assignment = { assignmentId: string; status: string; caseFile: { id: string; caseNumber: string; departmentId: string } };

/** A 行政处罚决定书 rendered by the browser: a real PNG "scan" for the department to upload. */
async function scanImage(browser: Browser): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: 620, height: 420 } });
  await page.setContent(`<body style="font-family:serif;padding:32px"><h2 style="text-align:center">交通运输局 行政处罚决定书</h2>
    <p>交罚〔2026〕1号</p><p>当事人：某某物流有限公司。经查，当事人于 2026 年 2 月 3 日未按规定办理道路运输证……</p><p style="text-align:right">（印章）二〇二六年三月十五日</p></body>`);
  const png = await page.screenshot();
  await page.close();
  return png;
}

/** The sheet's running total and grade, as shown beside it. */
const totalIs = (page: Page, score: string) => page.getByTestId('sheet-total').filter({ hasText: new RegExp(`^${score}$`) }).waitFor();
const gradeIs = (page: Page, grade: string) => page.getByTestId('sheet-grade').filter({ hasText: new RegExp(`^${grade}$`) }).waitFor();

describe('reviewers’ workspace (browser, e2e)', () => {
  let stack: Stack;
  let browser: Browser;
  let pg: Client;
  let office: Page;
  let deptB: Page;
  let reviewer: Page;
  let admin: string;
  let campaignId: string;
  const dept: Record<'SJ' | 'JT', string> = { SJ: '', JT: '' };
  const user: Record<string, string> = {};
  const token: Record<string, string> = {};
  const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await pg.query(sql, params)).rows as T[];
  let png: Buffer;

  beforeAll(async () => {
    stack = await startStack({ webRoot: consoleBuild() });
    const origin = stack.baseUrl.replace(/\/api\/v1$/, '');
    browser = await launchBrowser();
    [office, deptB, reviewer] = await Promise.all([0, 1, 2].map(async () => (await personOn(browser, origin)).page));
    pg = new Client({ connectionString: stack.databaseUrl });
    await pg.connect();
    admin = await stack.login(ADMIN.username, ADMIN.password);
    await stack.request('POST', '/departments/import', { token: admin, raw: 'code,name,kind,active\nSJ,市场监督管理局,bureau,true\nJT,交通运输局,bureau,true', contentType: 'text/csv' });
    for (const d of (await stack.request<{ id: string; code: 'SJ' | 'JT' }[]>('GET', '/departments', { token: admin })).body) dept[d.code] = d.id;
    const accounts: [string, string, string, string | undefined][] = [
      ['dept-sj', 'department_user', '市监联络员', dept.SJ],
      ['dept-jt', 'department_user', '交通联络员', dept.JT],
      ['rev-zhou', 'reviewer', '周评查', undefined],
      ['rev-wu', 'reviewer', '吴评查', dept.JT],
      ['rev-li', 'reviewer', '李律师', undefined],
    ];
    for (const [username, role, displayName, departmentId] of accounts) {
      const res = await stack.request<{ id: string }>('POST', '/users', { token: admin, body: { username, password: PASSWORD, role, displayName, departmentId } });
      expect(res.status).toBe(201);
      user[username] = res.body.id;
      token[username] = await stack.login(username, PASSWORD);
    }
    const t0 = Date.now();
    const at = (ms: number) => new Date(t0 + ms).toISOString();
    const launch = await stack.request<{ id: string }>('POST', '/campaigns', {
      token: admin,
      body: {
        year: 2026, title: '2026年度法治督察',
        priorities: [{ code: 'P01', title: '报送自查', departmentIds: 'all', dueAt: at(3600 * SECOND), evidenceRequired: false }],
        calendar: { selfCheckOpensAt: at(2 * SECOND), selfCheckClosesAt: at(3 * SECOND), reviewOpensAt: at(4 * SECOND), reviewClosesAt: at(7200 * SECOND), closesAt: at(86400 * SECOND) },
      },
    });
    expect(launch.status).toBe(201);
    campaignId = launch.body.id;
    const rows = [
      'SJ,市监罚〔2026〕1号,行政处罚,某超市销售过期食品案,2026-02-15,张三,concluded',
      'SJ,市监罚〔2025〕9号,行政处罚,抽查期外的案卷,2025-02-15,张三,concluded',
      'JT,交罚〔2026〕1号,行政处罚,某物流公司未办理道路运输证案,2026-03-15,李四,concluded',
      'JT,交检〔2026〕2号,行政检查,某客运站安全检查,2026-04-15,李四,concluded',
    ];
    await importCsvOrFail(stack, admin, ['department_code,case_number,case_type,title,decision_date,handling_officer,status', ...rows].join('\n'));
    const base = `/campaigns/${campaignId}/draw`;
    expect((await stack.request('PUT', `${base}/config`, { token: admin, body: { rules: { rate: 1, min: 1, max: 10, caseTypeCoverage: false, period: { from: '2026-01-01', to: '2026-12-31' }, reviewersPerFile: 1 } } })).status).toBe(200);
    expect((await stack.request('POST', `${base}/commit`, { token: admin })).status).toBe(200);
    png = await scanImage(browser);
  });
  afterAll(async () => {
    for (const page of [office, deptB, reviewer]) if (page) expect(pageErrors(page)).toEqual([]);
    await pg?.end();
    await browser?.close();
    await stack?.stop();
  });

  it('refuses the draw while the reviewer pool is empty, changing nothing', async () => {
    const refused = await stack.request<{ code: string; message: string }>('POST', `/campaigns/${campaignId}/draw`, { token: admin });
    expect(refused).toMatchObject({ status: 409, body: { code: 'REVIEWER_POOL_EMPTY', message: expect.stringContaining('评查人员库') } });
    expect(await q(`SELECT 1 FROM sample_draws`)).toHaveLength(0);
    expect(await q(`SELECT 1 FROM draw_candidates`)).toHaveLength(0);
    expect((await stack.request<{ status: string }>('GET', `/campaigns/${campaignId}/draw`, { token: admin })).body.status).toBe('committed');
  });

  it('lets the office fill the pool on the review tab and draw from it alone', async () => {
    await signIn(office, ADMIN.username, ADMIN.password);
    await office.goto(`/campaigns/${campaignId}?tab=review`);
    const pool = office.getByTestId('reviewer-pool');
    await pool.getByText('评查人员库为空').waitFor();
    const add = async (name: string, category: string, organisation?: string) => {
      await pool.getByLabel('评查人员').click();
      await office.locator('.ant-select-item-option', { hasText: name }).click();
      await pool.getByLabel('类别').click();
      await office.locator('.ant-select-item-option', { hasText: category }).click();
      if (organisation) await pool.getByLabel('所在单位').fill(organisation);
      await pool.getByRole('button', { name: '加入人员库' }).click();
      await office.getByText(`${name} 已加入评查人员库`).waitFor();
    };
    await add('周评查', '特邀行政执法监督员', '市人大代表');
    await add('吴评查', '部门执法人员'); // the department is taken from the account: 交通运输局
    await pool.locator('tbody tr', { hasText: '吴评查' }).getByText('交通运输局').waitFor();
    await office.getByRole('button', { name: '执行抽取' }).click();
    await office.locator('.ant-popconfirm').getByRole('button', { name: /抽\s*取/ }).click();
    await office.getByText('抽取完成：从 3 件候选案卷中抽中 3 件').waitFor();
    await screenshot(office, 'reviewer-pool');
    // rev-li was not in the pool: nothing for them; 交通运输局's files never go to its own officer.
    const assigned = await q<{ username: string; code: string }>(`SELECT u.username, d.code FROM review_assignments a JOIN users u ON u.id = a.reviewer_id JOIN case_files cf ON cf.id = a.case_file_id JOIN departments d ON d.id = cf.department_id`);
    expect(assigned).toHaveLength(3);
    expect(assigned.filter((a) => a.code === 'JT').map((a) => a.username)).toEqual(['rev-zhou', 'rev-zhou']);
    expect(assigned.some((a) => a.username === 'rev-li')).toBe(false);
    // Added after the draw, rev-li is there for reassignments (回避 below).
    expect((await stack.request('PUT', `/campaigns/${campaignId}/reviewer-pool/${user['rev-li']}`, { token: admin, body: { category: 'lawyer', organisation: '河南某某律师事务所' } })).status).toBe(200);
  });

  let caseFileId: string;
  it('lets the department upload the scan of its drawn file from its case-file page', async () => {
    await signIn(deptB, 'dept-jt', PASSWORD);
    await deptB.getByText('本部门有 2 件案卷被抽中评查，尚未上传电子卷宗').waitFor(); // on the inbox, where the department starts
    await deptB.getByRole('button', { name: '去上传' }).click();
    await deptB.waitForURL('**/case-files');
    const card = deptB.getByTestId('drawn-files-mine');
    await card.getByText('本部门有 2 件抽中案卷尚未上传电子卷宗').waitFor();
    await card.locator('tbody tr', { hasText: '交罚〔2026〕1号' }).getByRole('button', { name: '上传电子卷宗' }).click();
    const dialog = deptB.locator('.ant-modal');
    await dialog.locator('input[type=file]').setInputFiles([{ name: '决定书扫描件.png', mimeType: 'image/png', buffer: png }, { name: '案卷扫描件.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 32)]) }]);
    await dialog.locator('.ant-upload-list-item-done').nth(1).waitFor();
    await dialog.getByRole('button', { name: '保存电子卷宗' }).click();
    await deptB.getByText('电子卷宗已保存：2 个文件').waitFor();
    await card.locator('tbody tr', { hasText: '交罚〔2026〕1号' }).getByText('已上传 2 个文件').waitFor();
    [{ id: caseFileId }] = await q<{ id: string }>(`SELECT id FROM case_files WHERE case_number = '交罚〔2026〕1号'`);
    const scans = await q<{ file_name: string; position: number; department_id: string }>(`SELECT at.file_name, s.position, at.department_id FROM case_file_scans s JOIN attachments at ON at.id = s.attachment_id WHERE s.case_file_id = $1 ORDER BY s.position`, [caseFileId]);
    expect(scans).toEqual([{ file_name: '决定书扫描件.png', position: 1, department_id: dept.JT }, { file_name: '案卷扫描件.pdf', position: 2, department_id: dept.JT }]);
    expect(await q(`SELECT 1 FROM audit_log WHERE action = 'case_file.scans' AND target_id = $1`, [caseFileId])).toHaveLength(1);
    await screenshot(deptB, 'department-scans');
  });

  it('shows the reviewer their files in Chinese, the scan in the page, and the total and grade as they score', async () => {
    await signIn(reviewer, 'rev-zhou', PASSWORD);
    expect(new URL(reviewer.url()).pathname).toBe('/reviews');
    const row = reviewer.locator('tbody tr', { hasText: '交罚〔2026〕1号' });
    await row.getByText('交通运输局').waitFor();
    await row.getByText('行政处罚').waitFor();
    await row.getByText('待评查').waitFor();
    await row.getByText('2 个文件').waitFor();
    await expect(reviewer.locator('tbody').textContent()).resolves.not.toContain('penalty');
    await screenshot(reviewer, 'reviewer-list');
    await row.getByRole('button', { name: /评\s*查/ }).click();
    await reviewer.waitForURL('**/reviews/*');
    await reviewer.getByText('某物流公司未办理道路运输证案').waitFor();
    await reviewer.locator('.ant-list-item', { hasText: '决定书扫描件.png' }).getByRole('button', { name: '在此查看' }).click();
    const image = reviewer.getByTestId('scan-viewer').locator('img');
    await image.waitFor();
    await expect(image.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth)).resolves.toBeGreaterThan(100);

    await totalIs(reviewer, '100');
    await reviewer.getByLabel('扣分：执法人员未出示执法证件或文书中未载明执法证件号').fill('2');
    await reviewer.getByLabel('问题：执法人员未出示执法证件或文书中未载明执法证件号').fill('调查询问笔录未载明执法证件号');
    await totalIs(reviewer, '98');
    await gradeIs(reviewer, '优秀');
    await reviewer.getByLabel('扣分：未告知陈述、申辩权利或未听取陈述、申辩').fill('6');
    await reviewer.getByLabel('问题：未告知陈述、申辩权利或未听取陈述、申辩').fill('处罚告知书未告知陈述、申辩权利');
    await totalIs(reviewer, '92');
    await reviewer.getByRole('checkbox', { name: '主要事实不清' }).check();
    await totalIs(reviewer, '0');
    await gradeIs(reviewer, '不合格');
    await reviewer.getByText('还有 1 项未写明问题或否决理由').waitFor();
    await expect(reviewer.getByRole('button', { name: '提交评查表' }).isDisabled()).resolves.toBe(true);
    await reviewer.getByLabel('否决理由：主要事实不清').fill('违法行为发生时间、地点均无证据证明');
    await reviewer.getByLabel('评查意见').fill('主要事实不清，程序存在瑕疵。');
    await reviewer.getByRole('button', { name: '保存草稿' }).click();
    await reviewer.getByText('草稿已保存（按草稿计 0 分，不合格）').waitFor();
    expect(await q(`SELECT status, score FROM reviews`)).toEqual([{ status: 'draft', score: null }]);
    await screenshot(reviewer, 'reviewer-sheet');
    await reviewer.getByRole('button', { name: '提交评查表' }).click();
    await reviewer.locator('.ant-popconfirm').getByRole('button', { name: /提\s*交/ }).click();
    await reviewer.getByText('评查表已提交：0 分，不合格').waitFor();
    await reviewer.getByText('已提交（第 1 次）：0 分，不合格').waitFor();
    const [review] = await q<{ status: string; score: string; grade: string; version: number; sheet: { deductions: unknown[]; vetoes: { criterionCode: string; note: string }[] } }>(`SELECT status, score, grade, version, sheet FROM reviews`);
    expect(review).toMatchObject({ status: 'submitted', score: '0.00', grade: 'fail', version: 1 });
    expect(review.sheet.deductions).toHaveLength(2);
    expect(review.sheet.vetoes).toEqual([{ criterionCode: 'basic-facts', note: '违法行为发生时间、地点均无证据证明' }]);
    expect((await q(`SELECT criterion_code FROM findings WHERE source = 'review' ORDER BY criterion_code`)).map((f) => f.criterion_code)).toEqual(['basic-facts', 'procedure-statement', 'subject-certificate']);
  });

  it('lets the office return the sheet for 复核 with a comment, which the reviewer sees, corrects and resubmits', async () => {
    await office.goto(`/campaigns/${campaignId}?tab=review`);
    await office.locator('tbody tr', { hasText: '交罚〔2026〕1号' }).getByRole('button', { name: '退回复核' }).click();
    await office.getByPlaceholder('退回理由').fill('“主要事实不清”的否决依据不足：卷内有现场检查笔录，请复核');
    await office.locator('.ant-modal').getByRole('button', { name: /退\s*回/ }).click();
    await office.getByText('已退回评查人员复核').waitFor();
    expect(await q(`SELECT r.status, v.return_reason FROM reviews r JOIN review_versions v ON v.review_id = r.id`)).toEqual([{ status: 'returned', return_reason: '“主要事实不清”的否决依据不足：卷内有现场检查笔录，请复核' }]);

    await reviewer.goto('/reviews');
    await reviewer.getByText('有 1 份评查表被监督科退回复核').waitFor();
    const row = reviewer.locator('tbody tr', { hasText: '交罚〔2026〕1号' });
    await row.getByText('退回复核').waitFor();
    await row.getByRole('button', { name: /评\s*查/ }).click();
    await reviewer.getByTestId('returned-comment').getByText('复核意见：“主要事实不清”的否决依据不足：卷内有现场检查笔录，请复核').waitFor();
    await totalIs(reviewer, '0'); // the sheet as submitted
    await screenshot(reviewer, 'reviewer-returned');
    await reviewer.getByRole('checkbox', { name: '主要事实不清' }).uncheck();
    await totalIs(reviewer, '92');
    await reviewer.getByRole('button', { name: '重新提交' }).click();
    await reviewer.locator('.ant-popconfirm').getByRole('button', { name: /提\s*交/ }).click();
    await reviewer.getByText('评查表已提交：92 分，优秀').waitFor();
    expect(await q(`SELECT status, score, grade, version FROM reviews`)).toEqual([{ status: 'submitted', score: '92.00', grade: 'excellent', version: 2 }]);
    expect((await q(`SELECT criterion_code FROM findings WHERE source = 'review' ORDER BY criterion_code`)).map((f) => f.criterion_code)).toEqual(['procedure-statement', 'subject-certificate']);
  });

  it('lets the reviewer declare a conflict from the sheet: the file leaves their list and goes to another pool member', async () => {
    await reviewer.goto('/reviews');
    const row = reviewer.locator('tbody tr', { hasText: '交检〔2026〕2号' });
    await row.getByText('行政检查').waitFor();
    await row.getByRole('button', { name: /评\s*查/ }).click();
    await reviewer.getByRole('button', { name: '申请回避' }).click();
    await reviewer.getByLabel('回避理由').fill('本人近亲属在该客运站任职');
    await reviewer.getByRole('button', { name: '确认回避' }).click();
    await reviewer.getByText('已申请回避：该案卷已改派其他评查人员').waitFor();
    await reviewer.waitForURL((url) => url.pathname === '/reviews');
    await reviewer.locator('tbody tr', { hasText: '交罚〔2026〕1号' }).waitFor();
    await reviewer.locator('tbody tr', { hasText: '交检〔2026〕2号' }).waitFor({ state: 'detached' });
    const rows = await q<{ username: string; active: boolean; end_reason: string | null }>(
      `SELECT u.username, a.active, a.end_reason FROM review_assignments a JOIN users u ON u.id = a.reviewer_id JOIN case_files cf ON cf.id = a.case_file_id WHERE cf.case_number = '交检〔2026〕2号' ORDER BY a.assigned_at`,
    );
    expect(rows).toEqual([{ username: 'rev-zhou', active: false, end_reason: 'conflict' }, { username: 'rev-li', active: true, end_reason: null }]); // not rev-wu: of 交通运输局
    expect(await q(`SELECT reason FROM reviewer_conflicts`)).toEqual([{ reason: '本人近亲属在该客运站任职' }]);
  });

  it('lets only the owning department write scans, and only the assigned reviewers and the office read them', async () => {
    const scans = (await stack.request<{ attachmentId: string; url: string; viewer: string }[]>('GET', `/case-files/${caseFileId}/scans`, { token: token['rev-zhou'] })).body;
    expect(scans.map((s) => s.viewer)).toEqual(['image', 'pdf']);
    const content = await fetch(`${stack.baseUrl.replace(/\/api\/v1$/, '')}${scans[0].url}`, { headers: { authorization: `Bearer ${token['rev-zhou']}` } });
    expect(content.status).toBe(200);
    expect(createHash('sha256').update(Buffer.from(await content.arrayBuffer())).digest('hex')).toBe(createHash('sha256').update(png).digest('hex'));
    expect((await stack.request('GET', `/case-files/${caseFileId}/scans`, { token: admin })).status).toBe(200);
    expect((await stack.request('GET', `/case-files/${caseFileId}/scans`, { token: token['dept-jt'] })).status).toBe(200);
    // Another department, a reviewer not on the file, a reviewer who recused: refused.
    expect(await stack.request('GET', `/case-files/${caseFileId}/scans`, { token: token['dept-sj'] })).toMatchObject({ status: 403, body: { code: 'FORBIDDEN_DEPARTMENT' } });
    expect(await stack.request('PUT', `/case-files/${caseFileId}/scans`, { token: token['dept-sj'], body: { attachmentIds: [] } })).toMatchObject({ status: 403, body: { code: 'FORBIDDEN_DEPARTMENT' } });
    expect(await stack.request('GET', `/case-files/${caseFileId}/scans`, { token: token['rev-wu'] })).toMatchObject({ status: 403, body: { code: 'NOT_ASSIGNED' } });
    expect(await stack.request('GET', `/attachments/${scans[0].attachmentId}/content`, { token: token['rev-wu'] })).toMatchObject({ status: 403, body: { code: 'FORBIDDEN_DEPARTMENT' } });
    expect(await stack.request('GET', `/attachments/${scans[0].attachmentId}/content`, { token: token['dept-sj'] })).toMatchObject({ status: 403 });
    expect((await stack.request('PUT', `/case-files/${caseFileId}/scans`, { token: admin, body: { attachmentIds: [] } })).status).toBe(403); // the department's own act
    const recused = (await q<{ id: string }>(`SELECT id FROM case_files WHERE case_number = '交检〔2026〕2号'`))[0].id;
    expect(await stack.request('GET', `/case-files/${recused}/scans`, { token: token['rev-zhou'] })).toMatchObject({ status: 403, body: { code: 'NOT_ASSIGNED' } });
    expect((await stack.request('GET', `/case-files/${recused}/scans`, { token: token['rev-li'] })).status).toBe(200);
    // The same list again records nothing new.
    expect((await stack.request('PUT', `/case-files/${caseFileId}/scans`, { token: token['dept-jt'], body: { attachmentIds: scans.map((s) => s.attachmentId) } })).status).toBe(200);
    expect(await q(`SELECT 1 FROM audit_log WHERE action = 'case_file.scans'`)).toHaveLength(1);
    // A submitted sheet was scored on them: they cannot be replaced now.
    const changed = await stack.request<{ code: string; message: string }>('PUT', `/case-files/${caseFileId}/scans`, { token: token['dept-jt'], body: { attachmentIds: scans.slice(0, 1).map((s) => s.attachmentId) } });
    expect(changed).toMatchObject({ status: 409, body: { code: 'SCANS_LOCKED', message: expect.stringContaining('退回复核') } });
    expect(await q(`SELECT 1 FROM case_file_scans WHERE case_file_id = $1`, [caseFileId])).toHaveLength(scans.length);
    expect(await q(`SELECT 1 FROM audit_log WHERE action = 'case_file.scans'`)).toHaveLength(1);
  });

  it('answers bad scan and pool input with 400 naming the field (never 500), and a file not drawn with 409', async () => {
    const upload = async (tokenOf: string, name: string, bytes: Buffer) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), name);
      const res = await fetch(`${stack.baseUrl}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${tokenOf}` }, body: form });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const zip = await upload(token['dept-jt'], '材料.zip', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]));
    const foreign = await upload(token['dept-sj'], '别家.png', png);
    const put = (body: unknown, id = caseFileId, as = token['dept-jt']) => stack.request<{ code: string; errors?: { field: string; code: string }[] }>('PUT', `/case-files/${id}/scans`, { token: as, body });
    expect((await put({ attachmentIds: [zip] })).body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'attachmentIds[0]', code: 'SCAN_TYPE_NOT_ALLOWED' }] });
    expect((await put({ attachmentIds: [foreign] })).body).toMatchObject({ errors: [{ field: 'attachmentIds[0]', code: 'ATTACHMENT_NOT_FOUND' }] });
    expect((await put({ attachmentIds: [zip, zip] })).body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'attachmentIds[1]', code: 'SCAN_DUPLICATED' })]));
    for (const body of [{}, { attachmentIds: 'x' }, { attachmentIds: ['not-a-uuid'] }, { attachmentIds: Array(51).fill(zip) }]) {
      const res = await put(body);
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0].field).toMatch(/^attachmentIds/);
    }
    expect((await stack.request('PUT', '/case-files/not-a-uuid/scans', { token: token['dept-jt'], body: { attachmentIds: [] } })).status).toBe(400);
    expect(await put({ attachmentIds: [] }, '00000000-0000-4000-8000-000000000000')).toMatchObject({ status: 404 });
    const notDrawn = (await q<{ id: string }>(`SELECT id FROM case_files WHERE case_number = '市监罚〔2025〕9号'`))[0].id;
    expect(await put({ attachmentIds: [foreign] }, notDrawn, token['dept-sj'])).toMatchObject({ status: 409, body: { code: 'CASE_FILE_NOT_DRAWN' } });

    const pool = (userId: string, body: unknown, as = admin) => stack.request<{ code: string; errors?: { field: string; code: string }[] }>('PUT', `/campaigns/${campaignId}/reviewer-pool/${userId}`, { token: as, body });
    expect((await pool(user['rev-li'], { category: 'judge' })).body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'category' }] });
    expect((await pool(user['rev-li'], { category: 'lawyer' })).body).toMatchObject({ errors: [{ field: 'organisation', code: 'ORGANISATION_REQUIRED' }] });
    expect((await pool(user['rev-li'], { category: 'lawyer', organisation: '   ' })).body).toMatchObject({ errors: [{ field: 'organisation', code: 'ORGANISATION_REQUIRED' }] });
    expect((await pool(user['rev-zhou'], { category: 'department_officer' })).body).toMatchObject({ errors: [{ field: 'departmentId', code: 'DEPARTMENT_REQUIRED' }] });
    expect((await pool(user['rev-zhou'], { category: 'department_officer', departmentId: 'x' })).body).toMatchObject({ errors: [{ field: 'departmentId' }] });
    expect((await pool(user['rev-zhou'], { category: 'department_officer', departmentId: '00000000-0000-4000-8000-000000000000' })).body).toMatchObject({ errors: [{ field: 'departmentId', code: 'DEPARTMENT_UNKNOWN' }] });
    expect((await pool(user['dept-sj'], { category: 'supervisor' })).body).toMatchObject({ errors: [{ field: 'userId', code: 'REVIEWER_UNKNOWN' }] });
    expect((await stack.request('PUT', `/campaigns/${campaignId}/reviewer-pool/not-a-uuid`, { token: admin, body: { category: 'supervisor' } })).status).toBe(400);
    expect((await pool(user['rev-li'], { category: 'supervisor' }, token['dept-sj'])).status).toBe(403);
    expect((await stack.request('GET', `/campaigns/${campaignId}/reviewer-pool`, { token: token['rev-zhou'] })).status).toBe(403);
    // Out of the pool: the member's files stay theirs.
    const removed = await stack.request<{ displayName: string; assigned: number }>('DELETE', `/campaigns/${campaignId}/reviewer-pool/${user['rev-li']}`, { token: admin });
    expect(removed).toMatchObject({ status: 200, body: { displayName: '李律师', assigned: 1 } });
    expect(await stack.request('DELETE', `/campaigns/${campaignId}/reviewer-pool/${user['rev-li']}`, { token: admin })).toMatchObject({ status: 404 });
    expect((await stack.request<Assignment[]>('GET', '/me/reviews', { token: token['rev-li'] })).body).toHaveLength(1);
    const audit = await q<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'reviewer_pool.%' ORDER BY at`);
    expect(audit.map((a) => a.action)).toEqual(['reviewer_pool.add', 'reviewer_pool.add', 'reviewer_pool.add', 'reviewer_pool.remove']);
  });
});
