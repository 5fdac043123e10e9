/**
 * The whole year, rehearsed on the time-skipping Temporal server: 50 departments, the real worker
 * (workflows and activities) and the real API over HTTP, whose clock follows the server's. Every
 * stage is driven as users would — tasks on time / late / never, self-checks, the draw and the
 * review sheets, letters and their acknowledgement, rectification with an extension, the
 * escalation ladder running on its own — then the assessment is published and its figures are
 * compared with what the test did. The run's duration is printed.
 */
import { writeFileSync } from 'node:fs';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Clock } from '@rol/api';
import { timeSkippingEnvironment } from '../workflows/test/time-skipping';
import { ADMIN, eventually, startStack, type Stack } from './support/stack';
import { importCsvOrFail } from './support/case-file-imports';
import { poolAllReviewers } from './support/reviewer-pool';

const N = 50;
const DAY = 86_400_000;
const code = (i: number) => `D${String(i).padStart(2, '0')}`;
const WITH_FILES = 40; // D00–D39 have case files; D40–D49 have none (nothing to draw)

class SkippingClock extends Clock {
  offset = 0;
  now() {
    return Date.now() + this.offset;
  }
}

interface Task { id: string; priorityCode?: string; title: string }
interface Assignment { assignmentId: string; caseFile: { id: string; departmentId: string; caseNumber: string } }
interface Letter { id: string; departmentId: string; items: { id: string }[] }
interface Score { code: string; score: number; grade: string; rank: number; files: { reviewed: number } }

