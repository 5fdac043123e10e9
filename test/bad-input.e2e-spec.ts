/**
 * Bad input gets a clear answer and changes nothing: each input that once answered 500, or was
 * accepted or answered wrongly, now answers 4xx in the documented shape — the field named, a stable
 * UPPER_SNAKE code, a Chinese message — and every table is as it was before the request.
 */
import JSZip from 'jszip';
import { Client } from 'pg';
import { importCatalogue } from './support/case-file-imports';
import { tableSnapshot } from './support/database';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
import { eventually, startStack, ADMIN, type Stack } from './support/stack';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: { field: string; code: string; message: string; row?: number }[];
}

interface Case {
  name: string;
  method: string;
  path: () => string;
  as: 'anonymous' | 'admin' | 'department' | 'outsider';
  body?: unknown;
  raw?: string | Buffer;
  contentType?: string;
  status: number;
  code: string;
  field?: string;
  fieldCode?: string;
}

/** An XLSX whose shared strings declare `declared` bytes once unzipped (the archive itself is a few hundred bytes). */
async function xlsxDeclaring(declared: number): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('xl/workbook.xml', '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>');
  zip.file('xl/sharedStrings.xml', '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>炸</t></si></sst>');
  const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  for (let at = 0; at < buffer.length - 46; at++) {
    const sig = buffer.readUInt32LE(at);
    if (sig === 0x04034b50 && buffer.toString('utf8', at + 30, at + 30 + buffer.readUInt16LE(at + 26)) === 'xl/sharedStrings.xml') buffer.writeUInt32LE(declared, at + 22);
    if (sig === 0x02014b50 && buffer.toString('utf8', at + 46, at + 46 + buffer.readUInt16LE(at + 28)) === 'xl/sharedStrings.xml') buffer.writeUInt32LE(declared, at + 24);
  }
  return buffer;
}

