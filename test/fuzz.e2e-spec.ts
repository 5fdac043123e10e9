/**
 * Schema-driven fuzzing: schemathesis (PyPI, pinned in scripts/temporal.js) reads the API's own
 * OpenAPI document and sends every operation generated inputs, valid and invalid, as each kind of
 * user. The assertion is "0 server errors": no input may produce a 5xx.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, startStack, ADMIN, type Stack } from './support/stack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolveSchemathesis } = require('../scripts/temporal.js') as { resolveSchemathesis(): { path: string } | undefined };

/** Generated examples per operation and user (the coverage phase adds its own boundary cases); `FUZZ_EXAMPLES=50` for a longer run. */
const EXAMPLES = Number(process.env.FUZZ_EXAMPLES ?? 8);

type OpenApi = { paths: Record<string, Record<string, { 'x-roles'?: string[] }>> };
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

/**
 * The document as one role sees it: only the operations its role may call (their `x-roles`, or
 * public), so each run spends its examples past the role guard, in validation and the handlers,
 * instead of on 403s (which the e2e suites and the API contract test check).
 */
function documentFor(doc: OpenApi, role: string): { doc: OpenApi; operations: string[] } {
  const operations: string[] = [];
  const paths: OpenApi['paths'] = {};
  for (const [path, item] of Object.entries(doc.paths)) {
    const kept = Object.fromEntries(Object.entries(item).filter(([method, op]) => !METHODS.has(method) || (op['x-roles'] ?? []).some((r) => r === role || r === 'public')));
    const methods = Object.keys(kept).filter((m) => METHODS.has(m));
    if (methods.length === 0) continue;
    paths[path] = kept;
    operations.push(...methods.map((m) => `${m.toUpperCase()} ${path}`));
  }
  return { doc: { ...doc, paths }, operations };
}

interface Report {
  exit_code?: number;
  failures?: unknown[];
}

function schemathesis(args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  const st = resolveSchemathesis();
  if (!st) throw new Error('schemathesis is not installed: `node scripts/setup.js --test` installs it into .tools/venv');
  return new Promise((resolve) => {
    const child = spawn(st.path, args, { cwd: join(__dirname, 'fuzz'), env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('no input produces a server error (schemathesis over the OpenAPI document, e2e)', () => {
  let stack: Stack;
  const tokens: Record<string, string> = {};
  let dir: string;

  beforeAll(async () => {
    stack = await startStack();
    dir = mkdtempSync(join(tmpdir(), 'fuzz-'));
    const admin = await stack.login(ADMIN.username, ADMIN.password);
    tokens.office_admin = admin;
    await stack.request('POST', '/departments/import', { token: admin, raw: 'code,name,kind,active\nA,甲局,bureau,true\nB,乙局,bureau,true', contentType: 'text/csv' });
    const [a] = (await stack.request<{ id: string }[]>('GET', '/departments', { token: admin })).body;
    const users = [
      { username: 'fuzz-dept', role: 'department_user', departmentId: a.id },
      { username: 'fuzz-reviewer', role: 'reviewer' },
      { username: 'fuzz-operator', role: 'operator' },
    ];
    for (const u of users) {
      await stack.request('POST', '/users', { token: admin, body: { ...u, password: 'password-1', displayName: u.username } });
      tokens[u.role] = await stack.login(u.username, 'password-1');
    }
    const now = Date.now();
    await stack.request('POST', '/campaigns', {
      token: admin,
      body: {
        year: 2031,
        title: '2031年度督察',
        priorities: [{ code: 'P1', title: '落实三项制度', departmentIds: 'all', dueAt: new Date(now + 40 * 86400000).toISOString(), evidenceRequired: false }],
        calendar: { selfCheckOpensAt: new Date(now + 1000).toISOString(), closesAt: new Date(now + 200 * 86400000).toISOString() },
      },
    });
    await eventually(async () => ((await stack.request<unknown[]>('GET', '/me/tasks', { token: tokens.department_user })).body.length > 0 ? true : undefined), 30000, 'tasks');
  });
  afterAll(async () => {
    await stack?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const ROLES = ['office_admin', 'department_user', 'reviewer', 'operator'];
  let openapi: OpenApi;

  beforeAll(async () => {
    openapi = (await (await fetch(stack.baseUrl.replace('/api/v1', '/api/docs-json'))).json()) as OpenApi;
  });

  it('fuzzes every operation as a role that may call it', () => {
    const all = Object.entries(openapi.paths).flatMap(([path, item]) => Object.keys(item).filter((m) => METHODS.has(m)).map((m) => `${m.toUpperCase()} ${path}`));
    const covered = new Set(ROLES.flatMap((role) => documentFor(openapi, role).operations));
    expect(all.filter((op) => !covered.has(op))).toEqual([]);
  });

  it.each(ROLES)('as %s: every operation it may call, generated inputs, 0 server errors', async (role) => {
    const report = join(dir, `${role}.json`);
    const schema = join(dir, `${role}.openapi.json`);
    writeFileSync(schema, JSON.stringify(documentFor(openapi, role).doc));
    const { code, output } = await schemathesis(
      [
        '--config-file', 'schemathesis.toml',
        'run', schema,
        '--url', stack.baseUrl.replace(/\/api\/v1$/, ''),
        '--checks', 'not_a_server_error',
        '--max-examples', String(EXAMPLES),
        '--seed', '20261122',
        '--workers', '1',
        '--phases', 'examples,coverage,fuzzing',
        '--request-timeout', '30',
        '--header', `Authorization: Bearer ${tokens[role]}`,
        '--report', 'json', '--report-json-path', report,
        '--no-color',
      ],
      8 * 60_000,
    );
    const parsed = JSON.parse(readFileSync(report, 'utf8')) as Report;
    if (code !== 0 || process.env.FUZZ_DEBUG) console.error(output.slice(-20_000));
    expect({ exit: code, failures: parsed.failures ?? [] }).toEqual({ exit: 0, failures: [] });
    // Every operation of the role's document was tested, not skipped.
    expect(Number(/Tested: (\d+)/.exec(output)?.[1])).toBe(documentFor(openapi, role).operations.length);
  }, 10 * 60_000);
});
