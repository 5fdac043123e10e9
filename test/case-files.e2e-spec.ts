/**
 * The case-file catalogue (案卷目录) through HTTP against the real stack: CSV and XLSX import as a
 * job the worker runs (all or nothing, every bad row named, idempotent re-import, progress and the
 * record of imports), department scoping, and registration one by one.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { importCatalogue, type ImportJob } from './support/case-file-imports';
import { ADMIN, startStack, type Stack } from './support/stack';

interface Department { id: string; code: string }
interface CaseFile { id: string; departmentId: string; caseNumber: string; caseType: string; caseTypeLabel: string; title: string; decisionDate: string; handlingOfficer: string; status: string }
interface Rejection { statusCode: number; code: string; message: string; errors: { row: number; field: string; code: string; message: string }[] }
type Answer = { http: number; job?: ImportJob; body: Record<string, unknown> };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = 'department_code,case_number,case_type,title,decision_date,handling_officer,status';

describe('case-file catalogue (e2e)', () => {
  let stack: Stack;
  let admin: string;
  let userA: string;
  let userB: string;
  let a: Department;
  let b: Department;
  let c: Department;

  const csv = [
    HEADER,
    'CFA,A-2025-001,行政处罚,甲公司未按规定公示案,2025-03-31,张三,已办结',
    'CFA,A-2025-002,license,乙公司食品经营许可案,2025-04-01,李四,concluded',
    'CFA,"A-2025-003","行政强制","丙公司查封扣押案, 含逗号",2025/5/6,王五,在办',
    'CFB,B-2025-001,行政检查,丁公司安全生产检查,2026-01-15,赵六,in_progress',
    'CFB,B-2025-002,其他,戊公司其他案件,2025-12-31,钱七,已办结',
    'CFB,B-2025-003,penalty,己公司反斜杠\\案,2025-07-07,孙八,已办结',
  ].join('\n');

  const all = async (token: string, query = '') => (await stack.request<CaseFile[]>('GET', `/case-files?limit=500${query}`, { token })).body;
  const post = (token: string, body: string | Buffer, contentType: string, query = ''): Promise<Answer> => importCatalogue(stack, token, body, { contentType, query });
  const importCsv = (token: string, text: string, query = ''): Promise<Answer> => post(token, text, 'text/csv', query);
  const written = (result: object) => ({ http: 202, job: expect.objectContaining({ status: 'succeeded', result }) });

  beforeAll(async () => {
    stack = await startStack();
    admin = await stack.login(ADMIN.username, ADMIN.password);
    const imported = await stack.request('POST', '/departments/import', {
      token: admin,
      raw: 'code,name,kind,active\nCFA,市场监督管理局,bureau,true\nCFB,应急管理局,bureau,true\nCFC,卫生健康委员会,bureau,true',
      contentType: 'text/csv',
    });
    expect(imported.status).toBe(200);
    const departments = (await stack.request<Department[]>('GET', '/departments', { token: admin })).body;
    [a, b, c] = ['CFA', 'CFB', 'CFC'].map((code) => departments.find((d) => d.code === code)!);
    for (const [username, department] of [['cf-user-a', a], ['cf-user-b', b]] as const) {
      const res = await stack.request('POST', '/users', { token: admin, body: { username, password: 'password-123', role: 'department_user', displayName: username, departmentId: department.id } });
      expect(res.status).toBe(201);
    }
    userA = await stack.login('cf-user-a', 'password-123');
    userB = await stack.login('cf-user-b', 'password-123');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('imports a CSV for several departments (office), taking codes or Chinese labels', async () => {
    const res = await importCsv(admin, `\uFEFF${csv}\n`, '?fileName=2025年案卷目录.csv');
    expect(res).toMatchObject(written({ total: 6, created: 6, updated: 0, unchanged: 0 }));
    expect(res.job).toMatchObject({ fileName: '2025年案卷目录.csv', statusLabel: '已导入', rowsRead: 6, rowsWritten: 6, errors: [], message: null });
    const files = await all(admin);
    expect(files).toHaveLength(6);
    const byNumber = new Map(files.map((f) => [f.caseNumber, f]));
    expect(byNumber.get('A-2025-001')).toMatchObject({ departmentId: a.id, caseType: 'penalty', caseTypeLabel: '行政处罚', decisionDate: '2025-03-31', status: 'concluded' });
    expect(byNumber.get('A-2025-003')).toMatchObject({ title: '丙公司查封扣押案, 含逗号', caseType: 'coercion', decisionDate: '2025-05-06', status: 'in_progress' });
    expect(byNumber.get('B-2025-003')).toMatchObject({ departmentId: b.id, title: '己公司反斜杠\\案' });
    const audit = await stack.request<{ action: string; detail: Record<string, unknown> }[]>('GET', '/audit?action=case_file.import', { token: admin });
    expect(audit.body).toHaveLength(1);
    expect(audit.body[0]).toMatchObject({ action: 'case_file.import', detail: { importId: res.job!.id, fileName: '2025年案卷目录.csv', total: 6, created: 6 } });
  });

  it('imports an XLSX (first sheet, date cells, numeric case numbers) for the department user’s own department', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('案卷目录');
    sheet.addRow(['案卷号', '案卷类别', '案卷名称', '决定日期', '承办人', '状态']);
    sheet.addRow(['A-2026-001', '行政许可', '庚公司许可变更案', new Date(Date.UTC(2026, 1, 3)), '周九', '已办结']);
    sheet.addRow([20260002, 'inspection', { richText: [{ text: '辛公司' }, { text: '日常检查' }] }, '2026-02-04', '吴十', 'in_progress']);
    sheet.addRow([]);
    sheet.addRow(['A-2026-003', '其他', '壬公司案', '2026-02-05', '郑十一', '在办']);
    workbook.addWorksheet('说明').addRow(['这一页不导入']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await post(userA, buffer, XLSX)).toMatchObject(written({ total: 3, created: 3, updated: 0, unchanged: 0 }));
    const own = await all(userA);
    expect(own.map((f) => f.caseNumber).sort()).toEqual(['20260002', 'A-2025-001', 'A-2025-002', 'A-2025-003', 'A-2026-001', 'A-2026-003']);
    expect(own.find((f) => f.caseNumber === 'A-2026-001')).toMatchObject({ decisionDate: '2026-02-03', caseType: 'license' });
    expect(own.find((f) => f.caseNumber === '20260002')).toMatchObject({ title: '辛公司日常检查', decisionDate: '2026-02-04' });

    // Bad rows in an XLSX are numbered as Excel shows them (the header is row 1).
    const bad = new ExcelJS.Workbook();
    const s = bad.addWorksheet('x');
    s.addRow(['case_number', 'case_type', 'title', 'decision_date', 'handling_officer', 'status']);
    s.addRow(['A-X-1', '行政处罚', 't', '2026-02-30', 'o', '已办结']);
    const rejected = await post(userA, Buffer.from(await bad.xlsx.writeBuffer()), XLSX);
    expect(rejected.job?.status).toBe('rejected');
    expect(rejected.job!.errors.map((e) => [e.row, e.field, e.code])).toEqual([[2, 'decision_date', 'DECISION_DATE_INVALID']]);
    const garbage = await post(userA, Buffer.from('this is not a zip file'), XLSX);
    expect(garbage.job).toMatchObject({ status: 'rejected', errors: [{ code: 'XLSX_MALFORMED' }] });
  });

  it('rejects a file with bad rows, naming every bad row and reason, and writes nothing', async () => {
    const before = (await all(admin)).length;
    const bad = [
      HEADER,
      'CFA,A-NEW-1,行政处罚,好的一行,2025-01-02,张三,已办结',
      'CFA,A-NEW-2,行政处罚,日期不存在,2025-02-30,张三,已办结',
      'CFA,A-NEW-3,行政复议,类别不对,2025-01-02,张三,已办结',
      'NOPE,A-NEW-4,行政处罚,部门不存在,2025-01-02,张三,已办结',
      'CFA,A-NEW-1,行政处罚,案卷号重复,2025-01-02,张三,已办结',
      ',,,,,,',
      'CFB,,penalty,,2025-01-02,,done',
      ',A-NEW-5,行政处罚,没有部门编码,2025-01-02,张三,已办结',
    ].join('\r\n');
    const res = (await importCsv(admin, bad)).job!;
    expect(res).toMatchObject({ status: 'rejected', statusLabel: '被拒绝', errorCount: 9, badRows: 6, result: null, rowsRead: 7, rowsWritten: 0 });
    expect(res.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [3, 'decision_date', 'DECISION_DATE_INVALID'],
      [4, 'case_type', 'CASE_TYPE_INVALID'],
      [5, 'department_code', 'DEPARTMENT_UNKNOWN'],
      [6, 'case_number', 'CASE_NUMBER_DUPLICATED'],
      [8, 'case_number', 'CASE_NUMBER_INVALID'],
      [8, 'title', 'CASE_TITLE_INVALID'],
      [8, 'handling_officer', 'HANDLING_OFFICER_INVALID'],
      [8, 'status', 'CASE_STATUS_INVALID'],
      [9, 'department_code', 'DEPARTMENT_CODE_REQUIRED'],
    ]);
    expect(res.errors[3].message).toBe('第 6 行：案卷号 A-NEW-1 与第 2 行重复（同一部门案卷号不能重复）');
    expect(res.message).toContain('共 9 处错误，涉及 6 行');
    expect(await all(admin)).toHaveLength(before);

    // A duplicate alone (no other error) is caught by the upsert and reported the same way.
    const dupOnly = (await importCsv(admin, [HEADER, 'CFC,C-1,penalty,t,2025-01-02,o,concluded', 'CFC,C-2,penalty,t,2025-01-02,o,concluded', 'CFC,C-1,penalty,t,2025-01-02,o,concluded'].join('\n'))).job!;
    expect(dupOnly.status).toBe('rejected');
    expect(dupOnly.errors.map((e) => [e.row, e.code])).toEqual([[4, 'CASE_NUMBER_DUPLICATED']]);
    expect(await all(admin, `&departmentId=${c.id}`)).toHaveLength(0);

    // Lists are capped at 1,000 entries; the message gives the total.
    const many = [HEADER, ...Array.from({ length: 1500 }, (_, i) => `CFC,M-${i},penalty,t,2025-13-01,o,concluded`)].join('\n');
    const capped = (await importCsv(admin, many)).job!;
    expect(capped).toMatchObject({ status: 'rejected', errorCount: 1500, badRows: 1500 });
    expect(capped.errors).toHaveLength(1000);
    expect(capped.message).toContain('共 1500 处错误');
    expect(await all(admin)).toHaveLength(before);
  });

  it('refuses unreadable files (the job), an empty upload (400) and other content types (415)', async () => {
    const missing = (await importCsv(admin, 'case_number,title\nX,y')).job!;
    expect(missing).toMatchObject({ status: 'rejected', errors: [{ code: 'COLUMNS_MISSING' }] });
    expect(missing.message).toContain('department_code');
    const malformed = await importCsv(admin, `${HEADER}\nCFA,"A-Q,penalty,t,2025-01-01,o,concluded\n`);
    expect(malformed.job).toMatchObject({ status: 'rejected', errors: [{ code: 'CSV_MALFORMED' }] });
    const noRows = await importCsv(admin, `${HEADER}\n`);
    expect(noRows.job).toMatchObject({ status: 'rejected', errors: [{ code: 'IMPORT_EMPTY' }] });
    const nothing = await importCsv(admin, '');
    expect(nothing).toMatchObject({ http: 400, body: { code: 'IMPORT_REJECTED', errors: [{ field: 'file', code: 'IMPORT_EMPTY' }] } });
    const json = await stack.request('POST', '/case-files/imports', { token: admin, body: [{ caseNumber: 'x' }] });
    expect(json).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    const unknown = await importCsv(admin, csv, '?departmentId=00000000-0000-4000-8000-000000000000');
    expect(unknown).toMatchObject({ http: 400, body: { code: 'VALIDATION_FAILED', errors: [{ field: 'departmentId', code: 'DEPARTMENT_UNKNOWN' }] } });
  });

  it('re-imports idempotently by (department, case number): updates what changed, leaves the rest', async () => {
    expect(await importCsv(admin, csv)).toMatchObject(written({ total: 6, created: 0, updated: 0, unchanged: 6 }));
    // New rows first, then rows already there: the direct COPY meets them mid-file, is rolled back, and the merge counts both.
    const mixed = [HEADER, 'CFA,A-2025-900,penalty,新增一件,2025-09-01,张三,concluded', ...csv.split('\n').slice(1)].join('\n');
    expect(await importCsv(admin, mixed)).toMatchObject(written({ total: 7, created: 1, updated: 0, unchanged: 6 }));
    expect((await all(admin)).filter((f) => f.caseNumber === 'A-2025-900')).toHaveLength(1);
    expect(await importCsv(admin, csv.replace('甲公司未按规定公示案', '甲公司未按规定公示案（更正）'))).toMatchObject(written({ total: 6, created: 0, updated: 1, unchanged: 5 }));
    const files = await all(admin);
    expect(files).toHaveLength(10);
    expect(files.find((f) => f.caseNumber === 'A-2025-001')?.title).toBe('甲公司未按规定公示案（更正）');
    // One department for the whole file (?departmentId=), without the department_code column.
    const one = await importCsv(admin, 'case_number,case_type,title,decision_date,handling_officer,status\nC-2025-001,行政处罚,癸公司案,2025-08-08,冯十二,已办结', `?departmentId=${c.id}`);
    expect(one).toMatchObject(written({ total: 1, created: 1, updated: 0, unchanged: 0 }));
    expect(one.job).toMatchObject({ departmentId: c.id });
    const mismatch = await importCsv(admin, `${HEADER}\nCFA,C-2025-002,penalty,t,2025-01-01,o,concluded`, `?departmentId=${c.id}`);
    expect(mismatch.job!.errors).toEqual([expect.objectContaining({ row: 2, code: 'DEPARTMENT_CODE_MISMATCH' })]);
  });

  it('refuses a department user’s rows of another department, and another department’s import', async () => {
    const before = (await all(admin)).length;
    const res = (await importCsv(userA, [HEADER, 'CFA,A-OWN-1,penalty,t,2025-01-01,o,concluded', 'CFB,B-FOREIGN-1,penalty,t,2025-01-01,o,concluded'].join('\n'))).job!;
    expect(res.status).toBe('rejected');
    expect(res.errors.map((e) => [e.row, e.field, e.code])).toEqual([[3, 'department_code', 'DEPARTMENT_FORBIDDEN']]);
    expect(await all(admin)).toHaveLength(before);
    const other = await importCsv(userA, [HEADER, 'CFB,B-X,penalty,t,2025-01-01,o,concluded'].join('\n'), `?departmentId=${b.id}`);
    expect(other).toMatchObject({ http: 403, body: { code: 'FORBIDDEN_DEPARTMENT' } });
    // Without the column, rows go to the user's own department.
    const own = await importCsv(userB, 'case_number,case_type,title,decision_date,handling_officer,status\nB-2026-001,行政处罚,本部门案卷,2026-03-01,陈十三,在办');
    expect(own).toMatchObject(written({ total: 1, created: 1, updated: 0, unchanged: 0 }));

    // The record of imports: a department sees its own department's, never another's; the office all.
    type Listed = { id: string; departmentId: string | null; status: string };
    const mine = (await stack.request<Listed[]>('GET', '/case-files/imports?limit=100', { token: userA })).body;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((j) => j.departmentId === a.id)).toBe(true);
    const everyone = await stack.request<Listed[]>('GET', '/case-files/imports?limit=100', { token: admin });
    expect(Number(everyone.body.length)).toBeGreaterThan(mine.length);
    const ofB = everyone.body.find((j) => j.departmentId === b.id)!;
    expect(await stack.request('GET', `/case-files/imports/${ofB.id}`, { token: userA })).toMatchObject({ status: 403, body: { code: 'FORBIDDEN_DEPARTMENT' } });
    expect(await stack.request('GET', `/case-files/imports/${ofB.id}`, { token: userB })).toMatchObject({ status: 200, body: { id: ofB.id } });
    expect(await stack.request('GET', '/case-files/imports/not-a-uuid', { token: admin })).toMatchObject({ status: 400 });
    expect(await stack.request('GET', '/case-files/imports/00000000-0000-4000-8000-000000000000', { token: admin })).toMatchObject({ status: 404 });
  });

  it('shows a department only its own files, and the office all of them', async () => {
    const office = await all(admin);
    const ownA = await all(userA);
    const ownB = await all(userB);
    expect(ownA.length).toBeGreaterThan(0);
    expect(ownB.length).toBeGreaterThan(0);
    expect(ownA.every((f) => f.departmentId === a.id)).toBe(true);
    expect(ownB.every((f) => f.departmentId === b.id)).toBe(true);
    expect(office.length).toBe(ownA.length + ownB.length + 1);
    expect(await all(admin, `&departmentId=${a.id}`)).toEqual(ownA);
    expect(await stack.request('GET', `/case-files?departmentId=${b.id}`, { token: userA })).toMatchObject({ status: 403, body: { code: 'FORBIDDEN_DEPARTMENT' } });
    expect((await all(userA, `&departmentId=${a.id}`)).length).toBe(ownA.length);

    const fileOfB = ownB[0];
    expect(await stack.request('GET', `/case-files/${fileOfB.id}`, { token: userA })).toMatchObject({ status: 403, body: { code: 'FORBIDDEN_DEPARTMENT' } });
    expect(await stack.request('GET', `/case-files/${fileOfB.id}`, { token: userB })).toMatchObject({ status: 200, body: { id: fileOfB.id } });
    expect(await stack.request('GET', `/case-files/${fileOfB.id}`, { token: admin })).toMatchObject({ status: 200, body: { id: fileOfB.id } });
    expect((await stack.request('GET', '/case-files/00000000-0000-4000-8000-000000000000', { token: admin })).status).toBe(404);

    // Filters: type, decision-date range, paging.
    const penalties = await all(admin, '&caseType=penalty');
    expect(penalties.length).toBeGreaterThan(0);
    expect(penalties.every((f) => f.caseType === 'penalty')).toBe(true);
    const in2026 = await all(admin, '&from=2026-01-01&to=2026-12-31');
    expect(in2026.length).toBeGreaterThan(0);
    expect(in2026.every((f) => f.decisionDate >= '2026-01-01')).toBe(true);
    expect((await stack.request<CaseFile[]>('GET', '/case-files?limit=2&offset=1', { token: admin })).body).toEqual(office.slice(1, 3));
  });

  it('registers case files one by one; a repeated case number in the department is 409', async () => {
    const body = { caseNumber: 'A-HAND-1', caseType: '行政检查', title: '手工登记的案卷', decisionDate: '2026-04-01', handlingOfficer: '褚十四', status: '在办' };
    const created = await stack.request<CaseFile>('POST', '/case-files', { token: userA, body });
    expect(created).toMatchObject({ status: 201, body: { departmentId: a.id, caseNumber: 'A-HAND-1', caseType: 'inspection', status: 'in_progress', decisionDate: '2026-04-01' } });
    expect(await stack.request('POST', '/case-files', { token: userA, body })).toMatchObject({ status: 409, body: { code: 'CASE_NUMBER_TAKEN' } });
    expect(await stack.request('POST', '/case-files', { token: userA, body: { ...body, caseNumber: 'A-2025-001' } })).toMatchObject({ status: 409, body: { code: 'CASE_NUMBER_TAKEN' } });
    // The same number in another department is fine.
    expect((await stack.request('POST', '/case-files', { token: admin, body: { ...body, departmentId: b.id } })).status).toBe(201);
    expect(await stack.request('POST', '/case-files', { token: admin, body })).toMatchObject({ status: 400, body: { errors: [{ field: 'departmentId', code: 'DEPARTMENT_REQUIRED' }] } });
    expect(await stack.request('POST', '/case-files', { token: userA, body: { ...body, caseNumber: 'A-HAND-2', departmentId: b.id } })).toMatchObject({ status: 403, body: { code: 'FORBIDDEN_DEPARTMENT' } });
    const invalid = await stack.request<Rejection>('POST', '/case-files', { token: userA, body: { ...body, caseNumber: 'A-HAND-3', decisionDate: '2026-02-29', status: 'x' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e) => [e.field, e.code])).toEqual([['decisionDate', 'DECISION_DATE_INVALID'], ['status', 'CASE_STATUS_INVALID']]);
    expect(invalid.body.errors[0].message).not.toContain('第 1 行');
  });

  it('streams a file larger than any body-parser limit (300,000 rows, ~30 MB), its progress visible while it runs', async () => {
    const rows = 300_000;
    const types = ['penalty', 'license', 'coercion', 'inspection', 'other'];
    async function* generate() {
      yield `${HEADER}\n`;
      for (let i = 0; i < rows; i += 10_000) {
        let chunk = '';
        for (let j = i; j < i + 10_000; j++) chunk += `CFC,BIG-${String(j).padStart(7, '0')},${types[j % 5]},大批量导入测试案卷第${j}号案卷名称,2025-${String((j % 12) + 1).padStart(2, '0')}-${String((j % 28) + 1).padStart(2, '0')},承办人${j % 97},concluded\n`;
        yield chunk;
      }
    }
    const res = await fetch(`${stack.baseUrl}/case-files/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
      body: Readable.from(generate()) as unknown as RequestInit['body'],
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    expect(res.status).toBe(202);
    const queued = (await res.json()) as ImportJob;
    expect(queued).toMatchObject({ status: 'queued', statusLabel: '排队中', rowsRead: 0 });
    // Polled while the worker reads: rows read never go back, and a reading job shows some but not all.
    const seen: ImportJob[] = [];
    for (let job = queued; !['succeeded', 'rejected', 'failed'].includes(job.status); await new Promise((r) => setTimeout(r, 50))) {
      job = (await stack.request<ImportJob>('GET', `/case-files/imports/${queued.id}`, { token: admin })).body;
      seen.push(job);
    }
    const done = seen[seen.length - 1];
    expect(done).toMatchObject({ status: 'succeeded', rowsRead: rows, rowsWritten: rows, result: { total: rows, created: rows, updated: 0, unchanged: 0 } });
    const reads = seen.map((j) => j.rowsRead);
    expect(reads).toEqual([...reads].sort((x, y) => x - y));
    expect(seen.some((j) => j.status === 'reading' && j.rowsRead > 0 && j.rowsRead < rows && j.bytesRead > 0 && j.bytesRead < j.sizeBytes)).toBe(true);
    const last = await stack.request<CaseFile[]>('GET', `/case-files?departmentId=${c.id}&caseNumber=BIG-0299999`, { token: admin });
    expect(last.body).toEqual([expect.objectContaining({ caseType: 'other', decisionDate: '2025-12-08', title: '大批量导入测试案卷第299999号案卷名称' })]);
  });
});
