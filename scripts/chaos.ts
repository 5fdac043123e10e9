/**
 * Fault injection: one campaign through stages 1–5 with every department acting at once, while the
 * worker is SIGKILLed at random moments and the Temporal server and PostgreSQL are killed hard and
 * started again. Then it checks that nothing was lost or duplicated and that every client got a
 * truthful answer.
 *
 *   npm run chaos                       300 departments, 18 worker kills, 2 Temporal and 2 PostgreSQL restarts
 *   npm run chaos -- --short            the CI version (test/chaos.e2e-spec.ts runs it)
 *   npm run chaos -- --departments 100 --worker-kills 6 --temporal-restarts 1 --postgres-restarts 1 --seed 7 --keep
 *
 * The system runs as separate processes on its own database and Temporal file (scripts/stack): a
 * system you run with `npm start` is not touched. Exit code 0 when every check holds.
 */
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { ADMIN, startProcessStack, type Part, type ProcessStack } from './stack/process-stack';

export interface ChaosOptions {
  departments: number;
  reviewers: number;
  workerKills: number;
  temporalRestarts: number;
  postgresRestarts: number;
  /** Pause between two faults. */
  faultEveryMs: number;
  seed: number;
  keep?: boolean;
  log?: (msg: string) => void;
}

export const FULL: ChaosOptions = { departments: 300, reviewers: 12, workerKills: 18, temporalRestarts: 2, postgresRestarts: 2, faultEveryMs: 6000, seed: 1 };
export const SHORT: ChaosOptions = { departments: 20, reviewers: 4, workerKills: 4, temporalRestarts: 1, postgresRestarts: 1, faultEveryMs: 3000, seed: 1 };

export interface ChaosReport {
  options: ChaosOptions;
  seconds: number;
  faults: { kind: Part; stage: string; atSeconds: number; downMs: number }[];
  requests: { sent: number; ambiguous: number; serviceUnavailable: number; slowestAnswerMs: number; learnedByRetry: number };
  counts: Record<string, number>;
  /** Each entry is a check that failed: empty means nothing lost, nothing doubled, every answer truthful. */
  problems: string[];
}

/** A small seeded generator: the same seed, the same faults at the same points of the script. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answer<T> {
  status: number;
  body: T;
}

/**
 * A client as a careful user would be: it retries what got no answer (a dropped connection, 503)
 * with the same Idempotency-Key, for up to 5 minutes, and records what it was told.
 */
class Clients {
  sent = 0;
  ambiguous = 0;
  serviceUnavailable = 0;
  slowestAnswerMs = 0;
  learnedByRetry = 0;
  readonly problems: string[] = [];

  constructor(private readonly api: string) {}

  private async once<T>(method: string, path: string, token: string | undefined, body: unknown, headers: Record<string, string>): Promise<Answer<T> | 'no-answer'> {
    this.sent++;
    const h: Record<string, string> = { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    let payload: string | undefined;
    if (typeof body === 'string') {
      payload = body;
      h['content-type'] ??= 'text/csv';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] = 'application/json';
    }
    try {
      const res = await fetch(`${this.api}${path}`, { method, headers: h, body: payload, signal: AbortSignal.timeout(60_000) });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
    } catch {
      return 'no-answer';
    }
  }

