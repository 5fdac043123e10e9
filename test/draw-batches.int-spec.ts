/**
 * The draw in batches (issue 12): each batch of departments is its own transaction and moves the
 * progress marker (draw_runs); an activity that dies after some batches resumes after the last one
 * committed, redoing none, and the draw it ends with is the one the specification gives
 * (docs/draw-verification.md, re-run here by the domain's pure code) and the one a clean run gives.
 * A run after the draw was recorded writes nothing.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import { candidateListHash, drawSample, seedHash, type DrawCandidate, type DrawRules } from '@rol/domain';
import { createReviewActivities } from '@rol/activities';
import { createTestDatabase, tableSnapshot } from './support/database';

describe('the draw in batches resumes after a crash (integration)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  const q = (sql: string, params: unknown[] = []) => dataSource.query(sql, params);
  const seed = '3f1c0d2b9a8e7f6054433221100ffeeddccbbaa99887766554433221100aabb';
  const rules: DrawRules = {
    rate: 0.15, min: 1, max: 4, caseTypeCoverage: true, period: { from: '2025-01-01', to: '2025-12-31' },
    departmentIds: 'all', reviewersPerFile: 2, standardCode: 'default', statuses: ['concluded'] as DrawRules['statuses'],
  };
  // Codes whose byte order differs from a locale's, or from UTF-16 order (U+FF21 against U+1F600).
  const codes = ['B10', 'B2', 'a1', 'Z9', '部门甲', 'Ａ', '😀部门', 'C03'];
  let admin: string;
  const campaigns: string[] = [];
  const inActivity = <T>(fn: () => Promise<T>) => new MockActivityEnvironment().run(fn) as Promise<T>;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = db.dataSource;
    [{ id: admin }] = await q(`INSERT INTO users (username, password_hash, role, display_name) VALUES ('admin', 'x', 'office_admin', '管理员') RETURNING id`);
    const departments: { id: string; code: string }[] = await q(
      `INSERT INTO departments (code, name, kind) SELECT c, '部门' || c, 'bureau' FROM unnest($1::text[]) c RETURNING id, code`,
      [codes],
    );
    for (const [i, d] of departments.entries()) {
      // 5 … 40 files per department, of every type, a quarter in progress, some outside the period.
      await q(
        `INSERT INTO case_files (department_id, case_number, case_type, title, decision_date, handling_officer, status)
         SELECT $1, $2 || '罚〔2025〕' || n || '号', (ARRAY['penalty','license','coercion','inspection','other'])[1 + (n * 7 + $3) % 5], '案卷' || n,
                DATE '2024-12-20' + n * 9, '张三', CASE WHEN n % 4 = 0 THEN 'in_progress' ELSE 'concluded' END
           FROM generate_series(1, $4::int) n`,
        [d.id, d.code, i, 5 + i * 5],
      );
    }
    await q(
      `INSERT INTO users (username, password_hash, role, display_name, department_id)
       SELECT 'reviewer-' || g, 'x', 'reviewer', '评查' || g, (SELECT id FROM departments WHERE code = ($1::text[])[g]) FROM generate_series(1, 4) g`,
      [codes],
    );
    for (const name of ['clean', 'crashed']) {
      const [{ id }] = await q(
        `INSERT INTO campaigns (year, title, calendar, reminder_days_before, phase, workflow_id, created_by, indicator_tree_id, annual_report_due_at)
         VALUES ($4, $1, $2, 3, 'priorities', 'campaign-draw-' || gen_random_uuid(), $3, (SELECT id FROM indicator_trees ORDER BY version LIMIT 1), now() + interval '400 days') RETURNING id`,
        [name, JSON.stringify({ closesAt: new Date(Date.now() + 300 * 86_400_000).toISOString() }), admin, name === 'clean' ? 2026 : 2027],
      );
      campaigns.push(id);
      await q(`INSERT INTO campaign_departments SELECT $1, id FROM departments`, [id]);
      await q(`INSERT INTO reviewer_pool (campaign_id, user_id, category, added_by) SELECT $1, id, 'supervisor', $2 FROM users WHERE role = 'reviewer'`, [id, admin]);
      await q(`INSERT INTO draw_configs (campaign_id, rules, seed, seed_hash, committed_at) VALUES ($1, $2, $3, $4, now())`, [id, JSON.stringify(rules), seed, seedHash(seed)]);
    }
  });

  afterAll(async () => {
    await db?.drop();
  });

  /** What the draw recorded, without internal ids that differ between campaigns. */
  const recorded = async (campaignId: string) => {
    const [draw] = await q(`SELECT candidate_count, candidate_hash, sample_count, reviewer_proof FROM sample_draws WHERE campaign_id = $1`, [campaignId]);
    const files = await q(
      `SELECT d.code, cf.case_number, s.rank_key FROM sampled_files s JOIN case_files cf ON cf.id = s.case_file_id JOIN departments d ON d.id = s.department_id
        WHERE s.campaign_id = $1 ORDER BY d.code COLLATE "C", s.rank_key`,
      [campaignId],
    );
    const lines = await q(`SELECT department_code, case_number, ordinal FROM draw_candidates WHERE campaign_id = $1 ORDER BY ordinal`, [campaignId]);
    return { draw, files, lines };
  };

  it('a draw that fails after 2 batches resumes at batch 3, and equals a clean draw and the specification', async () => {
    const [clean, crashed] = campaigns;
    const batchSize = { drawBatchDepartments: 3 }; // 8 departments: batches of 3, 3, 2
    const cleanBatches: number[] = [];
    const cleanOutcome = await inActivity(() => createReviewActivities(dataSource, { ...batchSize, afterDrawBatch: (b) => void cleanBatches.push(b.batches) }).performDraw({ campaignId: clean, actorId: admin, at: new Date().toISOString() }));
    expect(cleanBatches).toEqual([1, 2, 3]);

    const dying = createReviewActivities(dataSource, {
      ...batchSize,
      afterDrawBatch: (b) => {
        if (b.batches === 2) throw new Error('worker killed');
      },
    });
    await expect(inActivity(() => dying.performDraw({ campaignId: crashed, actorId: admin, at: new Date().toISOString() }))).rejects.toThrow('worker killed');
    const [half] = await q(`SELECT phase, batches, departments FROM draw_runs WHERE campaign_id = $1`, [crashed]);
    expect(half).toEqual({ phase: 'selecting', batches: 2, departments: 6 });
    const [{ n: halfSampled }] = await q(`SELECT count(*)::int AS n FROM sample_draws WHERE campaign_id = $1`, [crashed]);
    expect(halfSampled).toBe(0);

    const resumedBatches: number[] = [];
    const outcome = await inActivity(() => createReviewActivities(dataSource, { ...batchSize, afterDrawBatch: (b) => void resumedBatches.push(b.batches) }).performDraw({ campaignId: crashed, actorId: admin, at: new Date().toISOString() }));
    expect(resumedBatches).toEqual([3]); // batches 1 and 2 were not redone
    const [run] = await q(`SELECT phase, batches, departments FROM draw_runs WHERE campaign_id = $1`, [crashed]);
    expect(run).toEqual({ phase: 'recorded', batches: 3, departments: 8 });
    expect(outcome).toEqual(cleanOutcome);
    expect(outcome.unassignedCount).toBe(0);

    const a = await recorded(clean);
    const b = await recorded(crashed);
    expect(b).toEqual(a);
    expect(b.lines.map((l: { ordinal: number }) => l.ordinal)).toEqual(b.lines.map((_: unknown, i: number) => i + 1));

    // The specification, re-run by the domain's pure code over the whole catalogue.
    const catalogue: DrawCandidate[] = (
      await q(
        `SELECT cf.id, d.id AS department_id, d.code, cf.case_number, cf.case_type, to_char(cf.decision_date, 'YYYY-MM-DD') AS decision_date, cf.status
           FROM case_files cf JOIN departments d ON d.id = cf.department_id`,
      )
    ).map((r: Record<string, string>) => ({ caseFileId: r.id, departmentId: r.department_id, departmentCode: r.code, caseNumber: r.case_number, caseType: r.case_type, decisionDate: r.decision_date, status: r.status }));
    const expected = drawSample(catalogue, rules, seed);
    expect(b.files).toEqual(expected.map((f) => ({ code: f.departmentCode, case_number: f.caseNumber, rank_key: f.rankKey })));
    expect(b.draw.candidate_hash).toBe(candidateListHash(catalogue.filter((c) => c.decisionDate >= rules.period.from && c.decisionDate <= rules.period.to && c.status === 'concluded')));
    expect(b.draw.sample_count).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(codes.length); // quotas above the minimum were drawn
  });

  it('run again after the draw was recorded, it writes nothing and returns the same', async () => {
    const activities = createReviewActivities(dataSource, { drawBatchDepartments: 3 });
    const before = await tableSnapshot((sql) => dataSource.query(sql));
    const first = await q(`SELECT candidate_count, sample_count FROM sample_draws WHERE campaign_id = $1`, [campaigns[1]]);
    const again = await inActivity(() => activities.performDraw({ campaignId: campaigns[1], actorId: admin, at: new Date().toISOString() }));
    expect(await tableSnapshot((sql) => dataSource.query(sql))).toEqual(before);
    expect(again.candidateCount).toBe(first[0].candidate_count);
    expect(again.sampleCount).toBe(first[0].sample_count);
  });
});
