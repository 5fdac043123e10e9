/**
 * 年度交替 through HTTP against the real stack: a small campaign with one letter and two items, one
 * item closed (销号), the campaign closed — the open item carried over, the closed year's workflows
 * Completed — then next year's draft prepared (the schedule's workflow), edited, confirmed, and the
 * carried-in item in the new year's list and counts; 回头看 on the closed item still works; and in the
 * browser, the year after's draft confirmed from the campaigns page.
 */
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client } from 'pg';
import { departmentWorkflowId, letterWorkflowId, prepareNextCampaignScheduleId, rectificationWorkflowId } from '@rol/contracts';
import { consoleBuild, launchBrowser, pageErrors, personOn, screenshot, signIn } from './support/browser';
import { eventually, startStack, ADMIN, type Stack } from './support/stack';

interface Item { id: string; status: string; year: number; carriedInFrom: number | null; carriedOverTo: number | null; carryLabel: string | null }
interface Draft { year: number; sourceYear: number; status: string; launch: { year: number; title: string; priorities: { code: string; dueAt: string }[]; calendar: { closesAt: string } }; copies: { label: string; detail: string }[] }

describe('the turn of the year (e2e)', () => {
  let stack: Stack;
  let temporal: TemporalClient;
  let connection: Connection;
  let admin: string;
  let user: string;
  let departmentId: string;
  let campaignId: string;
  let letterId: string;
  let items: Item[];
  const year = new Date().getUTCFullYear();
  const t0 = Date.now();
  const sql = async (text: string, params: unknown[] = []) => {
    const pg = new Client({ connectionString: stack.databaseUrl });
    await pg.connect();
    try {
      return (await pg.query(text, params)).rows;
    } finally {
      await pg.end();
    }
  };
  const statusOf = async (workflowId: string) => (await temporal.workflow.getHandle(workflowId).describe()).status.name;

  beforeAll(async () => {
    stack = await startStack({ webRoot: consoleBuild() });
    connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! });
    temporal = new TemporalClient({ connection });
    admin = await stack.login(ADMIN.username, ADMIN.password);
    await stack.request('POST', '/departments/import', { token: admin, raw: 'code,name,kind,active\nSC,市场监督管理局,bureau,true', contentType: 'text/csv' });
    departmentId = (await stack.request<{ id: string }[]>('GET', '/departments', { token: admin })).body[0].id;
    await stack.request('POST', '/users', { token: admin, body: { username: 'sc-user', password: 'password-123', role: 'department_user', displayName: '市场监管', departmentId } });
    user = await stack.login('sc-user', 'password-123');
    for (const y of [year + 1, year + 2]) {
      const put = await stack.request('PUT', `/calendar/years/${y}`, { token: admin, body: { holidays: [`${y}-01-01`], makeUpWorkdays: [], source: '测试数据：非官方安排' } });
      expect([200, 409]).toContain(put.status);
    }
    await stack.request('PUT', '/office-settings', { token: admin, body: { officeName: '某某市司法局', documentNumberFormat: '某司监〔{year}〕{n}号', contact: '' } });
  });
  afterAll(async () => {
    await temporal?.schedule.getHandle(prepareNextCampaignScheduleId(stack.config.temporal.taskQueue)).delete().catch(() => undefined);
    await connection?.close();
    await stack?.stop();
  });

  it('runs a small campaign: one letter, two items, one closed (销号)', async () => {
    const launch = await stack.request<{ id: string }>('POST', '/campaigns', {
      token: admin,
      body: {
        year,
        title: `${year}年度法治政府建设督察`,
        priorities: [{ code: 'P01', title: '落实行政执法三项制度', departmentIds: 'all', dueAt: new Date(t0 + 100 * 86400000).toISOString(), evidenceRequired: false }],
        calendar: { closesAt: new Date(t0 + 300 * 86400000).toISOString() },
        reminderDaysBefore: 5,
      },
    });
    expect(launch.status).toBe(201);
    campaignId = launch.body.id;
    await sql(
      `INSERT INTO findings (campaign_id, department_id, source, source_key, description, rule)
       VALUES ($1, $2, 'review', 'fixture:1', '案卷 SC-001：未告知陈述申辩权利', '《行政处罚法》第四十四条'),
              ($1, $2, 'review', 'fixture:2', '案卷 SC-002：现场检查未全程录像', '《行政执法全过程记录办法》')`,
      [campaignId, departmentId],
    );
    const [letter] = (await stack.request<{ id: string }[]>('POST', `/campaigns/${campaignId}/opinion-letters/draft`, { token: admin })).body;
    letterId = letter.id;
    expect((await stack.request('POST', `/opinion-letters/${letterId}/issue`, { token: admin })).status).toBe(200);
    expect((await stack.request('POST', `/opinion-letters/${letterId}/acknowledge`, { token: user })).status).toBe(200);
    items = await eventually(async () => {
      const list = (await stack.request<Item[]>('GET', `/campaigns/${campaignId}/rectifications`, { token: admin })).body;
      return list.length === 2 ? list : undefined;
    });
    const [closing] = items;
    await eventually(async () => ((await stack.request('POST', `/rectifications/${closing.id}/reports`, { token: user, body: { report: '已补充告知程序并组织培训', evidence: [] } })).status === 200 ? true : undefined));
    expect((await stack.request<Item>('POST', `/rectifications/${closing.id}/decision`, { token: admin, body: { decision: 'accept' } })).body.status).toBe('closed');
  });

  it('closing the campaign carries the open item over, and the closed year\'s workflows end Completed', async () => {
    const closed = await stack.request<{ closedAt: string | null }>('POST', `/campaigns/${campaignId}/close`, { token: admin });
    expect(closed.status).toBe(200);
    expect(closed.body.closedAt).not.toBeNull();
    const [closedItem, openItem] = items;
    expect(await sql(`SELECT item_id, from_year, to_year FROM rectification_carryovers`)).toEqual([{ item_id: openItem.id, from_year: year, to_year: year + 1 }]);
    expect(await sql(`SELECT target_id FROM audit_log WHERE action = 'rectification.carry_over'`)).toEqual([{ target_id: openItem.id }]);
    expect(await sql(`SELECT title FROM notifications WHERE kind = 'rectification.carry_over' AND department_id = $1`, [departmentId])).toEqual([{ title: expect.stringContaining('结转至下一年度') }]);

    await eventually(async () => ((await statusOf(rectificationWorkflowId(closedItem.id))) === 'COMPLETED' ? true : undefined), 15000, 'the closed item\'s workflow to complete');
    expect(await statusOf(`campaign-${campaignId}`)).toBe('COMPLETED');
    expect(await statusOf(departmentWorkflowId(campaignId, departmentId))).toBe('COMPLETED');
    expect(await statusOf(letterWorkflowId(letterId))).toBe('COMPLETED');
    expect(await statusOf(rectificationWorkflowId(openItem.id))).toBe('RUNNING'); // still being rectified, next year

    const oldYear = (await stack.request<Item[]>('GET', `/campaigns/${campaignId}/rectifications`, { token: admin })).body;
    expect(oldYear.find((i) => i.id === openItem.id)).toMatchObject({ carriedOverTo: year + 1, carryLabel: `已结转至 ${year + 1} 年度` });
    const counts = (await stack.request<{ overall: { items: number; carriedOver: number; carriedIn: number } }>('GET', `/campaigns/${campaignId}/rectification-status`, { token: admin })).body;
    expect(counts.overall).toMatchObject({ items: 2, carriedOver: 1, carriedIn: 0 });
  });

  let draft: Draft;
  it('prepares next year\'s draft once (the schedule exists; "prepare now" runs its workflow), edits and confirms it', async () => {
    const schedule = await temporal.schedule.getHandle(prepareNextCampaignScheduleId(stack.config.temporal.taskQueue)).describe();
    expect(schedule.spec.calendars?.[0]).toMatchObject({ month: ['DECEMBER'].map((m) => ({ start: m, end: m, step: 1 })), dayOfMonth: [{ start: 1, end: 1, step: 1 }] });
    expect(schedule.spec.timezone).toBe('Asia/Shanghai');

    const prepared = await stack.request<Draft>('POST', '/campaign-drafts/prepare', { token: admin });
    expect(prepared.status).toBe(200);
    draft = prepared.body;
    expect(draft).toMatchObject({ year: year + 1, sourceYear: year, status: 'pending', launch: { year: year + 1, title: `${year + 1}年度法治政府建设督察`, priorities: [{ code: 'P01' }] } });
    expect(Date.parse(draft.launch.calendar.closesAt) - (t0 + 300 * 86400000)).toBeGreaterThan(364 * 86400000);
    expect(draft.copies.map((c) => c.label)).toEqual(['自查表', '整改规则', '抽查规则', '评查标准', '指标体系']);
    expect((await stack.request<Draft>('POST', '/campaign-drafts/prepare', { token: admin })).body).toEqual(draft); // again: nothing written
    expect(await sql(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'campaign_draft.prepare'`)).toEqual([{ n: 1 }]);

    const bad = await stack.request<{ errors: { field: string }[] }>('PUT', `/campaign-drafts/${year + 1}`, { token: admin, body: { ...draft.launch, priorities: [{ ...draft.launch.priorities[0], dueAt: '明年' }] } });
    expect(bad).toMatchObject({ status: 400, body: { errors: [{ field: 'priorities[0].dueAt' }] } });
    expect((await stack.request('PUT', `/campaign-drafts/${year + 1}`, { token: user, body: draft.launch })).status).toBe(403);
    const edited = await stack.request<Draft>('PUT', `/campaign-drafts/${year + 1}`, { token: admin, body: { ...draft.launch, title: `${year + 1}年度法治政府建设督察（修改）` } });
    expect(edited).toMatchObject({ status: 200, body: { launch: { title: `${year + 1}年度法治政府建设督察（修改）` } } });
  });

  it('confirming launches the new year (same path as POST /campaigns), with the carried-in item in its list and counts', async () => {
    const confirmed = await stack.request<{ id: string; year: number; title: string }>('POST', `/campaign-drafts/${year + 1}/confirm`, { token: admin });
    expect(confirmed).toMatchObject({ status: 200, body: { year: year + 1, title: `${year + 1}年度法治政府建设督察（修改）` } });
    const next = confirmed.body.id;
    expect((await stack.request<{ id: string }>('POST', `/campaign-drafts/${year + 1}/confirm`, { token: admin })).body.id).toBe(next); // a retry: the same campaign
    expect((await stack.request('POST', `/campaign-drafts/${year + 1}/discard`, { token: admin })).body).toMatchObject({ code: 'CAMPAIGN_DRAFT_SETTLED' });
    expect((await stack.request('PUT', `/campaign-drafts/${year + 1}`, { token: admin, body: draft.launch })).status).toBe(409);
    expect(await sql(`SELECT c.indicator_tree_id = o.indicator_tree_id AS same_tree FROM campaigns c, campaigns o WHERE c.id = $1 AND o.id = $2`, [next, campaignId])).toEqual([{ same_tree: true }]);
    expect(await sql(`SELECT count(*)::int AS n FROM outbox WHERE subject_id = $1`, [next])).toEqual([{ n: 1 }]);
    await eventually(async () => ((await statusOf(`campaign-${next}`)) === 'RUNNING' ? true : undefined));

    const openItem = items[1];
    const list = (await stack.request<Item[]>('GET', `/campaigns/${next}/rectifications`, { token: admin })).body;
    expect(list).toEqual([expect.objectContaining({ id: openItem.id, year, carriedInFrom: year, carryLabel: `上年度结转（${year} 年度）`, status: 'open' })]);
    const counts = (await stack.request<{ overall: { items: number; open: number; carriedIn: number; carriedOver: number } }>('GET', `/campaigns/${next}/rectification-status`, { token: admin })).body;
    expect(counts.overall).toMatchObject({ items: 1, open: 1, carriedIn: 1, carriedOver: 0 });
    const mine = (await stack.request<Item[]>('GET', '/me/rectifications', { token: user })).body;
    expect(mine.find((i) => i.id === openItem.id)).toMatchObject({ carryLabel: `上年度结转（${year} 年度）` });
    // Its history is unchanged: the same item, its own year's letter.
    expect((await stack.request<{ campaignId: string; reports: unknown[] }>('GET', `/rectifications/${openItem.id}`, { token: admin })).body).toMatchObject({ campaignId, reports: [] });
  });

  it('回头看 on an item closed in the closed year still works (a new run of its workflow)', async () => {
    const closedItem = items[0];
    const reopened = await stack.request<Item>('POST', `/rectifications/${closedItem.id}/reopen`, { token: admin, body: { reason: '回头看发现问题反弹', deadline: { amount: 20, unit: 'working_days' } } });
    expect(reopened).toMatchObject({ status: 200, body: { status: 'open' } });
    expect(await statusOf(rectificationWorkflowId(closedItem.id))).toBe('RUNNING');
    await temporal.workflow.getHandle(rectificationWorkflowId(closedItem.id)).terminate('test over');
    await temporal.workflow.getHandle(rectificationWorkflowId(items[1].id)).terminate('test over');
  });

  it('in the console: the campaigns page offers the next draft, 查看并确认 opens the prefilled launch page, 确认并发布 launches it', async () => {
    const prepared = await stack.request<Draft>('POST', '/campaign-drafts/prepare', { token: admin });
    expect(prepared.body).toMatchObject({ year: year + 2, sourceYear: year + 1, status: 'pending' });
    const origin = stack.baseUrl.replace(/\/api\/v1$/, '');
    const browser = await launchBrowser();
    try {
      const { page } = await personOn(browser, origin);
      await signIn(page, ADMIN.username, ADMIN.password);
      await page.goto('/campaigns');
      await page.getByText(`已为 ${year + 2} 年度准备工作周期草稿（由 ${year + 1} 年度复制）`).waitFor();
      await screenshot(page, 'turn-of-year-campaigns-draft');
      await page.getByRole('button', { name: '查看并确认' }).click();
      await page.getByText(`确认 ${year + 2} 年度工作周期草稿（由 ${year + 1} 年度复制）`).waitFor();
      await page.getByText('沿用', { exact: false }).first().waitFor();
      expect(await page.getByLabel('名称').inputValue()).toBe(`${year + 2}年度法治政府建设督察（修改）`);
      await screenshot(page, 'turn-of-year-confirm-draft');
      await page.getByRole('button', { name: /确认并发布/ }).first().click();
      await page.getByRole('dialog').getByRole('button', { name: /确认并发布/ }).click();
      await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await browser.close();
    }
    const drafts = (await stack.request<Draft[]>('GET', '/campaign-drafts', { token: admin })).body;
    expect(drafts.map((d) => [d.year, d.status])).toEqual([[year + 2, 'confirmed'], [year + 1, 'confirmed']]);
    const campaigns = (await stack.request<{ year: number }[]>('GET', '/campaigns', { token: admin })).body;
    expect(campaigns.map((c) => c.year)).toEqual([year + 2, year + 1, year]);
  });
});
