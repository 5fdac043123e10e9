/**
 * Attachments against the real stack: uploads streamed to storage with their SHA-256, size and type;
 * limits answered 4xx with nothing left behind; downloads authorized by the owning department;
 * evidence that references an upload. The same round trip on an S3-compatible store (moto's server).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { eventually, startStack, ADMIN, type Stack } from './support/stack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolveMotoServer, freePort } = require('../scripts/temporal.js') as { resolveMotoServer: () => { path: string } | undefined; freePort(): Promise<number> };

interface Attachment { id: string; fileName: string; mediaType: string; sizeBytes: number; sha256: string; departmentId: string | null; url: string }

const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(Math.max(0, size - 9))]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function upload(stack: Stack, token: string | undefined, name: string, bytes: Buffer, field = 'file'): Promise<{ status: number; body: Attachment & { code?: string; errors?: { field: string; code: string }[] } }> {
  const form = new FormData();
  form.append(field, new Blob([bytes]), name);
  const res = await fetch(`${stack.baseUrl}/attachments`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {}, body: form });
  return { status: res.status, body: (await res.json()) as Attachment & { code?: string; errors?: { field: string; code: string }[] } };
}


async function setUp(stack: Stack) {
  const admin = await stack.login(ADMIN.username, ADMIN.password);
  const ids: Record<string, string> = {};
  for (const code of ['A', 'B']) {
    ids[code] = (await stack.request<{ id: string }>('POST', '/departments', { token: admin, body: { code, name: `${code}局`, kind: 'bureau' } })).body.id;
    await stack.request('POST', '/users', { token: admin, body: { username: `clerk-${code.toLowerCase()}`, password: 'password-1', role: 'department_user', displayName: `${code}局联络员`, departmentId: ids[code] } });
  }
  return { admin, ids, a: await stack.login('clerk-a', 'password-1'), b: await stack.login('clerk-b', 'password-1') };
}

describe('attachments on local disk (e2e)', () => {
  let stack: Stack;
  let db: Client;
  let people: Awaited<ReturnType<typeof setUp>>;
  let dir: string;

  const rows = async () => Number((await db.query('SELECT count(*) FROM attachments')).rows[0].count);
  const files = async (): Promise<string[]> => (await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));

  beforeAll(async () => {
    stack = await startStack();
    dir = (stack.config.attachments.storage as { dir: string }).dir;
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    people = await setUp(stack);
  });
  afterAll(async () => {
    await db?.end();
    await stack?.stop();
  });

  let uploaded: Attachment;
  const content = pdf(300_000);

  it('streams an upload to storage and records its name, type, size and SHA-256 once, with one audit row', async () => {
    const res = await upload(stack, people.a, '整改报告（第一稿）.pdf', content);
    expect(res.status).toBe(201);
    uploaded = res.body;
    expect(uploaded).toMatchObject({ fileName: '整改报告（第一稿）.pdf', mediaType: 'application/pdf', sizeBytes: content.length, sha256: sha256(content), departmentId: people.ids.A, url: `/api/v1/attachments/${uploaded.id}/content` });
    expect(await files()).toHaveLength(1);
    const audit = await db.query(`SELECT actor_id FROM audit_log WHERE action = 'attachment.uploaded' AND target_id = $1`, [uploaded.id]);
    expect(audit.rows).toHaveLength(1);
  });

  it('refuses what is not allowed with a clear 4xx, and leaves nothing behind', async () => {
    const before = { rows: await rows(), files: (await files()).length };
    const exe = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00]), randomBytes(1000)]);
    const cases: [string, Promise<{ status: number; body: { code?: string; errors?: { field: string; code: string }[] } }>, number, string][] = [
      ['an executable renamed .pdf', upload(stack, people.a, '报告.pdf', exe), 415, 'ATTACHMENT_TYPE_NOT_ALLOWED'],
      ['an .exe', upload(stack, people.a, 'setup.exe', exe), 415, 'ATTACHMENT_TYPE_NOT_ALLOWED'],
      ['a file over the limit (2 MB in this stack)', upload(stack, people.a, '扫描件.pdf', pdf(3 * 1024 * 1024)), 413, 'ATTACHMENT_TOO_LARGE'],
      ['an empty file', upload(stack, people.a, '空.pdf', Buffer.alloc(0)), 400, 'ATTACHMENT_MISSING'],
      ['no file part', upload(stack, people.a, 'x.pdf', content, 'other'), 400, 'ATTACHMENT_MISSING'],
      ['JSON instead of multipart', stack.request('POST', '/attachments', { token: people.a, body: { file: 'x' } }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['no token', upload(stack, undefined, 'x.pdf', content), 401, 'UNAUTHENTICATED'],
    ];
    for (const [what, answer, status, code] of cases) {
      const res = await answer;
      expect({ what, status: res.status, code: res.body?.code }).toEqual({ what, status, code });
      if (status !== 401) expect(res.body.errors?.[0]?.field).toBe('file');
    }
    expect(await rows()).toBe(before.rows);
    expect((await files()).length).toBe(before.files);
  });

  it('lets the owning department and the office download it, and no other department', async () => {
    const get = (token: string | undefined) => fetch(`${stack.baseUrl}/attachments/${uploaded.id}/content`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const own = await get(people.a);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('application/pdf');
    expect(own.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('整改报告（第一稿）.pdf')}`);
    expect(sha256(Buffer.from(await own.arrayBuffer()))).toBe(uploaded.sha256);
    expect((await get(people.admin)).status).toBe(200);
    const other = await get(people.b);
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ code: 'FORBIDDEN_DEPARTMENT' });
    expect((await stack.request('GET', `/attachments/${uploaded.id}`, { token: people.b })).status).toBe(403);
    expect((await get(undefined)).status).toBe(401);
    expect((await stack.request('GET', '/attachments/00000000-0000-4000-8000-000000000000', { token: people.a })).body).toMatchObject({ code: 'ATTACHMENT_NOT_FOUND' });
  });

  it('completes a task with an uploaded file as its evidence; another department cannot use that file', async () => {
    const campaign = await stack.request<{ id: string }>('POST', '/campaigns', {
      token: people.admin,
      body: { year: 2026, title: '附件测试', priorities: [{ code: 'P1', title: '公示执法信息', departmentIds: 'all', dueAt: new Date(Date.now() + 30 * 86400000).toISOString(), evidenceRequired: true }], calendar: { closesAt: new Date(Date.now() + 200 * 86400000).toISOString() } },
    });
    expect(campaign.status).toBe(201);
    const taskOf = (token: string) => eventually(async () => (await stack.request<{ id: string }[]>('GET', '/me/tasks', { token })).body[0], 30000, 'task');
    const [taskA, taskB] = [await taskOf(people.a), await taskOf(people.b)];

    const borrowed = await stack.request<{ errors: { field: string; code: string }[] }>('POST', `/tasks/${taskB.id}/complete`, { token: people.b, body: { note: '已公示', evidence: [{ name: '借用', attachmentId: uploaded.id }] } });
    expect(borrowed.status).toBe(400);
    expect(borrowed.body.errors).toEqual([expect.objectContaining({ field: 'evidence[0].attachmentId', code: 'ATTACHMENT_NOT_FOUND' })]);

    const done = await stack.request('POST', `/tasks/${taskA.id}/complete`, { token: people.a, body: { note: '已公示', evidence: [{ name: '整改报告', attachmentId: uploaded.id }] } });
    expect(done.status).toBe(200);
    const task = await stack.request<{ evidence: unknown[] }>('GET', `/tasks/${taskA.id}`, { token: people.a });
    expect(task.body.evidence).toEqual([{ name: '整改报告', uri: uploaded.url, attachmentId: uploaded.id, mediaType: 'application/pdf', sizeBytes: content.length, sha256: uploaded.sha256 }]);
  });
});

describe('attachments on an S3-compatible store (moto server, e2e)', () => {
  let moto: ChildProcess;
  let stack: Stack;
  let s3: S3Client;

  beforeAll(async () => {
    const server = resolveMotoServer();
    if (!server) throw new Error("moto_server not found: `npm test`'s set-up installs moto[server] into .tools/venv");
    const port = await freePort();
    moto = spawn(server.path, ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    const endpoint = `http://127.0.0.1:${port}`;
    s3 = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    await eventually(() => s3.send(new CreateBucketCommand({ Bucket: 'evidence' })).then(() => true), 30000, 'moto server');
    stack = await startStack({ attachments: { maxBytes: 20 * 1024 * 1024, storage: { kind: 's3', bucket: 'evidence', region: 'us-east-1', endpoint, forcePathStyle: true, accessKeyId: 'test', secretAccessKey: 'test' } } });
  });
  afterAll(async () => {
    await stack?.stop();
    moto?.kill();
  });

  it('stores the bytes in the bucket (multipart for a large file) and serves them back unchanged; a refused file leaves no object', async () => {
    const people = await setUp(stack);
    const big = pdf(12 * 1024 * 1024); // over lib-storage's 5 MB part size: a real multipart upload
    const res = await upload(stack, people.a, '电子卷宗.pdf', big);
    expect(res.status).toBe(201);
    expect(res.body.sha256).toBe(sha256(big));
    const objects = await s3.send(new ListObjectsV2Command({ Bucket: 'evidence' }));
    expect(objects.Contents?.map((o) => [o.Key?.endsWith(res.body.id), o.Size])).toEqual([[true, big.length]]);

    const back = await fetch(`${stack.baseUrl}${res.body.url.replace('/api/v1', '')}`, { headers: { authorization: `Bearer ${people.a}` } });
    expect(sha256(Buffer.from(await back.arrayBuffer()))).toBe(sha256(big));
    expect((await fetch(`${stack.baseUrl}${res.body.url.replace('/api/v1', '')}`, { headers: { authorization: `Bearer ${people.b}` } })).status).toBe(403);

    const refused = await upload(stack, people.a, '伪装.pdf', Buffer.concat([Buffer.from('MZ'), randomBytes(7 * 1024 * 1024)]));
    expect(refused.status).toBe(415);
    expect((await s3.send(new ListObjectsV2Command({ Bucket: 'evidence' }))).KeyCount).toBe(1);
  });
});
