/**
 * The draw's proof, for a third party: a draw made through the API is re-run by the independent
 * Python verifier (scripts/verify_draw.py, standard library only), from the API and from saved
 * copies, files and reviewers both; a tampered copy fails. Also the rules' status filter and the
 * quota's rounding (75 files at 6 % = 4.5 → 5) on the real stack.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyDraw } from '../scripts/verify-draw';
import { poolAllReviewers } from './support/reviewer-pool';
import { startStack, ADMIN, type Stack } from './support/stack';
import { importCsvOrFail } from './support/case-file-imports';

const VERIFIER = join(__dirname, '..', 'scripts', 'verify_draw.py');
/** Runs the verifier without blocking this process, which serves the API it reads (a spawnSync would deadlock). */
function python(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [VERIFIER, ...args], { timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('the draw re-run by the Python verifier (e2e)', () => {
  let stack: Stack;
  let admin: string;
  let campaignId: string;
  const dir = mkdtempSync(join(tmpdir(), 'draw-proof-'));

  beforeAll(async () => {
    stack = await startStack();
    admin = await stack.login(ADMIN.username, ADMIN.password);
    await stack.request('POST', '/departments/import', { token: admin, raw: 'code,name,kind,active\nA01,市场监督管理局,bureau,true\nB02,交通运输局,bureau,true\nC03,生态环境局,bureau,true', contentType: 'text/csv' });
    const depts = new Map((await stack.request<{ id: string; code: string }[]>('GET', '/departments', { token: admin })).body.map((d) => [d.code, d.id]));
    const accounts: [string, string | undefined][] = [['rev-a', depts.get('A01')], ['rev-b', depts.get('B02')], ['rev-x', undefined], ['rev-y', undefined]];
    for (const [username, departmentId] of accounts) {
      const res = await stack.request('POST', '/users', { token: admin, body: { username, password: 'password-123', role: 'reviewer', displayName: username, ...(departmentId ? { departmentId } : {}) } });
      expect(res.status).toBe(201);
    }
    const now = Date.now();
    const at = (days: number) => new Date(now + days * 86_400_000).toISOString();
    const launch = await stack.request<{ id: string }>('POST', '/campaigns', {
      token: admin,
      body: {
        year: 2027,
        title: '2027年度督察（抽取复算）',
        priorities: [{ code: 'P01', title: '报送自查', departmentIds: 'all', dueAt: at(300), evidenceRequired: false }],
        calendar: { selfCheckOpensAt: at(1), selfCheckClosesAt: at(2), reviewOpensAt: at(3), reviewClosesAt: at(4), closesAt: at(400) },
      },
    });
    expect(launch.status).toBe(201);
    campaignId = launch.body.id;
    expect(await poolAllReviewers(stack, admin, campaignId)).toHaveLength(4);
    // A declared conflict (回避) on a whole department: it must be in the published proof, under the reviewer's pseudonym.
    const revY = await stack.login('rev-y', 'password-123');
    expect((await stack.request('POST', '/reviewer-conflicts', { token: revY, body: { departmentId: depts.get('C03'), reason: '曾在该单位任职' } })).status).toBe(201);

    const file = (code: string, k: number, status: string, date = `2026-0${1 + (k % 6)}-15`) => `${code},${code}罚〔2026〕${k}号,${['行政处罚', 'license', 'inspection'][k % 3]},案卷${k},${date},执法人员,${status}`;
    const rows = [
      ...Array.from({ length: 75 }, (_, k) => file('A01', k, 'concluded')),
      ...Array.from({ length: 5 }, (_, k) => file('A01', 100 + k, 'in_progress')), // 在办: not candidates
      ...Array.from({ length: 10 }, (_, k) => file('B02', k, 'concluded')),
      ...Array.from({ length: 3 }, (_, k) => file('C03', k, 'concluded')),
      file('C03', 50, 'concluded', '2025-12-31'), // the day before the period
      file('C03', 51, 'concluded', '2027-01-01'), // the day after
    ];
    expect(await importCsvOrFail(stack, admin, ['department_code,case_number,case_type,title,decision_date,handling_officer,status', ...rows].join('\n'))).toMatchObject({ total: rows.length });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('validates the status filter and the rate, in Chinese with stable codes', async () => {
    const path = `/campaigns/${campaignId}/draw/config`;
    const base = { rate: 0.06, min: 1, max: 10, period: { from: '2026-01-01', to: '2026-12-31' } };
    const codes = async (rules: object) => {
      const res = await stack.request<{ errors: { field: string; code: string; message: string }[] }>('PUT', path, { token: admin, body: { rules } });
      expect(res.status).toBe(400);
      for (const e of res.body.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
      return res.body.errors.map((e) => [e.field, e.code]);
    };
    expect(await codes({ ...base, statuses: ['concluded', 'closed'] })).toEqual([['rules.statuses', 'NOT_ALLOWED_VALUE']]);
    expect(await codes({ ...base, statuses: [] })).toEqual([['rules.statuses', 'TOO_FEW_ITEMS']]);
    expect(await codes({ ...base, statuses: ['concluded', 'concluded'] })).toEqual([['rules.statuses', 'DUPLICATE_ITEMS']]);
    expect(await codes({ ...base, rate: 0.12345 })).toEqual([['rules.rate', 'DRAW_RATE_INVALID']]);
    // Without statuses the rules take the default: concluded (已办结) files only.
    const set = await stack.request<{ rules: { statuses: string[] } }>('PUT', path, { token: admin, body: { rules: base } });
    expect(set.body.rules.statuses).toEqual(['concluded']);
  });

  it('draws, and the Python verifier re-runs files and reviewers from the API and from saved copies; a tampered copy fails', async () => {
    const base = `/campaigns/${campaignId}/draw`;
    const rules = { rate: 0.06, min: 1, max: 10, caseTypeCoverage: true, period: { from: '2026-01-01', to: '2026-12-31' }, reviewersPerFile: 2, statuses: ['concluded'] };
    expect((await stack.request('PUT', `${base}/config`, { token: admin, body: { rules } })).status).toBe(200);
    expect((await stack.request('POST', `${base}/commit`, { token: admin })).status).toBe(200);
    const drawn = await stack.request<{ status: string; candidateCount: number; sampleCount: number }>('POST', base, { token: admin });
    // 75 + 10 + 3 concluded files in the period; A01: 75 × 6 % = 4.5 → 5, B02: 0.6 → 1, C03: 0.18 → 0 → min 1.
    expect(drawn.body).toMatchObject({ status: 'drawn', candidateCount: 88, sampleCount: 7 });

    const fromApi = await python(['--api', stack.baseUrl, '--token', admin, '--campaign', campaignId]);
    expect(fromApi.stderr).toBe('');
    expect(fromApi.stdout).toMatch(/^OK: re-ran the draw over 88 candidates and got the same 7 files and the same 14 reviewer assignments among 4 pseudonymous reviewers/);
    expect(fromApi.status).toBe(0);

    const get = async (path: string) => (await fetch(`${stack.baseUrl}${base}${path}`, { headers: { authorization: `Bearer ${admin}` } })).text();
    const files = { draw: await get(''), candidates: await get('/candidates'), result: await get('/result'), reviewers: await get('/reviewers') };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const proof = JSON.parse(files.reviewers) as { reviewers: { id: string; excludedDepartments: string[] }[]; assignments: { departmentCode: string; reviewer: string }[] };
    expect(proof.reviewers.map((r) => r.excludedDepartments)).toEqual(expect.arrayContaining([['A01'], ['B02'], ['C03'], []]));
    expect(JSON.stringify(proof)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/); // no internal id is published
    const args = (over: Partial<Record<keyof typeof files, string>> = {}) =>
      (['draw', 'candidates', 'result', 'reviewers'] as const).flatMap((k) => [`--${k}`, over[k] ?? join(dir, k)]);
    expect(verifyDraw(JSON.parse(files.draw), files.candidates, files.result, JSON.parse(files.reviewers))).toEqual({ ok: true, problems: [], sampled: 7 }); // the TypeScript verifier agrees
    const saved = await python(args());
    expect(saved.stdout).toMatch(/^OK: .* 7 files and the same 14 reviewer assignments/);
    expect(saved.status).toBe(0);

    // One drawn case number changed in the result: the first difference is named.
    const lines = files.result.split('\n');
    const [code, caseNumber] = lines[2].split('\t');
    writeFileSync(join(dir, 'result-tampered'), files.result.replace(`${code}\t${caseNumber}\t`, `${code}\t${caseNumber}X\t`));
    const tampered = await python(args({ result: join(dir, 'result-tampered') }));
    expect(tampered.stdout).toMatch(/^MISMATCH: result line 3: /);
    expect(tampered.status).toBe(1);

    // One assignment handed to another reviewer in the proof.
    const other = proof.reviewers.find((r) => r.id !== proof.assignments[0].reviewer && !r.excludedDepartments.includes(proof.assignments[0].departmentCode))!;
    writeFileSync(join(dir, 'reviewers-tampered'), JSON.stringify({ ...proof, assignments: [{ ...proof.assignments[0], reviewer: other.id }, ...proof.assignments.slice(1)] }));
    const swapped = await python(args({ reviewers: join(dir, 'reviewers-tampered') }));
    expect(swapped.stdout).toMatch(/^MISMATCH: assignment 1: /);
    expect(swapped.status).toBe(1);
    expect(readFileSync(join(dir, 'draw'), 'utf8')).toContain('"statuses":["concluded"]');
  });
});
