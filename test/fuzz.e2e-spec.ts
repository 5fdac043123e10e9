/**
 * Schema-driven fuzzing: schemathesis (PyPI, pinned in scripts/temporal.js) reads the API's own
 * OpenAPI document and sends every operation generated inputs, valid and invalid, as each kind of
 * user. The assertion is "0 server errors": no input may produce a 5xx.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, startStack, ADMIN, type Stack } from './support/stack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolveSchemathesis } = require('../scripts/temporal.js') as { resolveSchemathesis(): { path: string } | undefined };

/**
 * Generated examples per operation: the office admin, who can reach every operation past its guard,
 * gets the most; the other roles are refused most operations before validation, so fewer find as much.
 * The whole file stays around two and a half minutes on the 2-core machine.
 */
const EXAMPLES = Number(process.env.FUZZ_EXAMPLES ?? 12);
const examplesFor = (role: string): number => (role === 'office_admin' ? EXAMPLES : Math.max(3, Math.round(EXAMPLES / 3)));

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

  it.each(['office_admin', 'department_user', 'reviewer', 'operator'])('as %s: every operation, generated inputs, 0 server errors', async (role) => {
    const report = join(dir, `${role}.json`);
    const { code, output } = await schemathesis(
      [
        '--config-file', 'schemathesis.toml',
        'run', stack.baseUrl.replace('/api/v1', '/api/docs-json'),
        '--checks', 'not_a_server_error',
        '--max-examples', String(examplesFor(role)),
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
    if (code !== 0) console.error(output.slice(-20_000));
    expect({ exit: code, failures: parsed.failures ?? [] }).toEqual({ exit: 0, failures: [] });
  }, 10 * 60_000);
});