  /**
   * One action until it has a definitive answer. `already` lists the 409 codes that mean "this was
   * done": accepted only after an attempt that got no answer (the retry learned the outcome), else it
   * is a problem. A 500, or any other refusal, is a problem.
   */
  async act<T = unknown>(label: string, method: string, path: string, options: { token?: string; body?: unknown; key?: string; already?: string[]; retryCodes?: string[] } = {}): Promise<T | undefined> {
    const started = Date.now();
    let uncertain = false;
    for (let attempt = 0; Date.now() - started < 300_000; attempt++) {
      const answer = await this.once<T & { code?: string }>(method, path, options.token, options.body, options.key ? { 'idempotency-key': options.key } : {});
      if (answer === 'no-answer' || answer.status === 503) {
        this.ambiguous++;
        if (answer !== 'no-answer') this.serviceUnavailable++;
        uncertain = true;
        await sleep(Math.min(2000, 200 * 2 ** Math.min(attempt, 4)));
        continue;
      }
      this.slowestAnswerMs = Math.max(this.slowestAnswerMs, Date.now() - started);
      if (answer.status < 300) {
        if (uncertain) this.learnedByRetry++;
        return answer.body;
      }
      const code = answer.body?.code ?? '';
      if (options.retryCodes?.includes(code)) {
        await sleep(500);
        continue;
      }
      if (answer.status === 409 && options.already?.includes(code) && uncertain) {
        this.learnedByRetry++;
        return undefined;
      }
      this.problems.push(`${label}: ${method} ${path} answered ${answer.status} ${code} ${JSON.stringify(answer.body).slice(0, 300)}${uncertain ? ' (after an attempt with no answer)' : ''}`);
      return undefined;
    }
    this.problems.push(`${label}: ${method} ${path} got no definitive answer in 5 minutes`);
    return undefined;
  }
}

