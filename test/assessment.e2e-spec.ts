/**
 * 考核 through HTTP and the console against the real stack: a campaign where one department does
 * its work on time and two do not; the live assessment as of a cut-off, the office's own score,
 * publication from the console (frozen, hashed), a department reading only its own result and
 * raising an objection in the console, the office upholding it into version 2 with version 1 kept.
 */
import type { Browser, Page } from 'playwright-core';
import { consoleBuild, launchBrowser, pageErrors, personOn, screenshot, signIn } from './support/browser';
import { ADMIN, eventually, startStack, type Stack } from './support/stack';

interface Department { id: string; code: string }
interface Score { departmentId: string; code: string; rank: number; score: number; grade: string; areaScores: number[] }
interface Indicator { code: string; score: number; points: number; explanation: string; evidence: { text: string }[]; children?: Indicator[] }
const flat = (xs: Indicator[]): Indicator[] => xs.flatMap((x) => [x, ...flat(x.children ?? [])]);
const DAY = 86_400_000;

describe('assessment (e2e + console)', () => {
  let stack: Stack;
  let browser: Browser;
  let office: Page;
  let dept: Page;
  let admin: string;
  let sc: string;
  let yj: string;
  let depts: Department[];
  let campaignId: string;
  let asOf: string;

  beforeAll(async () => {
    stack = await startStack({ webRoot: consoleBuild() });
    admin = await stack.login(ADMIN.username, ADMIN.password);
    await stack.request('POST', '/departments/import', { token: admin, raw: 'code,name,kind,active\nSC,市场监督管理局,bureau,true\nYJ,应急管理局,bureau,true\nJT,交通运输局,bureau,true', contentType: 'text/csv' });
    depts = (await stack.request<Department[]>('GET', '/departments', { token: admin })).body;
    for (const code of ['SC', 'YJ']) {
      await stack.request('POST', '/users', { token: admin, body: { username: `${code.toLowerCase()}-user`, password: 'password-123', role: 'department_user', displayName: `${code}用户`, departmentId: depts.find((d) => d.code === code)!.id } });
    }
    sc = await stack.login('sc-user', 'password-123');
    yj = await stack.login('yj-user', 'password-123');
    const t0 = Date.now();
    asOf = new Date(t0 + 3 * DAY).toISOString();
    const launch = await stack.request<{ id: string }>('POST', '/campaigns', {
      token: admin,
      body: {
        year: 2031,
        title: '2031年度法治政府建设督察',
        priorities: [{ code: 'P01', title: '报送行政执法统计年报', departmentIds: 'all', dueAt: new Date(t0 + DAY).toISOString(), evidenceRequired: false }],
        calendar: { selfCheckOpensAt: new Date(t0 + 1500).toISOString(), selfCheckClosesAt: new Date(t0 + 2 * DAY).toISOString(), closesAt: new Date(t0 + 300 * DAY).toISOString() },
      },
    });
    expect(launch.status).toBe(201);
    campaignId = launch.body.id;
    await stack.request('PUT', `/campaigns/${campaignId}/self-check/template`, {
      token: admin,
      body: { template: { sections: [{ code: 's', title: '三项制度', items: [{ code: 'pub', title: '是否公示', answerType: 'yes_no_partial', evidenceRequired: false, points: 100 }] }] } },
    });
    const origin = stack.baseUrl.replace(/\/api\/v1$/, '');
    browser = await launchBrowser();
    office = (await personOn(browser, origin)).page;
    dept = (await personOn(browser, origin)).page;
  });
  afterAll(async () => {
    for (const page of [office, dept]) if (page) expect(pageErrors(page)).toEqual([]);
    await browser?.close();
    await stack?.stop();
  });

  it('computes each department as of a cut-off from what it did, explaining every lost point', async () => {
    const tasks = await eventually(async () => {
      const r = (await stack.request<{ id: string }[]>('GET', '/me/tasks', { token: sc })).body;
      expect(r).toHaveLength(1);
      return r;
    });
    expect((await stack.request('POST', `/tasks/${tasks[0].id}/complete`, { token: sc, body: { note: '已报送', evidence: [] } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2000)); // the self-check window opens 1.5 s after launch
    await stack.request('PUT', `/me/self-checks/${campaignId}/draft`, { token: sc, body: { answers: { pub: { value: 'yes' } } } });
    const submitted = await stack.request<{ id: string }>('POST', `/me/self-checks/${campaignId}/submit`, { token: sc });
    expect((await stack.request('POST', `/self-checks/${submitted.body.id}/decision`, { token: admin, body: { decision: 'accept' } })).status).toBe(200);

    // Today nothing is due yet: everyone full marks. As of three days on, the task and the self-check are overdue for YJ and JT.
    const today = (await stack.request<Score[]>('GET', `/campaigns/${campaignId}/assessment/departments`, { token: admin })).body;
    expect(today.map((d) => d.score)).toEqual([100, 100, 100]);
    const later = (await stack.request<Score[]>('GET', `/campaigns/${campaignId}/assessment/departments?asOf=${encodeURIComponent(asOf)}`, { token: admin })).body;
    expect(later.map((d) => [d.code, d.rank, d.score, d.grade])).toEqual([['SC', 1, 100, 'excellent'], ['JT', 2, 88, 'good'], ['YJ', 2, 88, 'good']]);
    const yjId = depts.find((d) => d.code === 'YJ')!.id;
    const detail = (await stack.request<{ indicators: Indicator[] }>('GET', `/campaigns/${campaignId}/assessment/departments/${yjId}?asOf=${encodeURIComponent(asOf)}`, { token: admin })).body;
    const leaves = Object.fromEntries(flat(detail.indicators).map((i) => [i.code, i]));
    expect(leaves['10.1']).toMatchObject({ score: 0, evidence: [{ text: expect.stringMatching(/^任务「报送行政执法统计年报」截至考核截止日逾期未完成/) }] });
    expect(leaves['10.2.1']).toMatchObject({ score: 0, explanation: '自查逾期未报送，视为未开展，不得分' });

    // The office scores one of its own leaves for YJ; bad scores are refused with the field named.
    const scoreUrl = (code: string) => `/campaigns/${campaignId}/assessment/departments/${yjId}/scores/${code}`;
    expect(await stack.request('PUT', scoreUrl('10.1'), { token: admin, body: { score: 1, note: 'x' } })).toMatchObject({ status: 400, body: { errors: [{ field: 'indicatorCode', code: 'INDICATOR_COMPUTED' }] } });
    expect(await stack.request('PUT', scoreUrl('1.1'), { token: admin, body: { score: 5, note: 'x' } })).toMatchObject({ status: 400, body: { errors: [{ field: 'score', code: 'SCORE_ABOVE_POINTS' }] } });
    expect(await stack.request('PUT', scoreUrl('1.1'), { token: admin, body: { score: 2, note: '' } })).toMatchObject({ status: 400, body: { errors: [{ field: 'note', code: 'NOTE_REQUIRED' }] } });
    expect(await stack.request('PUT', scoreUrl('9.9'), { token: admin, body: { score: 1, note: 'x' } })).toMatchObject({ status: 400, body: { errors: [{ field: 'indicatorCode', code: 'INDICATOR_UNKNOWN' }] } });
    expect((await stack.request('PUT', scoreUrl('1.1'), { token: sc, body: { score: 0, note: 'x' } })).status).toBe(403);
    expect((await stack.request('PUT', scoreUrl('1.1'), { token: admin, body: { score: 2, note: '存在变相许可事项 2 项' } })).status).toBe(200);
    expect((await stack.request('PUT', scoreUrl('1.1'), { token: admin, body: { score: 2, note: '存在变相许可事项 2 项' } })).status).toBe(200); // the same again: recorded once
    // Departments see nothing before publication, and never another's.
    expect(await stack.request('GET', `/campaigns/${campaignId}/assessment/departments/${yjId}`, { token: yj })).toMatchObject({ status: 409, body: { code: 'ASSESSMENT_NOT_PUBLISHED' } });
    expect((await stack.request('GET', `/campaigns/${campaignId}/assessment/departments/${yjId}`, { token: sc })).status).toBe(403);
    expect((await stack.request('GET', `/campaigns/${campaignId}/assessment`, { token: sc })).status).toBe(403);
    expect(await stack.request('POST', `/campaigns/${campaignId}/assessment/publish`, { token: admin, body: {} })).toMatchObject({ status: 400, body: { errors: [{ field: 'asOf' }] } });
  });

  it('publishes from the console: frozen as of the cut-off, with the hash of its inputs', async () => {
    await signIn(office, ADMIN.username, ADMIN.password);
    await office.goto(`/campaigns/${campaignId}?tab=assessment&asOf=${encodeURIComponent(asOf)}`); // the cut-off three days on
    await office.getByText('考核得分表').first().waitFor();
    await office.getByRole('button', { name: '发布考核结果' }).click();
    const dialog = office.getByRole('dialog');
    await dialog.getByRole('button', { name: '确认发布' }).click();
    await office.getByText('已发布第 1 版考核结果').waitFor();
    await office.getByText(/输入数据哈希/).waitFor();
    await screenshot(office, 'assessment-published');
    const versions = (await stack.request<{ version: number; asOf: string; inputsHash: string }[]>('GET', `/campaigns/${campaignId}/assessment/versions`, { token: admin })).body;
    expect(versions).toHaveLength(1);
    expect(Math.abs(Date.parse(versions[0].asOf) - Date.parse(asOf))).toBeLessThan(1000);
    expect(versions[0].inputsHash).toMatch(/^[0-9a-f]{64}$/);
    // Publishing the same inputs again is the same version.
    expect((await stack.request<{ version: number }>('POST', `/campaigns/${campaignId}/assessment/publish`, { token: admin, body: { asOf: versions[0].asOf } })).body.version).toBe(1);
  });

  it('a department reads its own result and raises an objection in the console; the office upholds it into version 2', async () => {
    const mine = (await stack.request<{ published: boolean; result: { score: number; rank: number } }>('GET', `/campaigns/${campaignId}/assessment/mine`, { token: yj })).body;
    expect(mine).toMatchObject({ published: true, result: { score: 86, rank: 3 } });
    await signIn(dept, 'yj-user', 'password-123');
    await dept.goto('/assessment');
    await dept.getByText('查看得分和计分说明').click();
    await dept.getByText('本单位考核结果（第 1 版）').waitFor();
    await dept.getByText('自查逾期未报送，视为未开展，不得分').first().waitFor();
    await dept.getByLabel('对哪项指标有异议（可不选）').click();
    await dept.getByTitle(/^1\.1 /).click();
    await dept.getByLabel('异议理由').fill('变相许可事项已于年内清理完毕，附清理文件');
    await dept.getByRole('button', { name: '提出异议' }).click();
    await dept.getByText('监督科处理中').waitFor();
    await screenshot(dept, 'assessment-department-objection');
    expect(await stack.request('POST', `/campaigns/${campaignId}/assessment/objections`, { token: yj, body: { reason: '再次' } })).toMatchObject({ status: 409, body: { code: 'OBJECTION_ALREADY_FILED' } });
    expect(await stack.request('POST', `/campaigns/${campaignId}/assessment/objections`, { token: sc, body: { indicatorCode: '99', reason: 'x' } })).toMatchObject({ status: 400, body: { errors: [{ field: 'indicatorCode' }] } });
    expect((await stack.request<unknown[]>('GET', `/campaigns/${campaignId}/assessment/objections`, { token: sc })).body).toEqual([]); // SC never sees YJ's

    // The office corrects its score, then upholds the objection in the console.
    const yjId = depts.find((d) => d.code === 'YJ')!.id;
    expect((await stack.request('PUT', `/campaigns/${campaignId}/assessment/departments/${yjId}/scores/1.1`, { token: admin, body: { score: 4, note: '经复核已清理' } })).status).toBe(200);
    await office.reload();
    await office.getByRole('button', { name: '异议成立' }).click();
    await office.getByLabel('处理意见').fill('经复核，变相许可事项已清理，恢复该项得分');
    await office.getByRole('button', { name: '确 认' }).click();
    await office.getByText(/异议成立，已重新计算为第 2 版/).waitFor();
    await screenshot(office, 'assessment-objection-upheld');
    const versions = (await stack.request<{ version: number; reason: string }[]>('GET', `/campaigns/${campaignId}/assessment/versions`, { token: admin })).body;
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[0].reason).toContain('应急管理局异议成立');
    const v1 = (await stack.request<Score[]>('GET', `/campaigns/${campaignId}/assessment/departments?version=1`, { token: admin })).body;
    const v2 = (await stack.request<Score[]>('GET', `/campaigns/${campaignId}/assessment/departments?version=2`, { token: admin })).body;
    expect(v1.find((d) => d.code === 'YJ')!.score).toBe(86);
    expect(v2.find((d) => d.code === 'YJ')!.score).toBe(88);
    expect((await stack.request<{ result: { score: number } }>('GET', `/campaigns/${campaignId}/assessment/mine`, { token: yj })).body.result.score).toBe(88);
    const notes = (await stack.request<{ kind: string }[]>('GET', '/me/notifications', { token: yj })).body;
    expect(notes.map((n) => n.kind)).toEqual(expect.arrayContaining(['assessment.publish', 'assessment.objection_uphold']));
    // Decided once: the objection records the decision, and a second one is refused.
    const [objection] = (await stack.request<{ id: string; decision: string; note: string }[]>('GET', `/campaigns/${campaignId}/assessment/objections`, { token: admin })).body;
    expect(objection).toMatchObject({ decision: 'upheld', note: '经复核，变相许可事项已清理，恢复该项得分' });
    const again = await stack.request('POST', `/campaigns/${campaignId}/assessment/objections/${objection.id}/decision`, { token: admin, body: { decision: 'rejected', note: '再次' } });
    expect(again).toMatchObject({ status: 409 });
    expect((await stack.request('POST', `/campaigns/${campaignId}/assessment/objections/00000000-0000-4000-8000-000000000000/decision`, { token: admin, body: { decision: 'rejected', note: 'x' } })).status).toBe(404);
  });
  it("an admin deactivates a user in the console and that user's open session is refused at once", async () => {
    const scPage = (await personOn(browser, stack.baseUrl.replace(/\/api\/v1$/, ''))).page;
    await signIn(scPage, 'sc-user', 'password-123');
    await office.goto('/users');
    const row = office.getByRole('row', { name: /sc-user/ });
    await row.getByRole('button', { name: /^停\s*用$/ }).click();
    await office.getByRole('button', { name: '确 定' }).click();
    await office.getByText(/已停用 SC用户/).waitFor();
    await row.getByText('已停用').waitFor();
    await screenshot(office, 'users-deactivated');
    expect(await stack.request('GET', '/me/tasks', { token: sc })).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    await scPage.goto('/inbox');
    await scPage.waitForURL((url) => url.pathname === '/login');
    await scPage.getByText('登录已过期，请重新登录').waitFor();
    expect(pageErrors(scPage)).toEqual([]);
    // Reactivated, the same person signs in again.
    await row.getByRole('button', { name: /^启\s*用$/ }).click();
    await office.getByRole('button', { name: '确 定' }).click();
    await row.getByText('启用').first().waitFor();
    expect((await stack.request('GET', '/me/tasks', { token: sc })).status).toBe(200);
    // The user changes their own password in the console: every session ends, this one too.
    await signIn(scPage, 'sc-user', 'password-123');
    await scPage.getByRole('button', { name: '修改密码' }).click();
    await scPage.getByLabel('当前密码').fill('password-123');
    await scPage.getByLabel('新密码', { exact: true }).fill('Sc-new-pass-42');
    await scPage.getByLabel('再次输入新密码').fill('Sc-new-pass-42');
    await scPage.getByRole('button', { name: '确认修改' }).click();
    await scPage.waitForURL((url) => url.pathname === '/login');
    await scPage.getByText('密码已修改，请使用新密码重新登录').waitFor();
    expect((await stack.request('GET', '/me/tasks', { token: sc })).status).toBe(401);
    await signIn(scPage, 'sc-user', 'Sc-new-pass-42');
    expect(pageErrors(scPage)).toEqual([]);
  });
});
