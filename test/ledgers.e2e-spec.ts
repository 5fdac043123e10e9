/**
 * The ledgers (台账) through HTTP against the real stack: a small campaign driven through tasks,
 * self-checks, a draw and reviews (one vetoed), letters and rectification (one closed, one extended,
 * an escalation and a carry-over put in as the workflows record them), then every ledger downloaded
 * and read back with exceljs: Chinese headers, frozen header row, filter, the rows the test drove;
 * a department user gets only its own rows; the assessment 409 until a version is published; the
 * console's download button on the tasks tab.
 */
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { consoleBuild, launchBrowser, pageErrors, personOn, screenshot, signIn } from './support/browser';
import { eventually, startStack, ADMIN, type Stack } from './support/stack';
import { importCsvOrFail } from './support/case-file-imports';
import { poolAllReviewers } from './support/reviewer-pool';

interface Department { id: string; code: string; name: string }
const SECOND = 1000;

describe('ledgers (e2e)', () => {
  let stack: Stack;
  let admin: string;
  let depts: Department[];
  let userA: string;
  let userB: string;
  let outsider: string;
  let reviewer: string;
  let campaignId: string;
  let t0: number;
  const at = (ms: number) => new Date(t0 + ms).toISOString();
  const until = async (ms: number) => {
    const wait = t0 + ms - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  };
  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => {
    const pg = new Client({ connectionString: stack.databaseUrl });
    await pg.connect();
    try {
      return (await pg.query(text, params)).rows as T[];
    } finally {
      await pg.end();
    }
  };

  /** Downloads a ledger; for a 200 the parsed sheet, otherwise the error body. */
  async function ledger(kind: string, token: string, id = campaignId) {
    const res = await fetch(`${stack.baseUrl}/campaigns/${id}/ledgers/${kind}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) return { status: res.status, error: (await res.json()) as { code: string; message: string; errors?: { field: string; code: string; message: string }[] } };
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const fileName = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')![1]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const ws = wb.worksheets[0];
    const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    const rows: Record<string, unknown>[] = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const values = row.values as unknown[];
      rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i + 1] ?? ''])));
    });
    return { status: 200, fileName, ws, headers, rows };
  }
  type Sheet = Awaited<ReturnType<typeof ledger>> & { ws: ExcelJS.Worksheet; headers: string[]; rows: Record<string, unknown>[]; fileName: string };
  const sheet = async (kind: string, token: string) => {
    const s = await ledger(kind, token);
    expect(s.status).toBe(200);
    const ok = s as Sheet;
    expect(ok.ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 }); // the header row stays in view
    expect(ok.ws.autoFilter).toBe(`A1:${ok.ws.getColumn(ok.headers.length).letter}${ok.rows.length + 1}`);
    return ok;
  };

  beforeAll(async () => {
    stack = await startStack({ webRoot: consoleBuild() });
    admin = await stack.login(ADMIN.username, ADMIN.password);
    const csv = ['code,name,kind,active', 'SC,市场监督管理局,bureau,true', 'YJ,应急管理局,bureau,true', 'WJ,卫生健康委员会,bureau,true'].join('\n');
    await stack.request('POST', '/departments/import', { token: admin, raw: csv, contentType: 'text/csv' });
    depts = (await stack.request<Department[]>('GET', '/departments', { token: admin })).body;
    const [a, b, w] = ['SC', 'YJ', 'WJ'].map((code) => depts.find((d) => d.code === code)!);
    for (const [username, role, d] of [['sc-user', 'department_user', a], ['yj-user', 'department_user', b], ['wj-user', 'department_user', w], ['rev', 'reviewer', null]] as const) {
      const res = await stack.request('POST', '/users', { token: admin, body: { username, password: 'password-123', role, displayName: username, ...(d ? { departmentId: d.id } : {}) } });
      expect(res.status).toBe(201);
    }
    [userA, userB, outsider, reviewer] = await Promise.all(['sc-user', 'yj-user', 'wj-user', 'rev'].map((u) => stack.login(u, 'password-123')));
    const next = new Date().getUTCFullYear() + 1;
    await stack.request('PUT', `/calendar/years/${next}`, { token: admin, body: { holidays: [`${next}-01-01`], makeUpWorkdays: [], source: '测试数据：非官方安排' } });

    t0 = Date.now();
    const launch = await stack.request<{ id: string }>('POST', '/campaigns', {
      token: admin,
      body: {
        year: 2029,
        title: '2029年度行政执法监督',
        priorities: [
          { code: 'P01', title: '公示执法信息', departmentIds: [a.id, b.id], dueAt: at(3600 * SECOND), evidenceRequired: false },
          { code: 'P02', title: '报送年度报告', departmentIds: [a.id, b.id], dueAt: at(-86400 * SECOND * 3), evidenceRequired: false },
        ],
        calendar: { selfCheckOpensAt: at(4 * SECOND), selfCheckClosesAt: at(10 * SECOND), reviewOpensAt: at(11 * SECOND), reviewClosesAt: at(3600 * SECOND), closesAt: at(300 * 86400 * SECOND) },
      },
    });
    expect(launch.status).toBe(201);
    campaignId = launch.body.id;
    await stack.request('PUT', `/campaigns/${campaignId}/self-check/template`, {
      token: admin,
      body: { template: { sections: [{ code: 's', title: '三项制度', items: [{ code: 'pub', title: '是否公示', answerType: 'yes_no_partial', evidenceRequired: false, points: 100 }] }] } },
    });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('drives a small campaign: tasks, self-checks, reviews, letters and rectification', async () => {
    // Tasks: SC completes P01; P02 is already past its deadline for both.
    const tasks = await eventually(async () => {
      const t = (await stack.request<{ id: string; title: string }[]>('GET', '/me/tasks', { token: userA })).body;
      return t.length === 2 ? t : undefined;
    }, 30000, 'tasks');
    const p01 = tasks.find((t) => t.title === '公示执法信息')!;
    expect((await stack.request('POST', `/tasks/${p01.id}/complete`, { token: userA, body: { note: '已在政府网站公示', evidence: [] } })).status).toBe(200);

    // Self-checks: SC submits and is accepted; YJ does not submit (逾期未报 when the window closes).
    await until(4.5 * SECOND);
    await stack.request('PUT', `/me/self-checks/${campaignId}/draft`, { token: userA, body: { answers: { pub: { value: 'yes' } } } });
    const submitted = await stack.request<{ id: string }>('POST', `/me/self-checks/${campaignId}/submit`, { token: userA });
    expect(submitted.status).toBe(200);
    expect((await stack.request('POST', `/self-checks/${submitted.body.id}/decision`, { token: admin, body: { decision: 'accept' } })).status).toBe(200);
    await stack.request('POST', `/self-checks/${submitted.body.id}/verifications`, { token: admin, body: { claims: [{ itemCode: 'pub', found: '未公示执法人员信息', discrepancy: true, rule: '《行政执法公示办法》第五条' }] } });

    // Case files and the draw: every file drawn (2 per department), one reviewer.
    const rows = ['SC', 'YJ'].flatMap((code) => [`${code},${code}-2029-001,行政处罚,${code}甲案,2029-02-15,执法人员甲,concluded`, `${code},${code}-2029-002,行政检查,${code}乙案,2029-03-15,执法人员乙,concluded`]);
    await importCsvOrFail(stack, admin, ['department_code,case_number,case_type,title,decision_date,handling_officer,status', ...rows].join('\n'));
    const base = `/campaigns/${campaignId}/draw`;
    await poolAllReviewers(stack, admin, campaignId);
    expect((await stack.request('PUT', `${base}/config`, { token: admin, body: { rules: { rate: 1, min: 1, max: 10, caseTypeCoverage: false, period: { from: '2029-01-01', to: '2029-12-31' }, reviewersPerFile: 1 } } })).status).toBe(200);
    await stack.request('POST', `${base}/commit`, { token: admin });
    expect((await stack.request<{ sampleCount: number }>('POST', base, { token: admin })).body).toMatchObject({ sampleCount: 4 });

    await until(11.5 * SECOND);
    const mine = (await stack.request<{ assignmentId: string; caseFile: { caseNumber: string } }[]>('GET', '/me/reviews', { token: reviewer })).body;
    expect(mine).toHaveLength(4);
    const standard = (await stack.request<{ standard: { sections: { criteria: { code: string }[] }[]; basicCriteria: { code: string; title: string }[] } }>('GET', `/review-assignments/${mine[0].assignmentId}`, { token: reviewer })).body.standard;
    for (const a of mine) {
      const body = a.caseFile.caseNumber === 'SC-2029-001'
        ? { deductions: [], vetoes: [{ criterionCode: standard.basicCriteria[0].code, note: '主要证据不足' }], comment: '证据不足' }
        : a.caseFile.caseNumber === 'YJ-2029-002'
          ? { deductions: [{ criterionCode: standard.sections[0].criteria[0].code, points: 5, note: '未出示执法证件' }], vetoes: [], comment: '' }
          : { deductions: [], vetoes: [], comment: '' };
      if (a.caseFile.caseNumber === 'SC-2029-002') continue; // still under review
      expect((await stack.request('POST', `/review-assignments/${a.assignmentId}/submit`, { token: reviewer, body })).status).toBe(200);
    }
    vetoTitle = standard.basicCriteria[0].title;

    // Letters: office settings, draft from the findings, issue; SC acknowledges.
    await stack.request('PUT', '/office-settings', { token: admin, body: { officeName: '某某市司法局', documentNumberFormat: '某司监〔{year}〕{n}号', contact: '' } });
    const letters = (await stack.request<{ id: string; departmentId: string; items: unknown[] }[]>('POST', `/campaigns/${campaignId}/opinion-letters/draft`, { token: admin })).body;
    expect(letters.map((l) => depts.find((d) => d.id === l.departmentId)!.code).sort()).toEqual(['SC', 'YJ']);
    letterItems = Object.fromEntries(letters.map((l) => [depts.find((d) => d.id === l.departmentId)!.code, l.items.length]));
    for (const l of letters) expect((await stack.request('POST', `/opinion-letters/${l.id}/issue`, { token: admin })).status).toBe(200);
    const [letterA] = (await stack.request<{ id: string }[]>('GET', '/me/opinion-letters', { token: userA })).body;
    expect((await stack.request('POST', `/opinion-letters/${letterA.id}/acknowledge`, { token: userA })).status).toBe(200);

    // Rectification: SC's first item reported and closed (销号); YJ's first item extended.
    const itemsA = (await stack.request<{ id: string; position: number }[]>('GET', '/me/rectifications', { token: userA })).body.sort((x, y) => x.position - y.position);
    itemA = itemsA[0].id;
    await stack.request('POST', `/rectifications/${itemA}/reports`, { token: userA, body: { report: '已补充公示', evidence: [] } });
    expect((await stack.request<{ status: string }>('POST', `/rectifications/${itemA}/decision`, { token: admin, body: { decision: 'accept' } })).body.status).toBe('closed');
    const [itemB] = (await stack.request<{ id: string; deadlineAt: string }[]>('GET', '/me/rectifications', { token: userB })).body;
    const later = new Date(Date.parse(itemB.deadlineAt) + 30 * 86400000).toISOString().slice(0, 10);
    await stack.request('POST', `/rectifications/${itemB.id}/extensions`, { token: userB, body: { reason: '涉及多部门协调', newDeadline: later } });
    await stack.request('POST', `/rectifications/${itemB.id}/extensions/decision`, { token: admin, body: { approve: true, note: '同意' } });
    extendedTo = later;
    // What the ladder and the turn of the year would record (days away in real time): a 催办 and a carry-over.
    await sql(`INSERT INTO escalations (campaign_id, department_id, kind, target_type, target_id, round, at) VALUES ($1, $2, 'urge', 'rectification_item', $3, 1, '2029-06-03T02:00:00Z')`, [campaignId, depts.find((d) => d.code === 'YJ')!.id, itemB.id]);
    await sql(`INSERT INTO rectification_carryovers (item_id, from_year, to_year, carried_at) VALUES ($1, 2029, 2030, now())`, [itemB.id]);
    await eventually(async () => ((await stack.request<{ overall: { lettersAcknowledged: number } }>('GET', `/campaigns/${campaignId}/rectification-status`, { token: admin })).body.overall.lettersAcknowledged === 1 ? true : undefined));
  }, 120_000);
  let vetoTitle: string;
  let letterItems: Record<string, number>;
  let itemA: string;
  let extendedTo: string;

  it('exports the task ledger: every department for the office, its own for a department', async () => {
    const office = await sheet('tasks', admin);
    expect(office.fileName).toBe('2029年度任务台账.xlsx');
    expect(office.headers.slice(0, 10)).toEqual(['部门代码', '部门名称', '工作要点编号', '工作要点', '任务', '截止时间', '状态', '完成时间', '是否逾期', '逾期工作日数']);
    expect(office.rows.map((r) => [r['部门代码'], r['工作要点编号'], r['状态'], r['是否逾期']])).toEqual([
      ['SC', 'P01', '已完成', '否'],
      ['SC', 'P02', '办理中', '是'],
      ['YJ', 'P01', '办理中', '否'],
      ['YJ', 'P02', '办理中', '是'],
    ]);
    expect(office.rows[1]['逾期工作日数']).toEqual(expect.any(Number));
    expect(office.rows[0]['完成时间']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const own = await sheet('tasks', userA);
    expect(own.fileName).toBe('2029年度任务台账（市场监督管理局）.xlsx');
    expect(own.rows.map((r) => r['部门代码'])).toEqual(['SC', 'SC']);
  });

  it('exports the self-check ledger with statuses in Chinese', async () => {
    await until(10.5 * SECOND);
    const office = await eventually(async () => {
      const s = await sheet('self-checks', admin);
      return s.rows.find((r) => r['部门代码'] === 'YJ')?.['状态'] === '逾期未报' ? s : undefined;
    }, 20000, 'YJ marked 逾期未报');
    expect(office.headers).toEqual(expect.arrayContaining(['部门名称', '状态', '报送时间', '是否逾期', '审核结果', '审核时间']));
    expect(office.rows.map((r) => [r['部门代码'], r['状态'], r['是否逾期'], r['审核结果'], r['核查发现问题数']])).toEqual([
      ['SC', '已通过', '否', '通过', 1],
      ['YJ', '逾期未报', '是（逾期未报）', '', 0],
    ]);
    expect((await sheet('self-checks', userB)).rows.map((r) => r['部门代码'])).toEqual(['YJ']);
  });

  it('exports the review results with the combined score, grade and the vetoed criterion', async () => {
    const office = await sheet('review-results', admin);
    expect(office.fileName).toBe('2029年度评查结果汇总表.xlsx');
    const byCase = Object.fromEntries(office.rows.map((r) => [r['案号'], r]));
    expect(office.rows.map((r) => r['案号'])).toEqual(['SC-2029-001', 'SC-2029-002', 'YJ-2029-001', 'YJ-2029-002']);
    expect(byCase['SC-2029-001']).toMatchObject({ 部门名称: '市场监督管理局', 案卷名称: 'SC甲案', 案件类型: '行政处罚', 评查人数: 1, 是否一票否决: '是', 否决事项: vetoTitle, 评查状态: '已评查' });
    expect(byCase['SC-2029-001']['等次']).toMatch(/^(不合格|良好|合格)$/);
    expect(byCase['SC-2029-002']).toMatchObject({ 案件类型: '行政检查', 评查状态: '评查中', 得分: '', 等次: '', 评查完成时间: '' });
    expect(byCase['YJ-2029-002']).toMatchObject({ 得分: 95, 等次: '优秀', 是否一票否决: '否' });
    expect(byCase['YJ-2029-001']).toMatchObject({ 得分: 100, 评查完成时间: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/) });
    // The same figures as the review API.
    const api = (await stack.request<{ caseNumber: string; score: number | null }[]>('GET', `/campaigns/${campaignId}/review/results/files?limit=100`, { token: admin })).body;
    for (const f of api) expect(byCase[f.caseNumber]['得分']).toBe(f.score ?? '');
    expect((await sheet('review-results', userB)).rows.map((r) => r['案号'])).toEqual(['YJ-2029-001', 'YJ-2029-002']);
  });

  it('exports the letter ledger, one row per opinion item', async () => {
    const office = await sheet('letters', admin);
    expect(office.headers).toEqual(expect.arrayContaining(['文号', '部门名称', '签发时间', '签收期限', '签收时间', '问题', '依据', '整改要求', '整改期限']));
    expect(office.rows).toHaveLength(letterItems.SC + letterItems.YJ);
    const sc = office.rows.filter((r) => r['部门代码'] === 'SC');
    expect(sc).toHaveLength(letterItems.SC);
    expect(sc[0]).toMatchObject({ 文号: expect.stringMatching(/^某司监〔\d{4}〕\d+号$/), 意见书状态: '已签收', 是否按期签收: '是', 条目序号: 1 });
    expect(String(sc[0]['签收时间'])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(office.rows.find((r) => r['部门代码'] === 'YJ')).toMatchObject({ 意见书状态: '已印发', 签收时间: '' });
    expect(office.rows.map((r) => String(r['问题'])).join('\n')).toContain('未公示执法人员信息');
    const own = await sheet('letters', userB);
    expect(own.rows.every((r) => r['部门代码'] === 'YJ')).toBe(true);
  });

  it('exports the rectification ledger with 销号, extensions, escalations and the carry-over', async () => {
    const office = await sheet('rectification', admin);
    expect(office.fileName).toBe('2029年度整改台账.xlsx');
    expect(office.headers).toEqual(expect.arrayContaining(['文号', '意见条目', '整改期限（原）', '整改期限（现）', '状态', '报送时间', '销号日期', '是否按期', '延期', '督办记录', '结转']));
    expect(office.rows).toHaveLength(letterItems.SC + letterItems.YJ);
    const closed = office.rows.filter((r) => r['状态'] === '已销号');
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ 部门代码: 'SC', 是否销号: '是', 是否按期: '是', 销号日期: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const extended = office.rows.find((r) => r['延期'] !== '')!;
    expect(extended).toMatchObject({ 部门代码: 'YJ', 延期: `申请延至 ${extendedTo}（同意）`, 督办记录: '催办 2029-06-03', 结转: '结转至2030年度', 状态: '整改中' });
    expect(extended['整改期限（原）']).not.toBe(extended['整改期限（现）']);
    void itemA;
    const own = await sheet('rectification', userA);
    expect(own.rows.map((r) => r['部门代码'])).toEqual(Array(letterItems.SC).fill('SC'));
  });

  it('answers 409 for the assessment until a version is published, then exports the latest', async () => {
    expect(await ledger('assessment', admin)).toMatchObject({ status: 409, error: { code: 'ASSESSMENT_NOT_PUBLISHED', message: expect.stringContaining('尚未发布') } });
    const [a, b] = ['SC', 'YJ'].map((code) => depts.find((d) => d.code === code)!);
    const ind = (s1: number, s2: number) => [{ code: 'A', name: '依法全面履行政府职能', level: 1, points: 40, score: s1 }, { code: 'B', name: '严格规范公正文明执法', level: 1, points: 60, score: s2 }];
    const results = (v: number) => ({
      asOf: '2029-12-31T15:59:59.000Z',
      departments: [
        { departmentId: b.id, code: 'YJ', name: '应急管理局', score: 70 + v, grade: 'pass', rank: 2, gradeNotes: [], files: {}, indicators: ind(30, 40 + v) },
        { departmentId: a.id, code: 'SC', name: '市场监督管理局', score: 91, grade: 'excellent', rank: 1, gradeNotes: [], files: {}, indicators: ind(38, 53) },
      ],
    });
    const [{ id: treeId }] = await sql<{ id: string }>(`SELECT indicator_tree_id AS id FROM campaigns WHERE id = $1`, [campaignId]);
    const [{ id: adminId }] = await sql<{ id: string }>(`SELECT id FROM users WHERE username = 'admin'`);
    for (const v of [1, 2]) {
      await sql(`INSERT INTO assessment_versions (campaign_id, version, as_of, indicator_tree_id, inputs_hash, results, published_at, published_by, objection_due_at) VALUES ($1, $2, '2029-12-31T15:59:59Z', $3, $4, $5, now(), $6, now() + interval '10 days')`, [campaignId, v, treeId, String(v).repeat(64), JSON.stringify(results(v)), adminId]);
    }
    const office = await sheet('assessment', admin);
    expect(office.fileName).toBe('2029年度考核得分表.xlsx');
    expect(office.headers).toEqual(['排名', '部门代码', '部门名称', '依法全面履行政府职能（40分）', '严格规范公正文明执法（60分）', '总分', '等次', '等次说明', '版本', '截止日期']);
    expect(office.rows.map((r) => [r['排名'], r['部门代码'], r['依法全面履行政府职能（40分）'], r['严格规范公正文明执法（60分）'], r['总分'], r['等次'], r['版本'], r['截止日期']])).toEqual([
      [1, 'SC', 38, 53, 91, '优秀', 2, '2029-12-31'],
      [2, 'YJ', 30, 42, 72, '合格', 2, '2029-12-31'],
    ]);
    expect((await sheet('assessment', userB)).rows.map((r) => r['部门代码'])).toEqual(['YJ']);
  });

  it('refuses an unknown kind (400), an unknown campaign (404), other roles and departments outside the campaign (403)', async () => {
    const bad = await ledger('payroll', admin);
    expect(bad).toMatchObject({ status: 400, error: { code: 'VALIDATION_FAILED', errors: [{ field: 'kind', code: 'NOT_ALLOWED_VALUE', message: expect.stringContaining('tasks（任务台账）') }] } });
    expect(await ledger('tasks', admin, '00000000-0000-4000-8000-000000000000')).toMatchObject({ status: 404, error: { code: 'NOT_FOUND' } });
    expect(await ledger('tasks', admin, 'nope')).toMatchObject({ status: 400, error: { errors: [{ field: 'id' }] } });
    expect(await ledger('tasks', reviewer)).toMatchObject({ status: 403 });
    // WJ is not in this campaign: nothing of it to export, and never another department's rows.
    expect(await ledger('tasks', outsider)).toMatchObject({ status: 403, error: { code: 'DEPARTMENT_NOT_IN_CAMPAIGN' } });
  });

  it('streams by design: a ledger larger than one cursor batch arrives whole', async () => {
    // 1,200 extra tasks for SC (more than two batches of 500), put in directly: one per extra priority.
    await sql(
      `WITH p AS (INSERT INTO work_priorities (campaign_id, code, title, description, due_at, evidence_required)
                  SELECT $1, 'X' || lpad(g::text, 4, '0'), '批量要点', '', now() + interval '30 days', false FROM generate_series(1, 1200) g RETURNING id, code)
       INSERT INTO tasks (campaign_id, priority_id, department_id, title, due_at, evidence_required)
       SELECT $1, p.id, $2, '批量任务' || p.code, now() + interval '30 days', false FROM p`,
      [campaignId, depts.find((d) => d.code === 'SC')!.id],
    );
    const office = await sheet('tasks', admin);
    expect(office.rows).toHaveLength(4 + 1200);
    expect(office.rows.filter((r) => String(r['任务']).startsWith('批量任务'))).toHaveLength(1200);
    // In order across the batches: SC's P01, P02, X0001 … X1200, then YJ's two.
    expect(office.rows.map((r) => `${r['部门代码']}:${r['工作要点编号']}`)).toEqual(['SC:P01', 'SC:P02', ...Array.from({ length: 1200 }, (_, i) => `SC:X${String(i + 1).padStart(4, '0')}`), 'YJ:P01', 'YJ:P02']);
    await sql(`DELETE FROM tasks WHERE title LIKE '批量任务%'`);
    await sql(`DELETE FROM work_priorities WHERE campaign_id = $1 AND code LIKE 'X%'`, [campaignId]);
  });

  it('offers the download on the campaign’s tasks tab in the console', async () => {
    const browser = await launchBrowser();
    try {
      const origin = stack.baseUrl.replace(/\/api\/v1$/, '');
      const { page } = await personOn(browser, origin);
      await signIn(page, ADMIN.username, ADMIN.password);
      await page.goto(`/campaigns/${campaignId}`);
      await page.getByRole('tab', { name: '工作要点落实' }).click();
      const button = page.getByRole('button', { name: /导出任务台账/ });
      await button.waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
      expect(download.suggestedFilename()).toBe('2029年度任务台账.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(await download.path());
      expect(wb.worksheets[0].getRow(1).getCell(1).value).toBe('部门代码');
      await screenshot(page, 'ledgers-tasks-tab');
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
