/**
 * Runs one campaign from launch to every rectification item closed, through the HTTP API alone, and
 * prints the final status. It runs on a system of its own (scripts/stack: its own PostgreSQL, Temporal
 * file, API and worker in a scratch directory, deleted afterwards): the demo's made-up departments, its
 * stand-in holiday calendar for next year and its campaign never reach the data of a system you run.
 *   npm run demo              the cycle, its figures, then everything stopped and deleted
 *   npm run demo -- --keep    the same, then the system stays up (its address printed) until Ctrl-C
 */
import { ADMIN, startProcessStack } from './stack/process-stack';

let API = '';
const YEAR = new Date().getFullYear();
const tag = 'DEMO';

async function call<T = any>(method: string, path: string, token: string | null, body?: unknown, raw?: string): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (raw !== undefined) headers['content-type'] = 'text/csv';
  else if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${API}${path}`, { method, headers, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : (undefined as T);
}
const login = async (username: string, password: string) => (await call<{ accessToken: string }>('POST', '/auth/token', null, { username, password })).accessToken;
const step = (msg: string) => console.log(`· ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  console.log('· starting a system of its own for the demo (PostgreSQL, Temporal, API, worker)…');
  const stack = await startProcessStack();
  API = stack.api;
  try {
    await cycle();
  } finally {
    if (process.argv.includes('--keep')) {
      console.log(`\nThe demo system stays up: API ${stack.api}, admin ${ADMIN.username} / ${ADMIN.password}. Ctrl-C stops and deletes it.`);
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
    await stack.stop();
  }
}

async function cycle(): Promise<void> {
  const admin = await login(ADMIN.username, ADMIN.password);
  const codes = ['SCJG', 'YJGL', 'WSJK'].map((c) => `${tag}-${c}`);
  const names = ['市场监督管理局', '应急管理局', '卫生健康委员会'];
  await call('POST', '/departments/import', admin, undefined, ['code,name,kind,active', ...codes.map((c, i) => `${c},${names[i]}（演示${YEAR}）,bureau,true`)].join('\n'));
  const departments = (await call<{ id: string; code: string }[]>('GET', '/departments?limit=500', admin)).filter((d) => codes.includes(d.code));
  const users: Record<string, string> = {};
  for (const d of departments) {
    const username = `demo-${d.code.toLowerCase()}`;
    await call('POST', '/users', admin, { username, password: 'password-123', role: 'department_user', displayName: d.code, departmentId: d.id }).catch(() => undefined);
    users[d.id] = await login(username, 'password-123');
  }
  step(`${departments.length} departments and their users ready`);

  // Deadlines may reach into next year, whose official notice is not shipped: this demo system (and only it) gets a stand-in.
  for (const year of [YEAR + 1]) {
    await call('PUT', `/calendar/years/${year}`, admin, { holidays: [`${year}-01-01`], makeUpWorkdays: [], source: '演示数据（非国务院办公厅正式通知）' });
  }
  const now = Date.now();
  const campaign = await call<{ id: string }>('POST', '/campaigns', admin, {
    year: YEAR,
    title: `${YEAR}年度法治政府建设督察（演示）`,
    priorities: [{ code: 'P01', title: '落实行政执法三项制度', departmentIds: 'all', dueAt: new Date(now + 20 * 86400000).toISOString(), evidenceRequired: false }],
    calendar: { selfCheckOpensAt: new Date(now + 3000).toISOString(), closesAt: new Date(now + 330 * 86400000).toISOString() },
  });
  step(`campaign ${YEAR} launched: ${campaign.id}`);
  for (const d of departments) {
    for (;;) {
      const tasks = await call<{ id: string }[]>('GET', '/me/tasks', users[d.id]);
      if (tasks.length > 0) {
        await call('POST', `/tasks/${tasks[0].id}/complete`, users[d.id], { note: '已落实', evidence: [] });
        break;
      }
      await sleep(300);
    }
  }
  step('every department completed its task');

  await sleep(3500);
  const template = await call<{ sections: { items: { code: string; answerType: string; evidenceRequired: boolean }[] }[] }>('GET', `/campaigns/${campaign.id}/self-check/template`, admin);
  const answers = Object.fromEntries(
    template.sections.flatMap((s) => s.items).map((i) => [i.code, { value: i.answerType === 'number' ? 12 : i.answerType === 'text' ? '已开展自查' : 'yes', ...(i.evidenceRequired ? { evidence: [{ name: '佐证', uri: 'https://example.gov.cn/e' }] } : {}) }]),
  );
  for (const d of departments) {
    await call('PUT', `/me/self-checks/${campaign.id}/draft`, users[d.id], { answers });
    const sc = await call<{ id: string }>('POST', `/me/self-checks/${campaign.id}/submit`, users[d.id]);
    await call('POST', `/self-checks/${sc.id}/decision`, admin, { decision: 'accept' });
    await call('POST', `/self-checks/${sc.id}/verifications`, admin, { claims: [{ itemCode: 'pub-1', found: '部分执法人员信息未公示', discrepancy: true, rule: '《行政执法公示办法》' }] });
  }
  step('self-checks submitted and accepted; verification found one problem per department');

  await call('PUT', '/office-settings', admin, { officeName: '某某市司法局', documentNumberFormat: '某司监〔{year}〕{n}号', contact: '' });
  step('office settings: 发文机关 某某市司法局, 文号 某司监〔{year}〕{n}号');
  const letters = await call<{ id: string }[]>('POST', `/campaigns/${campaign.id}/opinion-letters/draft`, admin);
  const issued = await call<{ letterId: string; documentNumber: string }[]>('POST', `/campaigns/${campaign.id}/opinion-letters/issue`, admin, {});
  step(`${letters.length} letters issued: ${issued.map((i) => i.documentNumber).join(', ')}`);
  for (const d of departments) {
    const [letter] = await call<{ id: string }[]>('GET', '/me/opinion-letters', users[d.id]);
    await call('POST', `/opinion-letters/${letter.id}/acknowledge`, users[d.id]);
    for (const item of await call<{ id: string }[]>('GET', '/me/rectifications', users[d.id])) {
      await call('POST', `/rectifications/${item.id}/reports`, users[d.id], { report: '已补充公示全部执法人员信息', evidence: [{ name: '公示截图', uri: 'https://example.gov.cn/p' }] });
      await call('POST', `/rectifications/${item.id}/decision`, admin, { decision: 'accept' });
    }
  }
  step('letters acknowledged; every item reported and accepted (销号)');
  await sleep(1000);
  console.log(JSON.stringify({ campaign: await call('GET', `/campaigns/${campaign.id}`, admin), rectification: await call('GET', `/campaigns/${campaign.id}/rectification-status`, admin) }, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