/** Runs `work` over `items`, `limit` at a time. */
async function pool<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i], i);
      }
    }),
  );
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? ((msg: string) => console.log(`[chaos] ${msg}`));
  const rand = random(options.seed);
  const started = Date.now();
  const stack: ProcessStack = await startProcessStack({ log });
  log(`stack up in ${stack.dir} (API ${stack.api})`);
  const clients = new Clients(stack.api);
  const report: ChaosReport = {
    options,
    seconds: 0,
    faults: [],
    requests: { sent: 0, ambiguous: 0, serviceUnavailable: 0, slowestAnswerMs: 0, learnedByRetry: 0 },
    counts: {},
    problems: clients.problems,
  };
  let stage = 'set-up';
  let faulting = false;

  /**
   * The fault injector. Every stage that writes gets a fault soon after it starts (the restarts of
   * Temporal and PostgreSQL first, so each lands in a different stage: task completions, self-checks,
   * letter issuing, acknowledgements); the rest come one every `faultEveryMs` (± half) at random.
   * Faults never overlap: a part is started again before the next one is killed.
   */
  const planned: Part[] = [
    ...Array<Part>(options.temporalRestarts).fill('temporal'),
    ...Array<Part>(options.postgresRestarts).fill('postgres'),
    ...Array<Part>(options.workerKills).fill('worker'),
  ];
  const restarts = planned.filter((p) => p !== 'worker').sort(() => rand() - 0.5);
  planned.splice(0, restarts.length, ...restarts);
  let faults = Promise.resolve();
  const inject = (kind: Part) => {
    faults = faults.then(async () => {
      if (!faulting) return;
      const downMs = kind === 'worker' ? Math.round(300 + rand() * 2500) : Math.round(1000 + rand() * 3000);
      report.faults.push({ kind, stage, atSeconds: Math.round((Date.now() - started) / 100) / 10, downMs });
      await stack.kill(kind);
      await sleep(downMs);
      await stack.start(kind);
    });
  };
  /** The stages that get a fault on entry; as many faults stay reserved for them. */
  let stagesLeft = 5;
  const enter = (name: string) => {
    stage = name;
    stagesLeft--;
    if (faulting && planned.length > 0) {
      const kind = planned.shift()!;
      setTimeout(() => inject(kind), 300 + rand() * 700);
    }
  };
  const injector = (async () => {
    while (stage !== 'done') {
      await sleep(options.faultEveryMs * (0.5 + rand()));
      if (faulting && planned.length > stagesLeft) inject(planned.pop()!); // the random ones are worker kills, taken from the end
    }
  })();

  const act = clients.act.bind(clients);
  try {
    const admin = (await act<{ accessToken: string }>('login', 'POST', '/auth/token', { body: ADMIN }))!.accessToken;
    // Deadlines reach into next year: this run's own database gets a stand-in calendar for it.
    const nextYear = new Date().getFullYear() + 1;
    for (const year of [nextYear, nextYear + 1]) {
      await act('calendar', 'PUT', `/calendar/years/${year}`, { token: admin, body: { holidays: [`${year}-01-01`], makeUpWorkdays: [], source: '故障注入测试数据（非正式通知）' } });
    }
    const codes = Array.from({ length: options.departments }, (_, i) => `C${String(i + 1).padStart(4, '0')}`);
    await act('departments', 'POST', '/departments/import', { token: admin, body: ['code,name,kind,active', ...codes.map((c, i) => `${c},执法部门${i + 1},bureau,true`)].join('\n') });
    const departments = (await act<{ id: string; code: string }[]>('departments', 'GET', '/departments?limit=500', { token: admin }))!;
    const tokens = new Map<string, string>();
    await pool(departments, 6, async (d) => {
      await act('users', 'POST', '/users', { token: admin, body: { username: `u-${d.code.toLowerCase()}`, password: 'password-1', role: 'department_user', displayName: d.code, departmentId: d.id }, already: ['USERNAME_TAKEN'] });
      tokens.set(d.id, (await act<{ accessToken: string }>('login', 'POST', '/auth/token', { body: { username: `u-${d.code.toLowerCase()}`, password: 'password-1' } }))!.accessToken);
    });
    const reviewerTokens: string[] = [];
    for (let i = 1; i <= options.reviewers; i++) {
      await act('users', 'POST', '/users', { token: admin, body: { username: `reviewer-${i}`, password: 'password-1', role: 'reviewer', displayName: `评查人员${i}` }, already: ['USERNAME_TAKEN'] });
      reviewerTokens.push((await act<{ accessToken: string }>('login', 'POST', '/auth/token', { body: { username: `reviewer-${i}`, password: 'password-1' } }))!.accessToken);
    }
    log(`${departments.length} departments, their users and ${options.reviewers} reviewers ready`);

    faulting = true;
    stage = 'launch';
    const now = Date.now();
    const campaign = (await act<{ id: string }>('launch', 'POST', '/campaigns', {
      token: admin,
      key: `chaos-launch-${options.seed}`,
      body: {
        year: nextYear + 3,
        title: `${nextYear + 3}年度督察（故障注入测试）`,
        priorities: ['P1', 'P2', 'P3'].map((code, i) => ({ code, title: `工作要点${i + 1}`, departmentIds: 'all', dueAt: new Date(now + (40 + 20 * i) * 86400000).toISOString(), evidenceRequired: false })),
        calendar: { selfCheckOpensAt: new Date(now + 5000).toISOString(), reviewOpensAt: new Date(now + 10000).toISOString(), closesAt: new Date(now + 300 * 86400000).toISOString() },
      },
    }))!;

    enter('task completions');
    await pool(departments, 16, async (d) => {
      const token = tokens.get(d.id)!;
      let tasks: { id: string }[] = [];
      for (let i = 0; tasks.length < 3 && i < 600; i++) {
        tasks = (await act<{ id: string }[]>('inbox', 'GET', `/me/tasks?campaignId=${campaign.id}`, { token })) ?? [];
        if (tasks.length < 3) await sleep(500);
      }
      if (tasks.length !== 3) clients.problems.push(`department ${d.code}: ${tasks.length} tasks instead of 3`);
      for (const t of tasks) {
        await act('complete task', 'POST', `/tasks/${t.id}/complete`, { token, key: `complete-${t.id}`, body: { note: '已按要求完成', evidence: [{ name: '佐证', uri: 'https://files.example.gov.cn/e.pdf' }] }, already: ['TASK_ALREADY_COMPLETED'] });
      }
    });

    enter('self-checks');
    const template = (await act<{ sections: { items: { code: string; answerType: string; evidenceRequired: boolean }[] }[] }>('template', 'GET', `/campaigns/${campaign.id}/self-check/template`, { token: admin }))!;
    const answers = Object.fromEntries(
      template.sections.flatMap((s) => s.items).map((i) => [i.code, { value: i.answerType === 'number' ? 12 : i.answerType === 'text' ? '已开展自查' : 'yes', ...(i.evidenceRequired ? { evidence: [{ name: '佐证', uri: 'https://files.example.gov.cn/e.pdf' }] } : {}) }]),
    );
    await pool(departments, 16, async (d) => {
      const token = tokens.get(d.id)!;
      await act('self-check draft', 'PUT', `/me/self-checks/${campaign.id}/draft`, { token, body: { answers } });
      await act('self-check submit', 'POST', `/me/self-checks/${campaign.id}/submit`, { token, key: `submit-${d.id}`, already: ['SELF_CHECK_NOT_EDITABLE'], retryCodes: ['SELF_CHECK_WINDOW_NOT_OPEN'] });
    });
    const selfChecks = (await act<{ selfCheckId: string; status: string }[]>('self-checks', 'GET', `/campaigns/${campaign.id}/self-checks?limit=500`, { token: admin }))!;
    await pool(selfChecks, 16, async (s) => {
      await act('self-check decision', 'POST', `/self-checks/${s.selfCheckId}/decision`, { token: admin, key: `accept-${s.selfCheckId}`, body: { decision: 'accept' }, already: ['SELF_CHECK_NOT_SUBMITTED'] });
      await act('verification', 'POST', `/self-checks/${s.selfCheckId}/verifications`, { token: admin, key: `verify-${s.selfCheckId}`, body: { claims: [{ itemCode: 'pub-1', found: '部分执法人员信息未公示', discrepancy: true, rule: '《行政执法公示办法》' }] } });
    });

    enter('case files, draw and review');
    await pool(departments, 16, async (d) => {
      const rows = Array.from({ length: 4 }, (_, i) => `${d.code}-罚-${i + 1},行政处罚,案卷${i + 1},2026-0${i + 3}-15,张三,已办结`);
      const token = tokens.get(d.id)!;
      const body = ['case_number,case_type,title,decision_date,handling_officer,status', ...rows].join('\n');
      // An import is a job: submitted, then watched until the worker finishes it. A job the faults made fail
      // (nothing written) is submitted again; submitting twice is harmless (the second finds every row unchanged).
      for (let attempt = 1; attempt <= 5; attempt++) {
        const job = await act<{ id: string; status: string }>('case files', 'POST', '/case-files/imports', { token, body });
        if (!job) return;
        let status = job.status;
        while (!['succeeded', 'rejected', 'failed'].includes(status)) {
          await sleep(300);
          status = (await act<{ status: string }>('case-file import', 'GET', `/case-files/imports/${job.id}`, { token }))?.status ?? 'failed';
        }
        if (status === 'succeeded') return;
        if (status === 'rejected') return void clients.problems.push(`case files: the import of ${d.code} was rejected`);
      }
      clients.problems.push(`case files: the import of ${d.code} failed five times`);
    });
    const reviewerIds = (await act<{ id: string; role: string }[]>('users', 'GET', '/users', { token: admin }))!.filter((u) => u.role === 'reviewer').map((u) => u.id);
    for (const id of reviewerIds) {
      await act('reviewer pool', 'PUT', `/campaigns/${campaign.id}/reviewer-pool/${id}`, { token: admin, body: { category: 'supervisor' } });
    }
    await act('draw rules', 'PUT', `/campaigns/${campaign.id}/draw/config`, { token: admin, body: { rules: { rate: 0.25, min: 1, max: 1, period: { from: '2026-01-01', to: '2026-12-31' } } }, already: ['DRAW_SEED_COMMITTED'] });
    await act('draw commit', 'POST', `/campaigns/${campaign.id}/draw/commit`, { token: admin, already: ['DRAW_SEED_COMMITTED'] });
    await act('draw', 'POST', `/campaigns/${campaign.id}/draw`, { token: admin, key: `draw-${campaign.id}`, already: ['DRAW_ALREADY_DONE'] });
    const criterion = 'subject-certificate';
    await pool(reviewerTokens, options.reviewers, async (token) => {
      const mine = (await act<{ assignmentId: string; review: { status: string } | null }[]>('my reviews', 'GET', `/me/reviews?campaignId=${campaign.id}`, { token })) ?? [];
      for (const a of mine) {
        await act('review submit', 'POST', `/review-assignments/${a.assignmentId}/submit`, {
          token,
          body: { deductions: [{ criterionCode: criterion, points: 1, note: '执法人员未出示执法证件' }], vetoes: [], comment: '程序存在瑕疵' },
          already: ['REVIEW_NOT_EDITABLE'],
        });
      }
    });

    enter('letters');
    await act('office settings', 'PUT', '/office-settings', { token: admin, body: { officeName: '某某市司法局', documentNumberFormat: '某司监〔{year}〕{n}号', contact: '' } });
    await act('draft letters', 'POST', `/campaigns/${campaign.id}/opinion-letters/draft`, { token: admin });
    const letters = (await act<{ id: string; status: string }[]>('letters', 'GET', `/campaigns/${campaign.id}/opinion-letters?status=draft&limit=500`, { token: admin }))!;
    await pool(letters, 8, async (l) => {
      await act('issue', 'POST', `/opinion-letters/${l.id}/issue`, { token: admin });
    });

    enter('acknowledgements and rectification');
    await pool(departments, 16, async (d) => {
      const token = tokens.get(d.id)!;
      const mine = (await act<{ id: string }[]>('my letters', 'GET', '/me/opinion-letters', { token })) ?? [];
      for (const l of mine) await act('acknowledge', 'POST', `/opinion-letters/${l.id}/acknowledge`, { token, key: `ack-${l.id}`, already: ['LETTER_ALREADY_ACKNOWLEDGED'] });
      const items = (await act<{ id: string }[]>('my items', 'GET', '/me/rectifications', { token })) ?? [];
      for (const item of items) {
        await act('report', 'POST', `/rectifications/${item.id}/reports`, { token, key: `report-${item.id}`, body: { report: '已逐项整改并建立长效机制', evidence: [{ name: '整改报告', uri: 'https://files.example.gov.cn/r.pdf' }] }, already: ['RECTIFICATION_STATE_CONFLICT'] });
        await act('accept', 'POST', `/rectifications/${item.id}/decision`, { token: admin, key: `close-${item.id}`, body: { decision: 'accept' }, already: ['RECTIFICATION_STATE_CONFLICT'] });
      }
    });
    stage = 'done';
    faulting = false;
    await injector;
    await faults;
    for (const part of ['postgres', 'temporal', 'api', 'worker'] as const) if (!stack.isUp(part)) await stack.start(part);

    log('checking what was recorded');
    await verify(stack, campaign.id, options, report, log);
  } catch (err) {
    clients.problems.push(`the script itself failed in stage "${stage}": ${err instanceof Error ? err.stack : String(err)}`);
  } finally {
    stage = 'done';
    faulting = false;
    Object.assign(report.requests, { sent: clients.sent, ambiguous: clients.ambiguous, serviceUnavailable: clients.serviceUnavailable, slowestAnswerMs: clients.slowestAnswerMs, learnedByRetry: clients.learnedByRetry });
    report.seconds = Math.round((Date.now() - started) / 1000);
    await stack.stop({ keepFiles: options.keep || report.problems.length > 0 });
    if (options.keep || report.problems.length > 0) log(`files and logs kept in ${stack.dir}`);
  }
  return report;
}

