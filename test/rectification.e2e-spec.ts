/**
 * Stages 4 and 5 through HTTP against the real stack: findings → draft → edit/merge/drop → issue
 * (many letters in parallel: gap-free numbers) → acknowledge → DOCX → report → return → resubmit →
 * accept, an extension, an objection, a reopen; a department refused on another's letter; bad input.
 */
import { writeFileSync } from 'fs';
import JSZip from 'jszip';
import { Client } from 'pg';
import { eventually, startStack, ADMIN, type Stack } from './support/stack';

interface Department { id: string; code: string }
interface Letter { id: string; departmentId: string; status: string; documentNumber: string | null; issuedAt: string | null; items: { id: string; position: number; problem: string; deadlineAt: string | null }[] }
interface Item { id: string; status: string; deadlineAt: string; originalDeadlineAt: string; round: number; objection: string | null; reports: unknown[]; extensions: { decision: string }[]; escalations: { kind: string }[] }

const EXTRA = 30;

describe('opinions and rectification (e2e)', () => {
  let stack: Stack;
  let admin: string;
  let depts: Department[];
  let userA: string;
  let userB: string;
  let campaignId: string;
  let letters: Letter[];

  beforeAll(async () => {
    stack = await startStack();
    admin = await stack.login(ADMIN.username, ADMIN.password);
    const csv = ['code,name,kind,active', 'SC,市场监督管理局,bureau,true', 'YJ,应急管理局,bureau,true', ...Array.from({ length: EXTRA }, (_, i) => `Z${i},部门${i},bureau,true`)].join('\n');
    await stack.request('POST', '/departments/import', { token: admin, raw: csv, contentType: 'text/csv' });
    depts = (await stack.request<Department[]>('GET', '/departments', { token: admin })).body;
    const [a, b] = ['SC', 'YJ'].map((code) => depts.find((d) => d.code === code)!);
    for (const [username, d] of [['sc-user', a], ['yj-user', b]] as const) {
      await stack.request('POST', '/users', { token: admin, body: { username, password: 'password-123', role: 'department_user', displayName: username, departmentId: d.id } });
    }
    // Deadlines of this run reach into next year: give the calendar that year if it does not ship with it
    // (a test stand-in: weekends only; the office enters the real notice through the same endpoint).
    const next = new Date().getUTCFullYear() + 1;
    const year = await stack.request('PUT', `/calendar/years/${next}`, { token: admin, body: { holidays: [`${next}-01-01`], makeUpWorkdays: [], source: '测试数据：非官方安排' } });
    expect([200, 409]).toContain(year.status);
    userA = await stack.login('sc-user', 'password-123');
    userB = await stack.login('yj-user', 'password-123');
    const t0 = Date.now();
    const launch = await stack.request<{ id: string }>('POST', '/campaigns', {
      token: admin,
      body: {
        year: 2028,
        title: '2028年度督察（整改）',
        priorities: [{ code: 'P01', title: '报送', departmentIds: 'all', dueAt: new Date(t0 + 100 * 86400000).toISOString(), evidenceRequired: false }],
        calendar: { selfCheckOpensAt: new Date(t0 + 2000).toISOString(), closesAt: new Date(t0 + 300 * 86400000).toISOString() },
      },
    });
    campaignId = launch.body.id;
    await stack.request('PUT', `/campaigns/${campaignId}/self-check/template`, {
      token: admin,
      body: { template: { sections: [{ code: 's', title: '三项制度', items: [{ code: 'pub', title: '是否公示', answerType: 'yes_no_partial', evidenceRequired: false, points: 50 }, { code: 'rec', title: '是否全过程记录', answerType: 'yes_no_partial', evidenceRequired: false, points: 50 }] }] } },
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('turns verification findings into draft letters, one per department, one item per finding', async () => {
    await new Promise((r) => setTimeout(r, 2500)); // the self-check window opens 2 s after launch
    for (const token of [userA, userB]) {
      await stack.request('PUT', `/me/self-checks/${campaignId}/draft`, { token, body: { answers: { pub: { value: 'yes' }, rec: { value: 'yes' } } } });
      const submitted = await stack.request<{ id: string }>('POST', `/me/self-checks/${campaignId}/submit`, { token });
      expect(submitted.status).toBe(200);
      const claims = token === userA
        ? [{ itemCode: 'pub', found: '未公示执法人员信息', discrepancy: true, rule: '《行政执法公示办法》第五条' }, { itemCode: 'rec', found: '现场检查未全程录像', discrepancy: true }]
        : [{ itemCode: 'pub', found: '公示信息未及时更新', discrepancy: true }];
      expect((await stack.request('POST', `/self-checks/${submitted.body.id}/verifications`, { token: admin, body: { claims } })).status).toBe(201);
    }
    // The other departments' findings (from review, say) are put in directly: this suite is about what comes after.
    const pg = new Client({ connectionString: stack.databaseUrl });
    await pg.connect();
    await pg.query(
      `INSERT INTO findings (campaign_id, department_id, source, source_key, description, rule)
       SELECT $1, d.id, 'review', 'fixture:' || d.code, '案卷 ' || d.code || '-001：未告知陈述申辩权利', '《行政处罚法》第四十四条'
         FROM departments d WHERE d.code LIKE 'Z%'`,
      [campaignId],
    );
    await pg.end();

    letters = (await stack.request<Letter[]>('POST', `/campaigns/${campaignId}/opinion-letters/draft`, { token: admin })).body;
    expect(letters).toHaveLength(2 + EXTRA);
    const again = (await stack.request<Letter[]>('POST', `/campaigns/${campaignId}/opinion-letters/draft`, { token: admin })).body;
    expect(again.flatMap((l) => l.items)).toHaveLength(3 + EXTRA); // drafting twice adds nothing
    const letterA = letters.find((l) => l.departmentId === depts.find((d) => d.code === 'SC')!.id)!;
    expect(letterA.items.map((i) => i.position)).toEqual([1, 2]);
    expect((await stack.request('GET', `/opinion-letters/${letterA.id}`, { token: userA })).status).toBe(403); // a draft is not the department's yet
  });

  it('lets the office edit, merge and drop items, refusing bad input with the field named', async () => {
    const letterA = letters.find((l) => l.items.length === 2)!;
    const [first, second] = letterA.items;
    expect((await stack.request('PATCH', `/opinion-items/${first.id}`, { token: admin, body: { deadline: { amount: 10 } } })).body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'deadline' }] });
    expect((await stack.request('PATCH', `/opinion-items/${first.id}`, { token: admin, body: { deadline: { amount: 10, unit: 'weeks' } } })).body).toMatchObject({ errors: [{ field: 'deadline.unit' }] });
    type EditedLetter = { items: { id: string; problem: string; rule: string; action: string; deadline: unknown; findingIds: string[] }[] };
    const patched = await stack.request<EditedLetter>('PATCH', `/opinion-items/${first.id}`, { token: admin, body: { action: '在政府网站补充公示全部执法人员信息', deadline: { amount: 20, unit: 'working_days' } } });
    expect(patched.status).toBe(200);
    const edited = patched.body.items.find((i) => i.id === first.id)!;
    expect(edited).toMatchObject({ action: '在政府网站补充公示全部执法人员信息', deadline: { amount: 20, unit: 'working_days' } });
    const findingIds = patched.body.items.flatMap((i) => i.findingIds);
    const merged = await stack.request<Letter & EditedLetter>('POST', `/opinion-letters/${letterA.id}/merge`, { token: admin, body: { itemIds: [first.id, second.id], problem: '行政执法公示和全过程记录制度落实不到位' } });
    expect(merged.body.items).toEqual([expect.objectContaining({ id: first.id, problem: '行政执法公示和全过程记录制度落实不到位', rule: edited.rule, action: edited.action })]);
    expect([...merged.body.items[0].findingIds].sort()).toEqual([...new Set(findingIds)].sort());
    const letterZ = letters.find((l) => l.items.length === 1 && l.id !== letterA.id)!;
    expect((await stack.request<Letter>('DELETE', `/opinion-items/${letterZ.items[0].id}`, { token: admin })).body.items).toEqual([]);
    expect((await stack.request('POST', `/opinion-letters/${letterZ.id}/issue`, { token: admin })).body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'items' }] });
    letters = (await stack.request<Letter[]>('GET', `/campaigns/${campaignId}/opinion-letters`, { token: admin })).body.filter((l) => l.items.length > 0);
  });

  it('refuses to issue under the example 发文机关 and 文号, then issues under the office\'s own', async () => {
    const refused = await stack.request<{ code: string; errors: { field: string }[] }>('POST', `/opinion-letters/${letters[0].id}/issue`, { token: admin });
    expect(refused).toMatchObject({ status: 409, body: { code: 'OFFICE_SETTINGS_PLACEHOLDER' } });
    expect(refused.body.errors.map((e) => e.field)).toEqual(['officeName', 'documentNumberFormat']);
    expect((await stack.request('GET', '/office-settings', { token: admin })).body).toMatchObject({ placeholders: true });
    expect(await stack.request('PUT', '/office-settings', { token: admin, body: { officeName: '某某市司法局', documentNumberFormat: '某司监〔{year}〕', contact: '' } })).toMatchObject({ status: 400, body: { errors: [{ field: 'documentNumberFormat', code: 'NUMBER_FORMAT_INVALID' }] } });
    expect((await stack.request('PUT', '/office-settings', { token: userA, body: { officeName: '某某市司法局', documentNumberFormat: '某司监〔{year}〕{n}号', contact: '' } })).status).toBe(403);
    const body = { officeName: '某某市司法局', documentNumberFormat: '某司监〔{year}〕{n}号', contact: '张三，0571-87654321' };
    expect((await stack.request('PUT', '/office-settings', { token: admin, body })).body).toMatchObject({ ...body, placeholders: false });
    expect((await stack.request('PUT', '/office-settings', { token: admin, body })).status).toBe(200); // the same again: recorded once
    const pg = new Client({ connectionString: stack.databaseUrl });
    await pg.connect();
    const { rows } = await pg.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'office.settings'`);
    await pg.end();
    expect(rows[0].n).toBe(1);
  });

  it('issues many letters in parallel with unique, gap-free document numbers', async () => {
    const issued = await Promise.all(letters.map((l) => stack.request<Letter>('POST', `/opinion-letters/${l.id}/issue`, { token: admin })));
    expect(issued.every((r) => r.status === 200)).toBe(true);
    const numbers = issued.map((r) => Number(/〔(\d{4})〕(\d+)号/.exec(r.body.documentNumber!)![2])).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: letters.length }, (_, i) => i + 1));
    // Issuing again (a client whose answer was lost retries) answers with the same 文号 and writes nothing.
    const first = issued.find((r) => r.body.id === letters[0].id)!.body;
    expect(await stack.request('POST', `/opinion-letters/${letters[0].id}/issue`, { token: admin })).toMatchObject({ status: 200, body: { documentNumber: first.documentNumber, issuedAt: first.issuedAt } });
    const pg = new Client({ connectionString: stack.databaseUrl });
    await pg.connect();
    const { rows } = await pg.query(`SELECT (SELECT count(*)::int FROM audit_log WHERE action = 'opinion_letter.issue') AS audits, (SELECT count(*)::int FROM outbox WHERE subject_type = 'opinion_letter') AS starts`);
    await pg.end();
    expect(rows[0]).toEqual({ audits: letters.length, starts: letters.length });
    expect(await stack.request('PUT', `/campaigns/${campaignId}/rectification-rules`, { token: admin, body: { rules: { defaultDeadline: 'x' } } })).toMatchObject({ status: 400 });
  });

  let itemA: string;
  it('has the department acknowledge its own letter only, and download it as DOCX', async () => {
    const mine = (await stack.request<Letter[]>('GET', '/me/opinion-letters', { token: userA })).body;
    expect(mine).toHaveLength(1);
    const letter = mine[0];
    itemA = letter.items[0].id;
    expect(await stack.request('POST', `/opinion-letters/${letter.id}/acknowledge`, { token: userB })).toMatchObject({ status: 403, body: { code: 'FORBIDDEN_DEPARTMENT' } });
    expect((await stack.request('GET', `/rectifications/${itemA}`, { token: userB })).status).toBe(403);
    expect((await stack.request<Letter>('POST', `/opinion-letters/${letter.id}/acknowledge`, { token: userA })).body.status).toBe('acknowledged');
    expect(await stack.request('POST', `/opinion-letters/${letter.id}/acknowledge`, { token: userA })).toMatchObject({ status: 409, body: { code: 'LETTER_ALREADY_ACKNOWLEDGED' } });
    const res = await fetch(`${stack.baseUrl}/opinion-letters/${letter.id}/docx`, { headers: { authorization: `Bearer ${userA}` } });
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain(letter.documentNumber);
    expect(xml).toContain('市场监督管理局');
  });

  it('takes a report, returns it with reasons, takes the resubmission and closes the item (销号)', async () => {
    expect((await stack.request('POST', `/rectifications/${itemA}/reports`, { token: userA, body: { evidence: [] } })).body).toMatchObject({ errors: [{ field: 'report' }] });
    expect((await stack.request<Item>('POST', `/rectifications/${itemA}/reports`, { token: userA, body: { report: '已补充公示', evidence: [] } })).body.status).toBe('submitted');
    expect((await stack.request('POST', `/rectifications/${itemA}/decision`, { token: admin, body: { decision: 'return' } })).body).toMatchObject({ errors: [{ field: 'reason' }] });
    expect((await stack.request<Item>('POST', `/rectifications/${itemA}/decision`, { token: admin, body: { decision: 'return', reason: '缺少公示截图' } })).body.status).toBe('returned');
    await stack.request('POST', `/rectifications/${itemA}/reports`, { token: userA, body: { report: '已补充公示并附截图', evidence: [{ name: '截图', uri: 'https://e/1.png' }] } });
    const closed = (await stack.request<Item>('POST', `/rectifications/${itemA}/decision`, { token: admin, body: { decision: 'accept' } })).body;
    expect(closed.status).toBe('closed');
    expect(closed.reports).toHaveLength(2);
    expect(await stack.request('POST', `/rectifications/${itemA}/reports`, { token: userA, body: { report: '再报', evidence: [] } })).toMatchObject({ status: 409, body: { code: 'RECTIFICATION_STATE_CONFLICT' } });
  });

  it('moves a deadline by an approved extension, decides an objection, and reopens a closed item', async () => {
    const [itemB] = (await stack.request<Item[]>('GET', '/me/rectifications', { token: userB })).body;
    expect(await stack.request('POST', `/rectifications/${itemB.id}/extensions`, { token: userB, body: { reason: '需协调', newDeadline: '2020-01-01' } })).toMatchObject({ status: 400, body: { errors: [{ field: 'newDeadline' }] } });
    const later = new Date(Date.parse(itemB.deadlineAt) + 30 * 86400000).toISOString().slice(0, 10);
    await stack.request('POST', `/rectifications/${itemB.id}/extensions`, { token: userB, body: { reason: '涉及多部门协调', newDeadline: later } });
    const extended = (await stack.request<Item>('POST', `/rectifications/${itemB.id}/extensions/decision`, { token: admin, body: { approve: true, note: '同意延期' } })).body;
    expect(extended.deadlineAt).not.toBe(extended.originalDeadlineAt);
    expect(shanghaiDay(extended.deadlineAt)).toBe(later);

    expect((await stack.request<Item>('POST', `/rectifications/${itemB.id}/objection`, { token: userB, body: { reason: '已于上年度公示' } })).body.objection).toBe('pending');
    expect(await stack.request('POST', `/rectifications/${itemB.id}/objection`, { token: userB, body: { reason: '再次' } })).toMatchObject({ status: 409 });
    expect((await stack.request<Item>('POST', `/rectifications/${itemB.id}/objection/decision`, { token: admin, body: { uphold: true, note: '经复查维持' } })).body.objection).toBe('upheld');

    const reopened = (await stack.request<Item>('POST', `/rectifications/${itemA}/reopen`, { token: admin, body: { reason: '回头看发现公示信息再次缺失', deadline: { amount: 10, unit: 'working_days' } } })).body;
    expect(reopened).toMatchObject({ status: 'open', round: 2 });
    expect(reopened.reports).toHaveLength(2); // history kept
    await stack.request('POST', `/rectifications/${itemA}/reports`, { token: userA, body: { report: '再次整改完毕', evidence: [] } });
    await stack.request('POST', `/rectifications/${itemA}/decision`, { token: admin, body: { decision: 'accept' } });
    await stack.request('POST', `/rectifications/${itemB.id}/reports`, { token: userB, body: { report: '已更新公示信息', evidence: [] } });
    await stack.request('POST', `/rectifications/${itemB.id}/decision`, { token: admin, body: { decision: 'accept' } });
  });

  it('shows letters and items per department and overall', async () => {
    const status = await eventually(async () => {
      const s = await stack.request<{ overall: Record<string, number>; departments: { code: string; closed: number; extended: number; lettersAcknowledged: number }[] }>('GET', `/campaigns/${campaignId}/rectification-status`, { token: admin });
      return s.body.overall.lettersAcknowledged === 1 ? s.body : undefined;
    });
    expect(status.overall).toMatchObject({ lettersIssued: 1 + EXTRA, lettersAcknowledged: 1, items: 2 + (EXTRA - 1), closed: 2, extended: 1, reportsToDecide: 0, pendingExtensions: 0, pendingObjections: 0 });
    expect(status.departments.find((d) => d.code === 'SC')).toMatchObject({ closed: 1, lettersAcknowledged: 1 });
    expect(status.departments.find((d) => d.code === 'YJ')).toMatchObject({ closed: 1, extended: 1 });
    // The campaign's letters and items are lists the office pages through and filters on the server.
    const page = await stack.request<Letter[]>('GET', `/campaigns/${campaignId}/opinion-letters?limit=10&offset=30`, { token: admin });
    expect(page.body).toHaveLength(2 + EXTRA - 30);
    expect((await stack.request<Letter[]>('GET', `/campaigns/${campaignId}/opinion-letters?status=acknowledged`, { token: admin })).body).toHaveLength(1);
    expect((await stack.request<unknown[]>('GET', `/campaigns/${campaignId}/rectifications?status=closed&limit=1`, { token: admin })).body).toHaveLength(1);
  });

  it('quotes in the 年度报告 the figures this campaign recorded, versions each section, and prints them in the DOCX with the appendix', async () => {
    type Figure = { key: string; value: number | string | null; text: string; counts: string };
    type Report = { title: string; submittedAt: string | null; sections: { code: string; body: string; filled: string; version: number; versions: { version: number }[] }[]; figures: Figure[] };
    const figures = async (token: string, query = '') => Object.fromEntries((await stack.request<{ figures: Figure[] }>('GET', `/campaigns/${campaignId}/annual-report/figures${query}`, { token })).body.figures.map((f) => [f.key, f.value]));
    const area = await figures(admin);
    // What this spec drove: every department one task; 1 + EXTRA letters issued, one acknowledged (in time);
    // 2 + (EXTRA - 1) items after the merge, two closed (销号), one of them extended; nothing drawn yet.
    expect(area).toMatchObject({
      departments_covered: depts.length, tasks_total: depts.length, letters_issued: 1 + EXTRA, letters_acknowledged_in_time: 1,
      opinion_items: 2 + (EXTRA - 1), rectification_items: 2 + (EXTRA - 1), rectification_closed: 2,
      rectification_closure_rate: Math.round((2 / (1 + EXTRA)) * 1000) / 10, files_drawn: 0, file_pass_rate: null, assessment_grades: '尚未发布',
    });
    const own = await figures(userA);
    expect(own).toMatchObject({ departments_covered: 1, tasks_total: 1, letters_issued: 1, letters_acknowledged_in_time: 1, rectification_closed: 1 });
    const b = depts.find((d) => d.code === 'YJ')!;
    expect(await stack.request('GET', `/campaigns/${campaignId}/annual-report/figures?departmentId=${b.id}`, { token: userA })).toMatchObject({ status: 403, body: { code: 'FORBIDDEN_DEPARTMENT' } });
    expect((await figures(admin, `?departmentId=${b.id}`)).letters_issued).toBe(1);

    // Never saved: the default drafts, filled.
    const base = `/campaigns/${campaignId}/annual-report`;
    const fresh = (await stack.request<Report>('GET', base, { token: admin })).body;
    expect(fresh.sections.map((x) => x.version)).toEqual([0, 0, 0, 0, 0]);
    expect(fresh.sections[0].filled).toContain(`下达监督意见书${1 + EXTRA}份`);
    const body = '全年共抽查{{departments_reviewed}}家单位{{files_drawn}}本案卷，提出监督意见{{opinion_items}}条，下达监督意见书{{letters_issued}}份，整改销号{{rectification_closed}}项。';
    const put = (text: string, token = admin, section = 'measures') => stack.request<Report>('PUT', `${base}/sections/${section}`, { token, body: { body: text } });
    expect((await put(body)).body.sections[0]).toMatchObject({ version: 1, filled: `全年共抽查0家单位0本案卷，提出监督意见${2 + (EXTRA - 1)}条，下达监督意见书${1 + EXTRA}份，整改销号2项。` });
    expect((await put(body)).body.sections[0].version).toBe(1); // the same text again: no new version
    expect((await put(`${body}\n（二）按期签收{{letters_acknowledged_in_time}}份。`)).body.sections[0].versions.map((v) => v.version)).toEqual([2, 1]);
    expect((await stack.request<{ version: number; body: string }[]>('GET', `${base}/sections/measures/versions`, { token: admin })).body.map((v) => [v.version, v.body === body])).toEqual([[2, false], [1, true]]);
    expect(await put('{{files_drwn}}本')).toMatchObject({ status: 400, body: { errors: [{ field: 'body', code: 'UNKNOWN_PLACEHOLDER' }] } });
    expect(await put('正文', admin, 'summary')).toMatchObject({ status: 400, body: { errors: [{ field: 'section', code: 'UNKNOWN_SECTION' }] } });
    expect(await put('x'.repeat(20001))).toMatchObject({ status: 400, body: { errors: [{ field: 'body' }] } });
    expect((await stack.request('PUT', `${base}/sections/measures`, { token: admin, body: { body: 42 } })).status).toBe(400);
    // The department writes its own draft; the office reads it, the other department cannot.
    expect((await put('本单位收到监督意见书{{letters_issued}}份。', userA)).body.sections[0]).toMatchObject({ version: 1, filled: '本单位收到监督意见书1份。' });
    const a = depts.find((d) => d.code === 'SC')!;
    expect((await stack.request<Report>('GET', `${base}?departmentId=${a.id}`, { token: admin })).body.sections[0].version).toBe(1);
    expect((await stack.request('GET', `${base}?departmentId=${a.id}`, { token: userB })).status).toBe(403);
    expect((await stack.request<Report>('GET', base, { token: userB })).body.sections[0].version).toBe(0);

    const res = await fetch(`${stack.baseUrl}${base}/docx`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()))).file('word/document.xml')!.async('string');
    const text = (xml.match(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/gs) ?? []).map((p) => p.replace(/<[^>]+>/g, '')).join('\n');
    expect(text).toContain(`关于2028年度法治政府建设情况的报告`);
    expect(text).toContain(`提出监督意见${2 + (EXTRA - 1)}条，下达监督意见书${1 + EXTRA}份，整改销号2项。`);
    for (const heading of ['一、主要举措和成效', '二、存在问题及原因', '三、整改措施', '四、党政主要负责人履行推进法治建设第一责任人职责情况', '五、下一年度工作安排', '附件：数据说明', '数据说明']) expect(text).toContain(heading);
    expect(text).toContain(`下达监督意见书\n${1 + EXTRA}份\n已编文号印发的监督意见书份数`); // the appendix row: 数据项 / 数值 / 统计口径
    if (process.env.ANNUAL_REPORT_DOCX) writeFileSync(process.env.ANNUAL_REPORT_DOCX, Buffer.from(await (await fetch(`${stack.baseUrl}${base}/docx`, { headers: { authorization: `Bearer ${admin}` } })).arrayBuffer()));

    // 报送: once; then the text is kept as sent.
    const submitted = (await stack.request<Report>('POST', `${base}/submit`, { token: userA })).body;
    expect(submitted.submittedAt).not.toBeNull();
    expect((await stack.request<Report>('POST', `${base}/submit`, { token: userA })).body.submittedAt).toBe(submitted.submittedAt);
    expect(await put('再改', userA)).toMatchObject({ status: 409, body: { code: 'ANNUAL_REPORT_SUBMITTED' } });
    const notes = (await stack.request<{ kind: string; subject: string; link: string }[]>('GET', '/me/notifications?limit=100', { token: admin })).body.filter((n) => n.kind === 'annual_report.department_submit');
    expect(notes).toEqual([expect.objectContaining({ subject: '2028年度法治政府建设情况报告', link: `/campaigns/${campaignId}/annual-report` })]);
  });

  it('tells each department what concerns it, and the office what waits on it (消息中心), read per user', async () => {
    type Note = { id: string; kind: string; title: string; subject: string; link: string; read: boolean };
    const notes = (token: string, query = '') => stack.request<Note[]>('GET', `/me/notifications?limit=100${query}`, { token });
    const a = (await notes(userA)).body;
    const kindsA = a.map((n) => n.kind);
    for (const kind of ['opinion_letter.issue', 'rectification.return', 'rectification.accept', 'rectification.reopen']) expect(kindsA).toContain(kind);
    expect(kindsA.filter((k) => k === 'rectification.return')).toHaveLength(1); // one event, one notification
    expect(a.find((n) => n.kind === 'rectification.return')).toMatchObject({ link: `/rectifications/${itemA}`, title: expect.stringContaining('退回'), read: false });
    const b = (await notes(userB)).body;
    expect(b.map((n) => n.kind)).toEqual(expect.arrayContaining(['rectification.extension_approve', 'rectification.objection_uphold']));
    expect(b.some((n) => n.link === `/rectifications/${itemA}`)).toBe(false); // never another department's
    const office = (await notes(admin)).body.map((n) => n.kind);
    expect(office).toEqual(expect.arrayContaining(['self_check.submit', 'opinion_letter.acknowledge', 'rectification.report', 'rectification.extension_request', 'rectification.objection']));
    expect(office).not.toContain('rectification.return');

    const unread = async (token: string) => (await stack.request<{ unread: number }>('GET', '/me/notifications/unread-count', { token })).body.unread;
    expect(await unread(userA)).toBe(a.length);
    expect(await stack.request('POST', `/me/notifications/${a[0].id}/read`, { token: userB })).toMatchObject({ status: 404, body: { code: 'NOTIFICATION_NOT_FOUND' } });
    expect((await stack.request('POST', `/me/notifications/${a[0].id}/read`, { token: userA })).body).toEqual({ marked: 1 });
    expect((await stack.request('POST', `/me/notifications/${a[0].id}/read`, { token: userA })).body).toEqual({ marked: 0 });
    expect(await unread(userA)).toBe(a.length - 1);
    expect((await notes(userA, '&unreadOnly=true')).body).toHaveLength(a.length - 1);
    expect((await stack.request('POST', '/me/notifications/read-all', { token: userA })).body).toEqual({ marked: a.length - 1 });
    expect(await unread(userA)).toBe(0);
    expect(await unread(userB)).toBe(b.length); // reading is per user
    expect(await stack.request('POST', '/me/notifications/abc/read', { token: userA })).toMatchObject({ status: 400 });
  });

  it('puts a finding recorded after the letter was issued into a 补充监督意见书 with its own 文号, naming the letter it supplements', async () => {
    const sc = depts.find((d) => d.code === 'SC')!;
    const first = (await stack.request<Letter[]>('GET', '/me/opinion-letters', { token: userA })).body[0];
    const pg = new Client({ connectionString: stack.databaseUrl });
    await pg.connect();
    // Two deductions on one reviewed file, recorded after SC's letter was issued.
    const { rows: [file] } = await pg.query(
      `INSERT INTO case_files (department_id, case_number, case_type, title, decision_date, handling_officer, status) VALUES ($1, 'SC-007', 'penalty', '某超市案', '2026-03-01', '张三', 'concluded') RETURNING id`,
      [sc.id],
    );
    await pg.query(
      `INSERT INTO findings (campaign_id, department_id, source, source_key, case_file_id, description, rule, points) VALUES
         ($1, $2, 'review', 'late:SC:1', $3, '案卷 SC-007：送达回证缺少签名', '《中华人民共和国行政处罚法》第六十一条', 4),
         ($1, $2, 'review', 'late:SC:2', $3, '案卷 SC-007：未告知陈述申辩权利', '《中华人民共和国行政处罚法》第四十四条、第四十五条', 6)`,
      [campaignId, sc.id, file.id],
    );
    await pg.end();
    const drafted = (await stack.request<(Letter & { intro: string; supplements: { id: string; documentNumber: string } | null })[]>('POST', `/campaigns/${campaignId}/opinion-letters/draft`, { token: admin })).body;
    const supplement = drafted.find((l) => l.departmentId === sc.id && l.status === 'draft')!;
    expect(supplement).toMatchObject({
      supplements: { id: first.id, documentNumber: first.documentNumber },
      items: [expect.objectContaining({
        position: 1, // one item for the file, its deductions listed with their points and each 依据 once
        problem: '案卷 SC-007 存在以下问题：\n（一）送达回证缺少签名（扣 4 分）\n（二）未告知陈述申辩权利（扣 6 分）',
        rule: '《中华人民共和国行政处罚法》第六十一条；《中华人民共和国行政处罚法》第四十四条、第四十五条',
      })],
    });
    expect(supplement.intro).toContain(`（${first.documentNumber}）印发后`);
    const issued = (await stack.request<Letter>('POST', `/opinion-letters/${supplement.id}/issue`, { token: admin })).body;
    expect(issued.documentNumber).toMatch(/^某司监〔\d{4}〕\d+号$/);
    expect(issued.documentNumber).not.toBe(first.documentNumber);
    expect((await stack.request<Letter[]>('GET', '/me/opinion-letters', { token: userA })).body.map((l) => l.documentNumber)).toEqual([first.documentNumber, issued.documentNumber]);
    const res = await fetch(`${stack.baseUrl}/opinion-letters/${issued.id}/docx`, { headers: { authorization: `Bearer ${userA}` } });
    const xml = await (await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()))).file('word/document.xml')!.async('string');
    expect(xml.replace(/<[^>]+>/g, '')).toContain('行政执法补充监督意见书');
    const drafts = (await stack.request<Letter[]>('POST', `/campaigns/${campaignId}/opinion-letters/draft`, { token: admin })).body;
    expect(drafts.filter((l) => l.departmentId === sc.id)).toEqual([]); // nothing new for SC: no third letter
    expect((await stack.request<Letter[]>('GET', `/campaigns/${campaignId}/opinion-letters?departmentId=${sc.id}`, { token: admin })).body.map((l) => l.documentNumber)).toEqual([first.documentNumber, issued.documentNumber]);
  });
});

function shanghaiDay(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600000).toISOString().slice(0, 10);
}
