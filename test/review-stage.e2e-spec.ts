/**
 * Stages 2 and 3 through HTTP against the real stack, on a calendar a few seconds long:
 * self-check template, draft / submit / return / resubmit / accept, a late department, verification,
 * case-file import, the committed draw and its re-run, recusal, a reviewer scoring, refusals.
 */
import { verifyDraw, type PublishedDraw } from '../scripts/verify-draw';
import { eventually, startStack, ADMIN, type Stack } from './support/stack';
import { importCatalogue, importCsvOrFail } from './support/case-file-imports';
import { poolAllReviewers } from './support/reviewer-pool';

interface Department { id: string; code: string }
interface Assignment { assignmentId: string; caseFile: { id: string; departmentId: string; caseNumber: string } }

const SECOND = 1000;

describe('self-check and case-file review (e2e)', () => {
  let stack: Stack;
  let admin: string;
  let depts: Department[];
  let userA: string;
  let userB: string;
  const reviewers: { id: string; token: string; departmentId: string | null }[] = [];
  let campaignId: string;
  let t0: number;
  const at = (ms: number) => new Date(t0 + ms).toISOString();
  const until = async (ms: number) => {
    const wait = t0 + ms - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  };

  beforeAll(async () => {
    stack = await startStack();
    admin = await stack.login(ADMIN.username, ADMIN.password);
    const csv = ['code,name,kind,active', ...Array.from({ length: 6 }, (_, i) => `R${i + 1},评查部门${i + 1},bureau,true`)].join('\n');
    await stack.request('POST', '/departments/import', { token: admin, raw: csv, contentType: 'text/csv' });
    depts = (await stack.request<Department[]>('GET', '/departments', { token: admin })).body;
    const users: [string, string, string | null][] = [
      ['dept-a', 'department_user', depts[0].id],
      ['dept-b', 'department_user', depts[1].id],
      ['rev-1', 'reviewer', depts[0].id],
      ['rev-2', 'reviewer', depts[1].id],
      ['rev-3', 'reviewer', null],
      ['rev-4', 'reviewer', depts[2].id],
    ];
    for (const [username, role, departmentId] of users) {
      const res = await stack.request<{ id: string }>('POST', '/users', { token: admin, body: { username, password: 'password-123', role, displayName: username, ...(departmentId ? { departmentId } : {}) } });
      expect(res.status).toBe(201);
      if (role === 'reviewer') reviewers.push({ id: res.body.id, token: await stack.login(username, 'password-123'), departmentId });
    }
    userA = await stack.login('dept-a', 'password-123');
    userB = await stack.login('dept-b', 'password-123');

    t0 = Date.now();
    const launch = await stack.request<{ id: string }>('POST', '/campaigns', {
      token: admin,
      body: {
        year: 2027,
        title: '2027年度督察（评查）',
        priorities: [{ code: 'P01', title: '报送自查', departmentIds: 'all', dueAt: at(3600 * SECOND), evidenceRequired: false }],
        calendar: { selfCheckOpensAt: at(6 * SECOND), selfCheckClosesAt: at(16 * SECOND), reviewOpensAt: at(18 * SECOND), reviewClosesAt: at(34 * SECOND), closesAt: at(86400 * SECOND) },
      },
    });
    expect(launch.status).toBe(201);
    campaignId = launch.body.id;
    expect(await poolAllReviewers(stack, admin, campaignId)).toHaveLength(4);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('lets the office edit the self-check template before the window opens, not after', async () => {
    const path = `/campaigns/${campaignId}/self-check/template`;
    const template = (await stack.request<{ sections: { items: { code: string }[] }[] }>('GET', path, { token: admin })).body;
    expect(template.sections.length).toBeGreaterThan(0);
    const bad = await stack.request('PUT', path, { token: admin, body: { template: { sections: [{ code: 's', title: '', items: [] }] } } });
    expect(bad).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const small = { sections: [{ code: 'three', title: '三项制度', items: [
      { code: 'pub', title: '是否公示执法信息', answerType: 'yes_no_partial', evidenceRequired: true, points: 40 },
      { code: 'cases', title: '本年度办理案件数', answerType: 'number', evidenceRequired: false, points: 30 },
      { code: 'issues', title: '发现的问题及整改措施', answerType: 'text', evidenceRequired: false, points: 30 },
    ] }] };
    expect((await stack.request('PUT', path, { token: admin, body: { template: small } })).status).toBe(200);
    expect(await stack.request('POST', `/me/self-checks/${campaignId}/submit`, { token: userA })).toMatchObject({ status: 400 }); // nothing filled in yet
    await until(6.5 * SECOND);
    expect(await stack.request('PUT', path, { token: admin, body: { template: small } })).toMatchObject({ status: 409, body: { code: 'SELF_CHECK_TEMPLATE_LOCKED' } });
  });

  let selfCheckA: string;
  it('takes drafts and a submission, returns it with comments, and takes the resubmission; every version is kept', async () => {
    const draft = await stack.request('PUT', `/me/self-checks/${campaignId}/draft`, { token: userA, body: { answers: { pub: { value: 'partial' } } } });
    expect(draft.status).toBe(200);
    const incomplete = await stack.request<{ errors: { field: string; code: string }[] }>('POST', `/me/self-checks/${campaignId}/submit`, { token: userA });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.errors.map((e) => [e.field, e.code])).toEqual(
      expect.arrayContaining([['answers.pub.evidence', 'EVIDENCE_REQUIRED'], ['answers.cases', 'ANSWER_REQUIRED'], ['answers.issues', 'ANSWER_REQUIRED']]),
    );
    expect((await stack.request('PUT', `/me/self-checks/${campaignId}/draft`, { token: userA, body: { answers: { cases: { value: 'many' } } } })).body).toMatchObject({ errors: [{ field: 'answers.cases.value', code: 'ANSWER_INVALID' }] });
    const answers = { pub: { value: 'yes', evidence: [{ name: '公示截图', uri: 'https://e/1' }] }, cases: { value: 1200 }, issues: { value: '自查发现 3 件案卷文书不规范，已整改。' } };
    await stack.request('PUT', `/me/self-checks/${campaignId}/draft`, { token: userA, body: { answers } });
    const submitted = await stack.request<{ id: string; status: string; version: number }>('POST', `/me/self-checks/${campaignId}/submit`, { token: userA });
    expect(submitted.body).toMatchObject({ status: 'submitted', version: 1 });
    selfCheckA = submitted.body.id;
    expect(await stack.request('POST', `/me/self-checks/${campaignId}/submit`, { token: userA })).toMatchObject({ status: 409, body: { code: 'SELF_CHECK_NOT_EDITABLE' } });
    expect(await stack.request('PUT', `/me/self-checks/${campaignId}/draft`, { token: userA, body: { answers } })).toMatchObject({ status: 409 });

    expect((await stack.request('POST', `/self-checks/${selfCheckA}/decision`, { token: admin, body: { decision: 'return' } })).body).toMatchObject({ errors: [{ field: 'comment' }] });
    const returned = await stack.request('POST', `/self-checks/${selfCheckA}/decision`, { token: admin, body: { decision: 'return', comment: '请补充案件数的统计口径' } });
    expect(returned.body).toMatchObject({ status: 'returned' });
    await stack.request('PUT', `/me/self-checks/${campaignId}/draft`, { token: userA, body: { answers: { ...answers, cases: { value: 1180, note: '按立案数统计' } } } });
    expect((await stack.request('POST', `/me/self-checks/${campaignId}/submit`, { token: userA })).body).toMatchObject({ status: 'submitted', version: 2 });
    const accepted = await stack.request<{ status: string; versions: { version: number; decision: string; comment: string | null }[] }>('POST', `/self-checks/${selfCheckA}/decision`, { token: admin, body: { decision: 'accept' } });
    expect(accepted.body.status).toBe('accepted');
    expect(accepted.body.versions.map((v) => [v.version, v.decision])).toEqual([[1, 'returned'], [2, 'accepted']]);
    expect(accepted.body.versions[0].comment).toBe('请补充案件数的统计口径');
    expect((await stack.request('GET', `/self-checks/${selfCheckA}`, { token: userB })).status).toBe(403);
  });

  it('records a verification whose discrepancies become findings', async () => {
    const res = await stack.request('POST', `/self-checks/${selfCheckA}/verifications`, {
      token: admin,
      body: { claims: [{ itemCode: 'pub', found: '网站未公示执法人员信息', discrepancy: true, rule: '《行政执法公示办法》第五条' }, { itemCode: 'cases', found: '与台账一致', discrepancy: false }] },
    });
    expect(res).toMatchObject({ status: 201, body: { findings: 1 } });
    // A retry with the same Idempotency-Key returns the same verification (its findings are not recorded twice).
    const keyed = { claims: [{ itemCode: 'rec', found: '现场检查未全程录像', discrepancy: true }] };
    const once = await stack.request<{ verificationId: string }>('POST', `/self-checks/${selfCheckA}/verifications`, { token: admin, body: keyed, headers: { 'idempotency-key': 'verify-a-rec' } });
    const again = await stack.request<{ verificationId: string }>('POST', `/self-checks/${selfCheckA}/verifications`, { token: admin, body: keyed, headers: { 'idempotency-key': 'verify-a-rec' } });
    expect(again.body).toEqual(once.body);
    expect((await stack.request('POST', `/self-checks/${selfCheckA}/verifications`, { token: admin, body: { claims: [{ itemCode: 'nope', found: 'x', discrepancy: true }] } })).body).toMatchObject({ errors: [{ field: 'claims[0].itemCode' }] });
  });

  it('marks departments that did not submit by the close of the window as 逾期未报, visible in the campaign status', async () => {
    await until(16.5 * SECOND);
    const status = await eventually(async () => {
      const s = await stack.request<{ selfChecks: Record<string, number> }>('GET', `/campaigns/${campaignId}`, { token: admin });
      return s.body.selfChecks.notSubmitted === depts.length - 1 ? s.body : undefined;
    }, 15000, 'not-submitted marks');
    expect(status.selfChecks).toEqual({ draft: 0, submitted: 0, returned: 0, accepted: 1, notSubmitted: depts.length - 1 });
    expect(await stack.request('POST', `/me/self-checks/${campaignId}/submit`, { token: userB })).toMatchObject({ status: 409, body: { code: 'SELF_CHECK_WINDOW_CLOSED' } });
  });

  let draw: PublishedDraw & { status: string; sampleCount: number };
  type DrawFile = { caseFileId: string; departmentCode: string; caseNumber: string; reviewers: { id: string; name: string }[] };
  const drawnFiles = async () => (await stack.request<DrawFile[]>('GET', `/campaigns/${campaignId}/draw/files?limit=500`, { token: admin })).body;
  it('registers case files, refusing a file with bad rows as a whole', async () => {
    const types = ['行政处罚', 'license', '行政强制', 'inspection', 'other'];
    const rows = depts.flatMap((d, i) => Array.from({ length: 20 }, (_, k) => `${d.code},${d.code}-2026-${String(k).padStart(3, '0')},${types[k % 5]},案卷${i}-${k},2026-0${1 + (k % 6)}-15,执法人员${k},concluded`));
    expect(await importCsvOrFail(stack, admin, ['department_code,case_number,case_type,title,decision_date,handling_officer,status', ...rows].join('\n'))).toMatchObject({ total: 120 });
    const bad = await importCatalogue(stack, admin, 'department_code,case_number,case_type,title,decision_date,handling_officer,status\nR1,X-1,行政处罚,t,2026-02-30,o,concluded\nR1,X-2,unknown,t,2026-02-01,o,concluded');
    expect(bad.job?.status).toBe('rejected');
    expect(bad.job!.errors.map((e) => e.row)).toEqual([2, 3]); // as Excel numbers them: the header is row 1
  });

  it('commits to a seed, draws once, and publishes what lets anyone re-run it', async () => {
    const base = `/campaigns/${campaignId}/draw`;
    expect(await stack.request('POST', base, { token: admin })).toMatchObject({ status: 409, body: { code: 'DRAW_NOT_READY' } });
    expect((await stack.request('PUT', `${base}/config`, { token: admin, body: { rules: { rate: 2, min: 1, max: 0, period: { from: '2026-01-01', to: 'x' } } } })).status).toBe(400);
    const rules = { rate: 0.2, min: 2, max: 5, caseTypeCoverage: true, period: { from: '2026-01-01', to: '2026-12-31' }, reviewersPerFile: 1 };
    expect((await stack.request('PUT', `${base}/config`, { token: admin, body: { rules } })).body).toMatchObject({ status: 'configured', seedHash: null });
    const committed = await stack.request<{ status: string; seedHash: string; seed?: string }>('POST', `${base}/commit`, { token: admin });
    expect(committed.body.status).toBe('committed');
    expect(committed.body.seedHash).toMatch(/^[0-9a-f]{64}$/);
    expect(committed.body.seed).toBeUndefined();
    expect(await stack.request('PUT', `${base}/config`, { token: admin, body: { rules } })).toMatchObject({ status: 409, body: { code: 'DRAW_SEED_COMMITTED' } });

    const drawn = await stack.request<typeof draw>('POST', base, { token: admin });
    expect(drawn.status).toBe(200);
    draw = drawn.body;
    expect(draw).toMatchObject({ status: 'drawn', seedHash: committed.body.seedHash, candidateCount: 120, sampleCount: 6 * 4 });
    expect(await stack.request('POST', base, { token: admin })).toMatchObject({ status: 409, body: { code: 'DRAW_ALREADY_DONE' } });

    const text = async (path: string) => (await fetch(`${stack.baseUrl}${base}/${path}`, { headers: { authorization: `Bearer ${admin}` } })).text();
    const [candidates, result] = [await text('candidates'), await text('result')];
    expect(result.split('\n').filter(Boolean)).toHaveLength(24);
    expect(verifyDraw(draw, candidates, result)).toEqual({ ok: true, problems: [], sampled: 24 });
    expect(verifyDraw(draw, candidates, result.split('\n').slice(1).join('\n')).ok).toBe(false); // a file left out
    expect(verifyDraw({ ...draw, seed: '00' }, candidates, result).ok).toBe(false);
    const page = await stack.request<DrawFile[]>('GET', `${base}/files?limit=10&offset=20`, { token: admin });
    expect(page.body).toHaveLength(4);
  });

  it('never assigns a reviewer to their own department, spreads the load, and reassigns on a later conflict', async () => {
    const byId = new Map(depts.map((d) => [d.code, d.id]));
    const files = await drawnFiles();
    expect(files).toHaveLength(24);
    for (const f of files) {
      expect(f.reviewers).toHaveLength(1);
      const reviewer = reviewers.find((r) => r.id === f.reviewers[0].id)!;
      expect(reviewer.departmentId).not.toBe(byId.get(f.departmentCode));
    }
    const loads = reviewers.map((r) => files.filter((f) => f.reviewers[0].id === r.id).length);
    // Lowest load first among the eligible: a reviewer can fall behind another only on files they may not
    // take (here at most the 4 of their own department), so loads differ by at most 4 + 1 whatever the seed.
    // (Without recusal the spread is at most 1: libs/domain/src/draw.spec.ts.)
    expect(loads.reduce((a, b) => a + b, 0)).toBe(24);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(5);

    const rev3 = reviewers[2];
    const mine = (await stack.request<Assignment[]>('GET', '/me/reviews', { token: rev3.token })).body;
    const target = mine[0].caseFile.departmentId;
    const declared = await stack.request<{ released: number; reassigned: number }>('POST', '/reviewer-conflicts', { token: rev3.token, body: { departmentId: target, reason: '近亲属在该单位工作' } });
    expect(declared.status).toBe(201);
    expect(declared.body.released).toBeGreaterThan(0);
    expect(declared.body.reassigned).toBe(declared.body.released);
    const twice = await stack.request<{ conflictId: string; released: number }>('POST', '/reviewer-conflicts', { token: rev3.token, body: { departmentId: target, reason: '近亲属在该单位工作' } });
    expect(twice.body).toMatchObject({ conflictId: (declared.body as unknown as { conflictId: string }).conflictId, released: 0 }); // declared once
    const after = (await stack.request<Assignment[]>('GET', '/me/reviews', { token: rev3.token })).body;
    expect(after.some((a) => a.caseFile.departmentId === target)).toBe(false);
    const ofTarget = (await stack.request<DrawFile[]>('GET', `/campaigns/${campaignId}/draw/files?departmentId=${target}`, { token: admin })).body;
    expect(ofTarget.length).toBeGreaterThan(0);
    for (const f of ofTarget) {
      expect(f.reviewers).toHaveLength(1);
      expect(f.reviewers[0].id).not.toBe(rev3.id);
      expect(reviewers.find((r) => r.id === f.reviewers[0].id)!.departmentId).not.toBe(target);
    }
  });

  it('lets a reviewer score only their own files, in the window, within each criterion’s maximum', async () => {
    const rev1 = reviewers[0];
    const mine = (await stack.request<Assignment[]>('GET', '/me/reviews', { token: rev1.token })).body;
    expect(mine.length).toBeGreaterThan(0);
    const assignment = mine[0].assignmentId;
    const sheet = { deductions: [], vetoes: [], comment: '程序瑕疵' };
    expect(await stack.request('PUT', `/review-assignments/${assignment}/sheet`, { token: rev1.token, body: sheet })).toMatchObject({ status: 409, body: { code: 'REVIEW_WINDOW_CLOSED' } });
    await until(18.5 * SECOND);
    const standard = (await stack.request<{ standard: { sections: { criteria: { code: string; maxDeduction: number }[] }[]; basicCriteria: { code: string }[] } }>('GET', `/review-assignments/${assignment}`, { token: rev1.token })).body.standard;
    const criterion = standard.sections[0].criteria[0];
    const over = await stack.request<{ errors: { field: string; code: string }[] }>('PUT', `/review-assignments/${assignment}/sheet`, { token: rev1.token, body: { ...sheet, deductions: [{ criterionCode: criterion.code, points: criterion.maxDeduction + 1, note: '超额' }] } });
    expect(over.status).toBe(400);
    expect(over.body.errors[0]).toMatchObject({ field: 'deductions[0].points', code: 'DEDUCTION_OVER_MAX' });
    const deduction = { criterionCode: criterion.code, points: criterion.maxDeduction, note: '执法人员未出示执法证件' };
    expect((await stack.request('PUT', `/review-assignments/${assignment}/sheet`, { token: rev1.token, body: { ...sheet, deductions: [deduction] } })).status).toBe(200);

    // A new version of the standard mid-campaign: the review already started keeps version 1; a review not yet started takes version 2.
    const v1 = (await stack.request<{ body: Record<string, unknown> }>('GET', '/scoring-standards/default/versions/1', { token: admin })).body.body;
    const published = await stack.request<{ version: number }>('POST', '/scoring-standards', { token: admin, body: { ...v1, name: '行政执法案卷评查标准（2026 年修订）' } });
    expect(published).toMatchObject({ status: 201, body: { version: 2 } });
    expect((await stack.request('POST', '/scoring-standards', { token: admin, body: { ...v1, name: '行政执法案卷评查标准（2026 年修订）' } })).body).toMatchObject({ version: 2 }); // the same again: no version 3
    expect((await stack.request<{ standard: { version: number } }>('GET', `/review-assignments/${assignment}`, { token: rev1.token })).body.standard.version).toBe(1);
    const other = (await stack.request<Assignment[]>('GET', '/me/reviews', { token: reviewers[1].token })).body[0];
    expect((await stack.request<{ standard: { version: number } }>('GET', `/review-assignments/${other.assignmentId}`, { token: reviewers[1].token })).body.standard.version).toBe(2);
    expect(await stack.request('PUT', `/review-assignments/${assignment}/sheet`, { token: reviewers[1].token, body: sheet })).toMatchObject({ status: 403, body: { code: 'NOT_ASSIGNED' } });
    expect((await stack.request('GET', '/me/reviews', { token: userA })).status).toBe(403);

    const submitted = await stack.request<{ reviewId: string; score: number; grade: string }>('POST', `/review-assignments/${assignment}/submit`, { token: rev1.token, body: { ...sheet, deductions: [deduction] } });
    expect(submitted.body).toMatchObject({ score: 100 - criterion.maxDeduction, grade: expect.any(String) });
    expect(await stack.request('POST', `/review-assignments/${assignment}/submit`, { token: rev1.token, body: sheet })).toMatchObject({ status: 409, body: { code: 'REVIEW_NOT_EDITABLE' } });
    expect((await stack.request('POST', `/reviews/${submitted.body.reviewId}/return`, { token: admin, body: { reason: '请复核扣分依据' } })).status).toBe(200);
    const vetoed = await stack.request<{ score: number; grade: string; version: number }>('POST', `/review-assignments/${assignment}/submit`, {
      token: rev1.token,
      body: { deductions: [deduction], vetoes: [{ criterionCode: standard.basicCriteria[0].code, note: '主要证据不足' }], comment: '复核后认定证据不足' },
    });
    expect(vetoed.body).toMatchObject({ score: 0, grade: 'fail', version: 2 });
  });

  it('reports results per file and department, and escalates unfinished reviews when the window closes', async () => {
    await until(34.5 * SECOND);
    const results = await eventually(async () => {
      const r = await stack.request<{ overall: { sampled: number; reviewed: number; escalated: number; passRate: number } }>('GET', `/campaigns/${campaignId}/review/results`, { token: admin });
      return r.body.overall.escalated > 0 ? r.body : undefined;
    }, 20000, 'escalation of unfinished reviews');
    expect(results.overall).toMatchObject({ sampled: 24, reviewed: 1, escalated: 23, passRate: 0 });
    type FileResult = { reviewed: boolean; grade: string | null; departmentId: string; reviewIds: string[] };
    const reviewedFiles = (await stack.request<FileResult[]>('GET', `/campaigns/${campaignId}/review/results/files?status=reviewed`, { token: admin })).body;
    expect(reviewedFiles).toEqual([expect.objectContaining({ reviewed: true, grade: 'fail', reviewIds: [expect.any(String)] })]);
    const pendingFiles = (await stack.request<FileResult[]>('GET', `/campaigns/${campaignId}/review/results/files?status=pending&limit=5`, { token: admin })).body;
    expect(pendingFiles).toHaveLength(5);
    expect(pendingFiles.every((f) => !f.reviewed)).toBe(true);
    const departments = (await stack.request<{ departmentId: string; pending: number; files: number; passRate: number }[]>('GET', `/campaigns/${campaignId}/review/results/departments`, { token: admin })).body;
    expect(departments).toHaveLength(6);
    expect(departments.reduce((n, d) => n + d.pending + d.files, 0)).toBe(24);
    expect(departments.find((d) => d.departmentId === reviewedFiles[0].departmentId)).toMatchObject({ files: 1, passRate: 0 });
  });

  it('refuses a conflict declared for an unknown reviewer, department or case file, naming the field', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const declare = (token: string, body: object) => stack.request<{ errors: { field: string; code: string }[] }>('POST', '/reviewer-conflicts', { token, body: { ...body, reason: '近亲属在该单位工作' } });
    expect((await declare(reviewers[2].token, { departmentId: unknown })).body).toMatchObject({ errors: [{ field: 'departmentId', code: 'DEPARTMENT_UNKNOWN' }] });
    expect((await declare(reviewers[2].token, { caseFileId: unknown })).body).toMatchObject({ errors: [{ field: 'caseFileId', code: 'CASE_FILE_UNKNOWN' }] });
    expect((await declare(admin, { reviewerId: unknown, departmentId: unknown })).body).toMatchObject({ errors: [{ field: 'reviewerId', code: 'REVIEWER_UNKNOWN' }] });
  });
});