describe('a whole year for 50 departments (time-skipping rehearsal)', () => {
  let env: TestWorkflowEnvironment;
  let stack: Stack;
  const clock = new SkippingClock();
  let admin: string;
  const tokens: string[] = [];
  const ids: string[] = [];
  const reviewers: string[] = [];
  let campaignId: string;
  let t0: number;
  const started = Date.now();
  const at = (days: number) => new Date(t0 + days * DAY).toISOString();
  /** Moves the server's time (and with it the API's) to `days` after launch. */
  const advanceTo = async (days: number) => {
    if (process.env.REHEARSAL_TRACE) console.log(`day ${days} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await env.sleep(t0 + days * DAY - (await env.currentTimeMs()));
    clock.offset = (await env.currentTimeMs()) - Date.now();
  };
  const did = { tasksOnTime: 0, tasksLate: 0, tasksNever: 0, selfChecksOnTime: 0, selfChecksAccepted: 0, selfChecksReturned: 0, filesReviewed: 0, vetoed: 0, letters: 0, acknowledgedInTime: 0, itemsClosed: 0, extensions: 0 };

  beforeAll(async () => {
    env = await timeSkippingEnvironment();
    clock.offset = (await env.currentTimeMs()) - Date.now();
    stack = await startStack({ temporalAddress: env.address, clock, schedules: false }); // the test server has no schedules
    admin = await stack.login(ADMIN.username, ADMIN.password);
    const csv = ['code,name,kind,active', ...Array.from({ length: N }, (_, i) => `${code(i)},演练部门${i},bureau,true`)].join('\n');
    expect((await stack.request('POST', '/departments/import', { token: admin, raw: csv, contentType: 'text/csv' })).status).toBe(200);
    const depts = (await stack.request<{ id: string; code: string }[]>('GET', '/departments?limit=500', { token: admin })).body;
    for (let i = 0; i < N; i++) {
      ids[i] = depts.find((d) => d.code === code(i))!.id;
      expect((await stack.request('POST', '/users', { token: admin, body: { username: `user-${code(i)}`, password: 'password-123', role: 'department_user', displayName: `用户${i}`, departmentId: ids[i] } })).status).toBe(201);
      tokens[i] = await stack.login(`user-${code(i)}`, 'password-123');
    }
    for (let r = 0; r < 4; r++) {
      expect((await stack.request('POST', '/users', { token: admin, body: { username: `reviewer-${r}`, password: 'password-123', role: 'reviewer', displayName: `评查员${r}` } })).status).toBe(201);
      reviewers.push(await stack.login(`reviewer-${r}`, 'password-123'));
    }
    await stack.request('PUT', '/office-settings', { token: admin, body: { officeName: '演练市司法局', documentNumberFormat: '演司监〔{year}〕{n}号', contact: '' } });
    t0 = clock.now();
    const year = new Date(t0).getUTCFullYear();
    for (const y of [year, year + 1]) {
      const r = await stack.request('PUT', `/calendar/years/${y}`, { token: admin, body: { holidays: [`${y}-01-01`], makeUpWorkdays: [], source: '测试数据：非官方安排' } });
      expect([200, 409]).toContain(r.status);
    }
    const types = ['行政处罚', '行政许可', '行政强制', '行政检查', '其他'];
    const rows = Array.from({ length: WITH_FILES }, (_, i) => Array.from({ length: 5 }, (_, k) => `${code(i)},${code(i)}-${k},${types[k]},演练案卷${i}-${k},${year}-03-1${k},执法人员${k},concluded`)).flat();
    await importCsvOrFail(stack, admin, ['department_code,case_number,case_type,title,decision_date,handling_officer,status', ...rows].join('\n'));
  }, 300_000);
  afterAll(async () => {
    await stack?.stop();
    await env?.teardown();
    console.log(`whole-year rehearsal (${N} departments): ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('runs launch → tasks → self-check → draw and review → letters → rectification → published assessment', async () => {
    const launch = await stack.request<{ id: string }>('POST', '/campaigns', {
      token: admin,
      body: {
        year: new Date(t0).getUTCFullYear(),
        title: '年度法治政府建设督察（全年演练）',
        priorities: [
          { code: 'P01', title: '报送年度执法计划', departmentIds: 'all', dueAt: at(20), evidenceRequired: false },
          { code: 'P02', title: '公示执法主体信息', departmentIds: 'all', dueAt: at(40), evidenceRequired: false },
        ],
        calendar: { selfCheckOpensAt: at(1), selfCheckClosesAt: at(30), reviewOpensAt: at(45), reviewClosesAt: at(75), opinionsOpensAt: at(80), rectificationOpensAt: at(85), assessmentOpensAt: at(300), closesAt: at(330) },
      },
    });
    expect(launch.status).toBe(201);
    campaignId = launch.body.id;
    await stack.request('PUT', `/campaigns/${campaignId}/self-check/template`, {
      token: admin,
      body: { template: { sections: [{ code: 's', title: '三项制度', items: [{ code: 'pub', title: '是否公示', answerType: 'yes_no_partial', evidenceRequired: false, points: 100 }] }] } },
    });
    const inbox = async (i: number) => (await stack.request<Task[]>('GET', '/me/tasks', { token: tokens[i] })).body;
    await eventually(async () => ((await stack.request<{ tasks: { total: number } }>('GET', `/campaigns/${campaignId}`, { token: admin })).body.tasks.total === 2 * N ? true : undefined), 60_000, 'every department\'s tasks');
    const complete = async (i: number, title: string) => {
      const task = (await inbox(i)).find((t) => t.title === title)!;
      expect((await stack.request('POST', `/tasks/${task.id}/complete`, { token: tokens[i], body: { note: '已办结', evidence: [] } })).status).toBe(200);
    };
    // Tasks: D00–D34 both on time; D35–D42 the first late, the second on time; D43–D49 never.
    for (let i = 0; i < 35; i++) for (const t of ['报送年度执法计划', '公示执法主体信息']) await complete(i, t);
    did.tasksOnTime += 70;

    // Self-check: D00–D39 submit in the window; the office accepts D00–D37 and returns D38–D39; D40–D49 never.
    await advanceTo(21);
    for (let i = 35; i < 43; i++) {
      await complete(i, '报送年度执法计划');
      await complete(i, '公示执法主体信息');
    }
    did.tasksLate += 8;
    did.tasksOnTime += 8;
    did.tasksNever += 14;
    for (let i = 0; i < 40; i++) {
      await stack.request('PUT', `/me/self-checks/${campaignId}/draft`, { token: tokens[i], body: { answers: { pub: { value: 'yes' } } } });
      const s = await stack.request<{ id: string }>('POST', `/me/self-checks/${campaignId}/submit`, { token: tokens[i] });
      expect(s.status).toBe(200);
      const decision = i < 38 ? { decision: 'accept' } : { decision: 'return', comment: '请补充说明' };
      expect((await stack.request('POST', `/self-checks/${s.body.id}/decision`, { token: admin, body: decision })).status).toBe(200);
    }
    did.selfChecksOnTime = 40;
    did.selfChecksAccepted = 38;
    did.selfChecksReturned = 2;

    // Review: draw two files per department that has any, then score them: clean, a deduction, a veto, or not at all.
    await advanceTo(46);
    const year = new Date(t0).getUTCFullYear();
    const base = `/campaigns/${campaignId}/draw`;
    await poolAllReviewers(stack, admin, campaignId);
    expect((await stack.request('PUT', `${base}/config`, { token: admin, body: { rules: { rate: 0.4, min: 2, max: 2, caseTypeCoverage: false, period: { from: `${year}-01-01`, to: `${year}-12-31` }, reviewersPerFile: 1 } } })).status).toBe(200);
    expect((await stack.request('POST', `${base}/commit`, { token: admin })).status).toBe(200);
    const drawn = await stack.request<{ sampleCount: number }>('POST', base, { token: admin });
    expect(drawn.body.sampleCount).toBe(2 * WITH_FILES);
    const scored = new Map<string, { score: number; grade: string }>();
    for (const token of reviewers) {
      for (const a of (await stack.request<Assignment[]>('GET', '/me/reviews', { token })).body) {
        const i = ids.indexOf(a.caseFile.departmentId);
        const first = !scored.has(`${i}:first`); // the department's first file scored gets the finding
        if (i >= 38 && !first) continue; // D38, D39: one file left unreviewed
        const standard = (await stack.request<{ standard: { sections: { criteria: { code: string; maxDeduction: number }[] }[]; basicCriteria: { code: string }[] } }>('GET', `/review-assignments/${a.assignmentId}`, { token })).body.standard;
        const criterion = standard.sections[0].criteria[0];
        const sheet =
          i >= 35 && i < 38 && first
            ? { deductions: [], vetoes: [{ criterionCode: standard.basicCriteria[0].code, note: '主要证据不足' }], comment: '证据不足' }
            : i >= 30 && i < 35 && first
              ? { deductions: [{ criterionCode: criterion.code, points: criterion.maxDeduction, note: '未出示执法证件' }], vetoes: [], comment: '程序瑕疵' }
              : { deductions: [], vetoes: [], comment: '规范' };
        const res = await stack.request<{ score: number; grade: string }>('POST', `/review-assignments/${a.assignmentId}/submit`, { token, body: sheet });
        expect(res.status).toBe(200);
        scored.set(a.caseFile.id, res.body);
        scored.set(`${i}:first`, res.body);
        did.filesReviewed++;
        if (sheet.vetoes.length) did.vetoed++;
      }
    }
    expect(did.vetoed).toBe(3);

    // Opinions: a letter to each department with findings (D30–D37), issued; D30–D35 acknowledge in time, D36 late, D37 never.
    await advanceTo(81);
    const letters = (await stack.request<Letter[]>('POST', `/campaigns/${campaignId}/opinion-letters/draft`, { token: admin })).body;
    expect(letters.map((l) => ids.indexOf(l.departmentId)).sort((a, b) => a - b)).toEqual([30, 31, 32, 33, 34, 35, 36, 37]);
    for (const l of letters) expect((await stack.request('POST', `/opinion-letters/${l.id}/issue`, { token: admin })).status).toBe(200);
    did.letters = letters.length;
    const letterOf = (i: number) => letters.find((l) => l.departmentId === ids[i])!;
    const acknowledge = (i: number) => eventually(async () => ((await stack.request('POST', `/opinion-letters/${letterOf(i).id}/acknowledge`, { token: tokens[i] })).status === 200 ? true : undefined), 30_000, `acknowledgement of D${i}`);
    for (let i = 30; i < 36; i++) await acknowledge(i);
    did.acknowledgedInTime = 6;
    await advanceTo(90);
    await acknowledge(36);

    // Rectification: D30–D33 report and are accepted in time; D34 gets an extension first; D35–D37 do nothing.
    const itemOf = async (i: number) => (await stack.request<{ id: string }[]>('GET', '/me/rectifications', { token: tokens[i] })).body[0].id;
    for (let i = 30; i < 34; i++) {
      const item = await itemOf(i);
      expect((await stack.request('POST', `/rectifications/${item}/reports`, { token: tokens[i], body: { report: '已整改', evidence: [] } })).status).toBe(200);
      expect((await stack.request('POST', `/rectifications/${item}/decision`, { token: admin, body: { decision: 'accept' } })).status).toBe(200);
    }
    const extended = await itemOf(34);
    const newDeadline = new Date(t0 + 250 * DAY).toISOString().slice(0, 10);
    expect((await stack.request('POST', `/rectifications/${extended}/extensions`, { token: tokens[34], body: { reason: '需协调多部门', newDeadline } })).status).toBe(200);
    expect((await stack.request('POST', `/rectifications/${extended}/extensions/decision`, { token: admin, body: { approve: true, note: '同意' } })).status).toBe(200);
    did.extensions = 1;
    await advanceTo(200); // past every original deadline: the ladder runs for D35–D37 (and not for the extended item)
    expect((await stack.request('POST', `/rectifications/${extended}/reports`, { token: tokens[34], body: { report: '已整改', evidence: [] } })).status).toBe(200);
    expect((await stack.request('POST', `/rectifications/${extended}/decision`, { token: admin, body: { decision: 'accept' } })).status).toBe(200);
    did.itemsClosed = 5;

    // The assessment: published as of day 301, its figures compared with what was done.
    await advanceTo(301);
    const asOf = new Date(clock.now()).toISOString();
    const published = await stack.request<{ version: number }>('POST', `/campaigns/${campaignId}/assessment/publish`, { token: admin, body: { asOf } });
    expect(published).toMatchObject({ status: 200, body: { version: 1 } });
    const scores = (await stack.request<Score[]>('GET', `/campaigns/${campaignId}/assessment/departments?version=1&limit=100`, { token: admin })).body;
    const of = (i: number) => scores.find((s) => s.code === code(i))!;
    expect(scores).toHaveLength(N);
    expect(of(0)).toMatchObject({ score: 100, grade: 'excellent', rank: 1, files: { reviewed: 2 } });
    expect(of(45)).toMatchObject({ score: 88, files: { reviewed: 0 } }); // tasks never done (6) and no self-check (6); no files drawn: nothing lost there
    expect(of(38).score).toBe(94); // first task late (3 of 6) and the returned self-check never accepted (3)
    expect(of(35).grade).not.toBe('excellent'); // a vetoed file
    const summary = (await stack.request<{ departments: number; grades: Record<string, number> }>('GET', `/campaigns/${campaignId}/assessment?version=1`, { token: admin })).body;
    expect(summary.departments).toBe(N);
    expect(Object.values(summary.grades).reduce((a, b) => a + b, 0)).toBe(N);

    // The figures the year's records give, against what the test did.
    const status = (await stack.request<{ tasks: { total: number; done: number; late: number; overdue: number }; selfChecks: { accepted: number; returned: number; notSubmitted: number } }>('GET', `/campaigns/${campaignId}`, { token: admin })).body;
    expect(status.tasks).toMatchObject({ total: 2 * N, done: did.tasksOnTime + did.tasksLate, late: did.tasksLate, overdue: did.tasksNever });
    expect(status.selfChecks).toMatchObject({ accepted: did.selfChecksAccepted, returned: did.selfChecksReturned, notSubmitted: N - did.selfChecksOnTime });
    const review = (await stack.request<{ overall: { sampled: number; reviewed: number; escalated: number } }>('GET', `/campaigns/${campaignId}/review/results`, { token: admin })).body.overall;
    expect(review).toMatchObject({ sampled: 2 * WITH_FILES, reviewed: did.filesReviewed, escalated: 2 * WITH_FILES - did.filesReviewed });
    const rect = (await stack.request<{ overall: Record<string, number> }>('GET', `/campaigns/${campaignId}/rectification-status`, { token: admin })).body.overall;
    console.log('rehearsal figures', JSON.stringify({ did, status: { tasks: status.tasks, selfChecks: status.selfChecks }, review, rect, grades: summary.grades }));
    // The annual report quotes only what was recorded: each figure equals what the test did.
    const report = (await stack.request<{ figures: { key: string; value: unknown }[] }>('GET', `/campaigns/${campaignId}/annual-report/figures`, { token: admin })).body;
    const fig = Object.fromEntries(report.figures.map((f) => [f.key, f.value]));
    console.log('annual report figures', JSON.stringify(fig));
    expect(fig).toMatchObject({
      departments_covered: N,
      departments_reviewed: WITH_FILES,
      tasks_total: 2 * N,
      tasks_completed: did.tasksOnTime + did.tasksLate,
      tasks_on_time: did.tasksOnTime,
      tasks_overdue: did.tasksLate + did.tasksNever,
      self_checks_submitted: did.selfChecksOnTime,
      self_checks_on_time: did.selfChecksOnTime,
      self_checks_accepted: did.selfChecksAccepted,
      self_checks_not_submitted: N - did.selfChecksOnTime,
      files_drawn: 2 * WITH_FILES,
      files_reviewed: did.filesReviewed,
      files_vetoed: did.vetoed,
      letters_issued: did.letters,
      letters_acknowledged_in_time: did.acknowledgedInTime,
      opinion_items: 8,
      rectification_items: 8,
      rectification_closed: did.itemsClosed,
      escalations_urge: 3 + 2, // the three open items, and the letters of D36 (signed late) and D37 (never signed)
      escalations_interview: 3,
      escalations_notice: 3,
    });
    expect(fig.assessment_grades).toEqual(expect.stringContaining(`优秀${summary.grades.excellent}家`));
    const docx = await fetch(`${stack.baseUrl}/campaigns/${campaignId}/annual-report/docx`, { headers: { authorization: `Bearer ${admin}` } });
    expect(docx.status).toBe(200);
    const bytes = Buffer.from(await docx.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    if (process.env.REHEARSAL_DOCX) writeFileSync(process.env.REHEARSAL_DOCX, bytes); // to render its pages (the note)
    expect(rect).toMatchObject({ lettersIssued: did.letters, lettersAcknowledged: did.acknowledgedInTime + 1, items: 8, closed: did.itemsClosed, open: 3, overdue: 3, extended: did.extensions, escalated: 3 });

    // The office closes the year: the three open items carry over into next year.
    expect((await stack.request('POST', `/campaigns/${campaignId}/close`, { token: admin, body: {} })).status).toBe(200);
    const closed = await eventually(async () => {
      const r = (await stack.request<{ overall: { carriedOver: number } }>('GET', `/campaigns/${campaignId}/rectification-status`, { token: admin })).body.overall;
      return r.carriedOver === 3 ? r : undefined;
    }, 30_000, 'the carry-over at close');
    expect(closed.carriedOver).toBe(3);
  });
});
