/**
 * A draw that outlasts the request (a province's catalogue takes longer than the API waits for the
 * campaign workflow's answer): the API answers 202 with the draw under way, GET follows its progress
 * (departments done, candidates frozen, files drawn, from the draw's progress marker), and the
 * console's 案卷评查 page shows it until the proof appears. Here the request waits 300 ms and the draw
 * runs one department per batch (150 of them, about 2 s), so every draw outlasts its request.
 */
import type { Browser, Page } from 'playwright-core';
import { importCsvOrFail } from './support/case-file-imports';
import { consoleBuild, launchBrowser, pageErrors, personOn, screenshot, signIn } from './support/browser';
import { poolAllReviewers } from './support/reviewer-pool';
import { ADMIN, startStack, type Stack } from './support/stack';

type Draw = { status: string; progress?: { departmentsDone: number; departmentsTotal: number; candidateCount: number; sampleCount: number; stage: string }; candidateCount?: number; sampleCount?: number };

const DEPARTMENTS = 150;
const FILES = 10; // per department; 10 % of 10 = 1 drawn from each

describe('a draw longer than the request (API and console, e2e)', () => {
  let stack: Stack;
  let browser: Browser;
  let office: Page;
  let admin: string;
  const campaigns: string[] = [];

  beforeAll(async () => {
    stack = await startStack({ webRoot: consoleBuild(), updateWaitMs: 300, drawBatchDepartments: 1 });
    admin = await stack.login(ADMIN.username, ADMIN.password);
    const codes = Array.from({ length: DEPARTMENTS }, (_, i) => `D${String(i).padStart(2, '0')}`);
    await stack.request('POST', '/departments/import', { token: admin, raw: ['code,name,kind,active', ...codes.map((c, i) => `${c},第${i + 1}执法局,bureau,true`)].join('\n'), contentType: 'text/csv' });
    for (const username of ['rev-1', 'rev-2']) {
      expect((await stack.request('POST', '/users', { token: admin, body: { username, password: 'password-123', role: 'reviewer', displayName: username } })).status).toBe(201);
    }
    const rows = codes.flatMap((c) => Array.from({ length: FILES }, (_, k) => `${c},${c}罚〔2026〕${k}号,行政处罚,案卷${k},2026-03-${String(1 + (k % 28)).padStart(2, '0')},执法人员,已办结`));
    await importCsvOrFail(stack, admin, ['department_code,case_number,case_type,title,decision_date,handling_officer,status', ...rows].join('\n'));
    const at = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    for (const year of [2027, 2028]) {
      const launch = await stack.request<{ id: string }>('POST', '/campaigns', {
        token: admin,
        body: { year, title: `${year}年度督察`, priorities: [{ code: 'P01', title: '报送自查', departmentIds: 'all', dueAt: at(300), evidenceRequired: false }], calendar: { closesAt: at(400) } },
      });
      expect(launch.status).toBe(201);
      campaigns.push(launch.body.id);
      await poolAllReviewers(stack, admin, launch.body.id);
      const rules = { rate: 0.1, min: 1, max: 5, caseTypeCoverage: false, period: { from: '2026-01-01', to: '2026-12-31' }, reviewersPerFile: 1 };
      expect((await stack.request('PUT', `/campaigns/${launch.body.id}/draw/config`, { token: admin, body: { rules } })).status).toBe(200);
      expect((await stack.request('POST', `/campaigns/${launch.body.id}/draw/commit`, { token: admin })).status).toBe(200);
    }
    browser = await launchBrowser();
    office = (await personOn(browser, stack.baseUrl.replace(/\/api\/v1$/, ''))).page;
  });
  afterAll(async () => {
    if (office) expect(pageErrors(office)).toEqual([]);
    await browser?.close();
    await stack?.stop();
  });

  it('answers 202 with the draw under way, and GET follows it to the drawn result', async () => {
    const base = `/campaigns/${campaigns[0]}/draw`;
    const answer = await stack.request<Draw>('POST', base, { token: admin });
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ status: 'drawing', progress: { departmentsTotal: DEPARTMENTS } });
    const seen: Draw[] = [];
    for (let d = answer.body; d.status === 'drawing'; await new Promise((r) => setTimeout(r, 20))) {
      d = (await stack.request<Draw>('GET', base, { token: admin })).body;
      seen.push(d);
    }
    const done = seen[seen.length - 1];
    expect(done).toMatchObject({ status: 'drawn', candidateCount: DEPARTMENTS * FILES, sampleCount: DEPARTMENTS });
    const progress = seen.filter((d) => d.status === 'drawing').map((d) => d.progress!);
    expect(progress.map((p) => p.departmentsDone)).toEqual([...progress.map((p) => p.departmentsDone)].sort((a, b) => a - b)); // never backwards
    expect(progress.every((p) => p.departmentsDone <= DEPARTMENTS && p.sampleCount <= p.candidateCount)).toBe(true);
    // Drawn once: the same request again is refused, in Chinese.
    expect(await stack.request('POST', base, { token: admin })).toMatchObject({ status: 409, body: { code: 'DRAW_ALREADY_DONE' } });
  });

  it('shows the office the draw under way on 案卷评查, then the proof', async () => {
    await signIn(office, ADMIN.username, ADMIN.password);
    await office.goto(`/campaigns/${campaigns[1]}?tab=review`);
    await office.getByRole('button', { name: '执行抽取' }).click();
    await office.locator('.ant-popconfirm').getByRole('button', { name: /抽\s*取/ }).click();
    await office.getByText('抽取已受理：案卷较多，正在后台逐批抽取，本页显示进度').waitFor({ timeout: 15_000 }).catch(async (e) => { await screenshot(office, 'draw-under-way-failed'); throw e; });
    await office.getByTestId('draw-under-way').waitFor();
    await screenshot(office, 'draw-under-way');
    await office.getByText(`抽取完成：从 ${DEPARTMENTS * FILES} 件候选案卷中抽中 ${DEPARTMENTS} 件`).waitFor();
    await office.getByText(`候选 ${DEPARTMENTS * FILES} 件，抽中 ${DEPARTMENTS} 件`).waitFor();
    expect(await office.getByTestId('draw-under-way').count()).toBe(0);
    await office.locator('.ant-pagination-total-text', { hasText: `共 ${DEPARTMENTS} 件` }).first().waitFor();
  });
});