/** Reads the database and Temporal and checks every expectation; failures go to `report.problems`. */
async function verify(stack: ProcessStack, campaignId: string, options: ChaosOptions, report: ChaosReport, log: (m: string) => void): Promise<void> {
  const pg = new PgClient({ connectionString: stack.databaseUrl });
  await pg.connect();
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const temporal = new TemporalClient({ connection });
  const one = async (sql: string, params: unknown[] = []) => (await pg.query(sql, params)).rows[0] as Record<string, number>;
  const check = (what: string, actual: number, expected: number) => {
    report.counts[what] = actual;
    if (actual !== expected) report.problems.push(`${what}: ${actual}, expected ${expected}`);
  };
  try {
    const n = options.departments;
    // Let the workflows finish what the clients were told was accepted (outbox, updates in flight).
    for (let i = 0; i < 240; i++) {
      const pending = await one(
        `SELECT (SELECT count(*) FROM outbox WHERE dispatched_at IS NULL)::int AS outbox,
                (SELECT count(*) FROM rectification_items WHERE status <> 'closed')::int AS items,
                (SELECT count(*) FROM opinion_letters WHERE status <> 'acknowledged')::int AS letters`,
      );
      if (pending.outbox === 0 && pending.items === 0 && pending.letters === 0) break;
      await sleep(500);
    }
    const tasks = await one(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'completed')::int AS completed, count(*) FILTER (WHERE overdue_at IS NOT NULL)::int AS overdue
         FROM tasks WHERE campaign_id = $1`,
      [campaignId],
    );
    check('tasks', tasks.total, 3 * n);
    check('tasks completed', tasks.completed, 3 * n);
    check('tasks marked overdue', tasks.overdue, 0);
    const selfChecks = await one(`SELECT count(*) FILTER (WHERE status = 'accepted')::int AS accepted, (SELECT count(*) FROM self_check_versions v JOIN self_checks s ON s.id = v.self_check_id WHERE s.campaign_id = $1)::int AS versions FROM self_checks WHERE campaign_id = $1`, [campaignId]);
    check('self-checks accepted', selfChecks.accepted, n);
    check('self-check versions submitted', selfChecks.versions, n);
    check('verifications', (await one(`SELECT count(*)::int AS c FROM verifications WHERE campaign_id = $1`, [campaignId])).c, n);
    const draw = await one(`SELECT count(*)::int AS draws, coalesce(sum(sample_count), 0)::int AS sampled FROM sample_draws WHERE campaign_id = $1`, [campaignId]);
    check('draws', draw.draws, 1);
    check('files drawn', draw.sampled, n);
    check('reviews submitted once', (await one(`SELECT count(*)::int AS c FROM review_versions v JOIN reviews r ON r.id = v.review_id WHERE r.campaign_id = $1`, [campaignId])).c, n);
    const findings = await one(`SELECT count(*) FILTER (WHERE source = 'verification')::int AS verification, count(*) FILTER (WHERE source = 'review')::int AS review FROM findings WHERE campaign_id = $1`, [campaignId]);
    check('findings from verification', findings.verification, n);
    check('findings from review', findings.review, n);
    const letters = await one(
      `SELECT count(*)::int AS issued, count(*) FILTER (WHERE status = 'acknowledged')::int AS acknowledged, count(DISTINCT document_number)::int AS numbers,
              coalesce(min(sequence), 0)::int AS first, coalesce(max(sequence), 0)::int AS last
         FROM opinion_letters WHERE campaign_id = $1 AND status <> 'draft'`,
      [campaignId],
    );
    check('letters issued', letters.issued, n);
    check('letters acknowledged', letters.acknowledged, n);
    check('distinct 文号', letters.numbers, n);
    check('文号 gap-free (last − first + 1)', letters.last - letters.first + 1, n);
    const items = await one(`SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'closed')::int AS closed FROM rectification_items WHERE campaign_id = $1`, [campaignId]);
    check('rectification items', items.total, 2 * n);
    check('rectification items closed', items.closed, 2 * n);
    check('rectification reports', (await one(`SELECT count(*)::int AS c FROM rectification_reports r JOIN rectification_items i ON i.id = r.item_id WHERE i.campaign_id = $1`, [campaignId])).c, 2 * n);
    // Who did what, when: each of these is recorded exactly once per target.
    const once = ['task.complete', 'task.complete_late', 'task.create', 'self_check.submit', 'self_check.accept', 'self_check.verify', 'review.submit', 'opinion_letter.issue', 'opinion_letter.acknowledge', 'rectification.report', 'rectification.accept', 'campaign.launch', 'draw.perform', 'draw.commit'];
    const doubled = (await pg.query(`SELECT action, target_id, count(*)::int AS c FROM audit_log WHERE action = ANY ($1) GROUP BY action, target_id HAVING count(*) > 1`, [once])).rows;
    report.counts['audit rows doubled'] = doubled.length;
    for (const d of doubled.slice(0, 20)) report.problems.push(`audit ${d.action} on ${d.target_id} recorded ${d.c} times`);
    const audits = await one(
      `SELECT count(*) FILTER (WHERE action = 'task.complete')::int AS completions, count(*) FILTER (WHERE action = 'opinion_letter.acknowledge')::int AS acknowledgements,
              count(*) FILTER (WHERE action = 'opinion_letter.issue')::int AS issues, count(*) FILTER (WHERE action = 'rectification.accept')::int AS closures FROM audit_log`,
    );
    check('audit: completions', audits.completions, 3 * n);
    check('audit: issues', audits.issues, n);
    check('audit: acknowledgements', audits.acknowledgements, n);
    check('audit: 销号', audits.closures, 2 * n);
    // Workflows: one per department, per letter, per item; none failed.
    const count = async (query: string) => (await temporal.workflow.count(query)).count;
    check('department workflows', await count(`CampaignId = '${campaignId}' AND WorkflowType = 'departmentWorkflow'`), n);
    check('campaign workflows', await count(`CampaignId = '${campaignId}' AND WorkflowType = 'campaignWorkflow'`), 1);
    check('letter workflows', await count(`CampaignId = '${campaignId}' AND WorkflowType = 'letterWorkflow'`), n);
    check('rectification workflows', await count(`CampaignId = '${campaignId}' AND WorkflowType = 'rectificationWorkflow'`), 2 * n);
    check('workflows failed, terminated or timed out', await count(`ExecutionStatus = 'Failed' OR ExecutionStatus = 'Terminated' OR ExecutionStatus = 'TimedOut'`), 0);
    log(`checked: ${Object.keys(report.counts).length} figures, ${report.problems.length} problems`);
  } finally {
    await connection.close();
    await pg.end();
  }
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const base = process.argv.includes('--short') ? SHORT : FULL;
  const number = (name: string, fallback: number) => (argValue(name) === undefined ? fallback : Number(argValue(name)));
  const options: ChaosOptions = {
    departments: number('departments', base.departments),
    reviewers: number('reviewers', base.reviewers),
    workerKills: number('worker-kills', base.workerKills),
    temporalRestarts: number('temporal-restarts', base.temporalRestarts),
    postgresRestarts: number('postgres-restarts', base.postgresRestarts),
    faultEveryMs: number('fault-every-ms', base.faultEveryMs),
    seed: number('seed', base.seed),
    keep: process.argv.includes('--keep'),
  };
  const report = await runChaos(options);
  console.log(JSON.stringify(report, null, 2));
  console.log(report.problems.length === 0 ? `\nOK: 0 lost, 0 duplicated, every answer truthful (${report.faults.length} faults, ${report.seconds} s)` : `\nFAILED: ${report.problems.length} problems`);
  process.exit(report.problems.length === 0 ? 0 : 1);
}

if (require.main === module) void main();