describe('bad input: a clear 4xx, the field named, nothing written (e2e)', () => {
  let stack: Stack;
  let pg: Client;
  const tokens: Record<Case['as'], string | undefined> = { anonymous: undefined, admin: undefined, department: undefined, outsider: undefined };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startStack();
    pg = new Client({ connectionString: stack.databaseUrl });
    await pg.connect();
    tokens.admin = await stack.login(ADMIN.username, ADMIN.password);
    const admin = tokens.admin;
    await stack.request('POST', '/departments/import', { token: admin, raw: 'code,name,kind,active\nA,甲局,bureau,true\nB,乙局,bureau,true', contentType: 'text/csv' });
    const departments = (await stack.request<{ id: string; code: string }[]>('GET', '/departments', { token: admin })).body;
    ids.a = departments.find((d) => d.code === 'A')!.id;
    await stack.request('POST', '/users', { token: admin, body: { username: 'dept-a', password: 'password-1', role: 'department_user', displayName: '甲局', departmentId: ids.a } });
    tokens.department = await stack.login('dept-a', 'password-1');
    const now = Date.now();
    const launched = await stack.request<{ id: string }>('POST', '/campaigns', {
      token: admin,
      body: {
        year: 2030,
        title: '2030年度督察',
        priorities: [{ code: 'P1', title: '落实三项制度', departmentIds: 'all', dueAt: new Date(now + 40 * 86400000).toISOString(), evidenceRequired: false }],
        calendar: { selfCheckOpensAt: new Date(now + 60 * 86400000).toISOString(), closesAt: new Date(now + 200 * 86400000).toISOString() },
      },
    });
    ids.campaign = launched.body.id;
    ids.task = await eventually(async () => (await stack.request<{ id: string }[]>('GET', '/me/tasks', { token: tokens.department })).body[0]?.id, 30000, 'the task');
    // A department created after the launch is outside the campaign.
    const outsider = await stack.request<{ id: string }>('POST', '/departments', { token: admin, body: { code: 'C', name: '丙局', kind: 'bureau' } });
    ids.outsider = outsider.body.id;
    await stack.request('POST', '/users', { token: admin, body: { username: 'dept-c', password: 'password-1', role: 'department_user', displayName: '丙局', departmentId: ids.outsider } });
    tokens.outsider = await stack.login('dept-c', 'password-1');
  });
  afterAll(async () => {
    await pg?.end();
    await stack?.stop();
  });

  const deep = `{"name":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
  const cases: Case[] = [
    { name: 'NUL in the login name (no token needed)', method: 'POST', path: () => '/auth/token', as: 'anonymous', body: { username: 'ad\u0000min', password: 'x' }, status: 400, code: 'VALIDATION_FAILED', field: 'username', fieldCode: 'CONTROL_CHARACTER' },
    { name: 'NUL in a department name', method: 'POST', path: () => '/departments', as: 'admin', body: { code: 'N1', name: '市场\u0000监管局', kind: 'bureau' }, status: 400, code: 'VALIDATION_FAILED', field: 'name', fieldCode: 'CONTROL_CHARACTER' },
    { name: 'NUL in a task completion note', method: 'POST', path: () => `/tasks/${ids.task}/complete`, as: 'department', body: { note: '已完成\u0000', evidence: [] }, status: 400, code: 'VALIDATION_FAILED', field: 'note', fieldCode: 'CONTROL_CHARACTER' },
    { name: 'a lone surrogate in a name', method: 'POST', path: () => '/departments', as: 'admin', raw: '{"code":"N2","name":"市场\\ud800监管局","kind":"bureau"}', status: 400, code: 'VALIDATION_FAILED', field: 'name', fieldCode: 'INVALID_UNICODE' },
    { name: 'JSON nested 100,000 deep', method: 'POST', path: () => '/departments', as: 'admin', raw: deep, status: 400, code: 'VALIDATION_FAILED', fieldCode: 'NESTING_TOO_DEEP' },
    { name: 'offset=1e300 on the case files', method: 'GET', path: () => '/case-files?offset=1e300', as: 'admin', status: 400, code: 'VALIDATION_FAILED', field: 'offset', fieldCode: 'TOO_LARGE' },
    { name: 'offset=1e300 on the inbox', method: 'GET', path: () => '/me/tasks?offset=1e300', as: 'department', status: 400, code: 'VALIDATION_FAILED', field: 'offset', fieldCode: 'TOO_LARGE' },
    { name: 'a date that does not exist (2026-13-45)', method: 'GET', path: () => '/case-files?from=2026-13-45', as: 'admin', status: 400, code: 'VALIDATION_FAILED', field: 'from', fieldCode: 'NOT_DATE' },
    { name: 'a deadline starting 2026-99-99', method: 'GET', path: () => '/calendar/deadline?start=2026-99-99&amount=5&unit=working_days', as: 'admin', status: 400, code: 'VALIDATION_FAILED', field: 'start', fieldCode: 'NOT_DATE' },
    { name: 'a deadline starting 2026-02-30 (no silent roll-over)', method: 'GET', path: () => '/calendar/deadline?start=2026-02-30&amount=5&unit=calendar_days', as: 'admin', status: 400, code: 'VALIDATION_FAILED', field: 'start', fieldCode: 'NOT_DATE' },
    { name: 'a standard version past any integer column', method: 'GET', path: () => '/scoring-standards/default/versions/99999999999', as: 'admin', status: 400, code: 'VALIDATION_FAILED', field: 'version', fieldCode: 'NOT_INTEGER' },
    { name: 'a path integer that is not a number', method: 'GET', path: () => '/scoring-standards/default/versions/abc', as: 'admin', status: 400, code: 'VALIDATION_FAILED', field: 'version', fieldCode: 'NOT_INTEGER' },
    { name: 'a calendar year that is not a number', method: 'PUT', path: () => '/calendar/years/next', as: 'admin', body: { holidays: [], makeUpWorkdays: [], source: '通知' }, status: 400, code: 'VALIDATION_FAILED', field: 'year', fieldCode: 'NOT_INTEGER' },
    { name: 'a department filter that is not a UUID', method: 'GET', path: () => `/campaigns/${ids.campaign}/rectifications?departmentId=x`, as: 'admin', status: 400, code: 'VALIDATION_FAILED', field: 'departmentId', fieldCode: 'NOT_UUID' },
    { name: 'a campaign filter that is not a UUID', method: 'GET', path: () => '/me/tasks?campaignId=x', as: 'department', status: 400, code: 'VALIDATION_FAILED', field: 'campaignId', fieldCode: 'NOT_UUID' },
    { name: 'a PATCH setting a name to null', method: 'PATCH', path: () => `/departments/${ids.a}`, as: 'admin', body: { name: null }, status: 400, code: 'VALIDATION_FAILED', field: 'name', fieldCode: 'NOT_NULL' },
    { name: 'an empty PATCH', method: 'PATCH', path: () => `/departments/${ids.a}`, as: 'admin', body: {}, status: 400, code: 'VALIDATION_FAILED', field: 'body', fieldCode: 'EMPTY_UPDATE' },
    { name: 'an evidence link to javascript:', method: 'POST', path: () => `/tasks/${ids.task}/complete`, as: 'department', body: { note: '已完成', evidence: [{ name: '截图', uri: 'javascript:alert(1)' }] }, status: 400, code: 'VALIDATION_FAILED', field: 'evidence[0].uri', fieldCode: 'NOT_HTTP_URL' },
    { name: 'a name with a control character', method: 'POST', path: () => '/departments', as: 'admin', body: { code: 'N3', name: '市场\u0007监管局', kind: 'bureau' }, status: 400, code: 'VALIDATION_FAILED', field: 'name', fieldCode: 'CONTROL_CHARACTER' },
    { name: 'a name with a line break', method: 'POST', path: () => '/departments', as: 'admin', body: { code: 'N4', name: '市场\n监管局', kind: 'bureau' }, status: 400, code: 'VALIDATION_FAILED', field: 'name', fieldCode: 'CONTROL_CHARACTER' },
    { name: 'a self-check draft from a department outside the campaign', method: 'PUT', path: () => `/me/self-checks/${ids.campaign}/draft`, as: 'outsider', body: { answers: { 'pub-1': { value: 'yes' } } }, status: 403, code: 'DEPARTMENT_NOT_IN_CAMPAIGN' },
    { name: 'the self-check template read by a department outside the campaign', method: 'GET', path: () => `/campaigns/${ids.campaign}/self-check/template`, as: 'outsider', status: 403, code: 'DEPARTMENT_NOT_IN_CAMPAIGN' },
    { name: 'a missing password (reported as missing, not as too long)', method: 'POST', path: () => '/users', as: 'admin', body: { username: 'new-user', role: 'operator', displayName: '新用户' }, status: 400, code: 'VALIDATION_FAILED', field: 'password', fieldCode: 'REQUIRED' },
    { name: 'a user name of the wrong shape (a stable code, not the library rule name)', method: 'POST', path: () => '/users', as: 'admin', body: { username: 'a b', password: 'password-1', role: 'operator', displayName: '新用户' }, status: 400, code: 'VALIDATION_FAILED', field: 'username', fieldCode: 'BAD_FORMAT' },
    { name: 'a path id that is not a UUID', method: 'GET', path: () => '/tasks/123', as: 'admin', status: 400, code: 'VALIDATION_FAILED', field: 'id', fieldCode: 'NOT_UUID' },
    { name: 'an unknown field', method: 'POST', path: () => '/departments', as: 'admin', body: { code: 'N5', name: '新局', kind: 'bureau', boss: '张三' }, status: 400, code: 'VALIDATION_FAILED', field: 'boss', fieldCode: 'UNKNOWN_FIELD' },
    { name: 'an empty catalogue file', method: 'POST', path: () => `/case-files/imports?departmentId=${ids.a}`, as: 'admin', raw: '', contentType: 'text/csv', status: 400, code: 'IMPORT_REJECTED', field: 'file', fieldCode: 'IMPORT_EMPTY' },
    { name: 'a catalogue import for a department that does not exist', method: 'POST', path: () => '/case-files/imports?departmentId=00000000-0000-4000-8000-000000000000', as: 'admin', raw: 'case_number\nX', contentType: 'text/csv', status: 400, code: 'VALIDATION_FAILED', field: 'departmentId', fieldCode: 'DEPARTMENT_UNKNOWN' },
  ];

  it.each(cases)('$name → $status $code', async (c) => {
    const raw = c.raw;
    const before = await tableSnapshot(async (sql) => (await pg.query(sql)).rows);
    const headers: Record<string, string> = {};
    if (tokens[c.as]) headers.authorization = `Bearer ${tokens[c.as]}`;
    if (raw !== undefined || c.body !== undefined) headers['content-type'] = c.contentType ?? 'application/json';
    const res = await fetch(`${stack.baseUrl}${c.path()}`, { method: c.method, headers, body: raw ?? (c.body === undefined ? undefined : JSON.stringify(c.body)) });
    const body = (await res.json()) as ErrorBody;
    expect({ status: res.status, code: body.code }).toEqual({ status: c.status, code: c.code });
    expect(body.statusCode).toBe(c.status);
    expect(body.message).toMatch(/[\u4e00-\u9fff]/);
    if (c.fieldCode) {
      expect(body.errors?.[0]).toMatchObject({ code: c.fieldCode, ...(c.field ? { field: c.field } : {}) });
      expect(body.errors?.[0].message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await tableSnapshot(async (sql) => (await pg.query(sql)).rows)).toEqual(before);
  });

  it('answers a 300,000-bad-row department file with the first 1,000 errors and the total, in a small answer', async () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => `X${i},,ministry,true`);
    const before = await tableSnapshot(async (sql) => (await pg.query(sql)).rows);
    const res = await fetch(`${stack.baseUrl}/departments/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'text/csv' },
      body: ['code,name,kind,active', ...rows].join('\n'),
    });
    const text = await res.text();
    const body = JSON.parse(text) as ErrorBody;
    expect(res.status).toBe(400);
    expect(body.code).toBe('IMPORT_REJECTED');
    expect(body.errors).toHaveLength(1000);
    expect(body.message).toContain('600000');
    expect(text.length).toBeLessThan(300_000);
    expect(await tableSnapshot(async (sql) => (await pg.query(sql)).rows)).toEqual(before);
  });

  it('refuses an XLSX declaring 1 GB once unzipped: the job is rejected naming the file, no case file written', async () => {
    const before = (await pg.query('SELECT count(*)::int AS n FROM case_files')).rows[0].n;
    const { http, job } = await importCatalogue(stack, tokens.admin!, await xlsxDeclaring(1024 * 1024 * 1024), { contentType: XLSX, query: `?departmentId=${ids.a}` });
    expect(http).toBe(202);
    expect(job).toMatchObject({ status: 'rejected', errors: [{ field: 'file', code: 'XLSX_TOO_LARGE_UNZIPPED' }] });
    expect(job!.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await pg.query('SELECT count(*)::int AS n FROM case_files')).rows[0].n).toBe(before);
  });
});
