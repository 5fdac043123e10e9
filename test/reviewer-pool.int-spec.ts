/**
 * 回避 from the pool, against real PostgreSQL: a reviewer is recused from the department on their
 * pool entry and from the one their account belongs to now, when the two differ (the entry named
 * another, or the account moved since it was added).
 */
import type { DataSource } from 'typeorm';
import { assignReviewers } from '@rol/domain';
import { poolRecusals, poolReviewers } from '@rol/db';
import { createTestDatabase } from './support/database';

describe('reviewer pool recusals (integration)', () => {
  let db: { dataSource: DataSource; drop(): Promise<void> };
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("recuses a reviewer from their entry's department and their account's", async () => {
    const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
    const [a, b, c] = await q(`INSERT INTO departments (code, name, kind) VALUES ('A', '甲局', 'bureau'), ('B', '乙局', 'bureau'), ('C', '丙局', 'bureau') RETURNING id`);
    const [admin] = await q(`INSERT INTO users (username, password_hash, role, display_name) VALUES ('pool-admin', 'x', 'office_admin', '管理员') RETURNING id`);
    const [moved, plain] = await q(
      `INSERT INTO users (username, password_hash, role, display_name, department_id) VALUES ('moved', 'x', 'reviewer', '调动人员', $1), ('plain', 'x', 'reviewer', '监督员', NULL) RETURNING id`,
      [a.id],
    );
    const [campaign] = await q(
      `INSERT INTO campaigns (year, title, calendar, reminder_days_before, phase, workflow_id, created_by, indicator_tree_id, annual_report_due_at)
       VALUES (2040, '2040年度', '{}', 3, 'review', 'campaign-pool-test', $1, (SELECT id FROM indicator_trees ORDER BY version LIMIT 1), now() + interval '400 days') RETURNING id`,
      [admin.id],
    );
    // The entry says 乙局; the account is of 甲局 (moved after being added).
    await q(`INSERT INTO reviewer_pool (campaign_id, user_id, category, department_id, added_by) VALUES ($1, $2, 'department_officer', $3, $4), ($1, $5, 'supervisor', NULL, $4)`, [campaign.id, moved.id, b.id, admin.id, plain.id]);

    const reviewers = await poolReviewers(db.dataSource, campaign.id);
    expect(reviewers.find((r) => r.id === moved.id)).toEqual({ id: moved.id, department_id: b.id, account_department_id: a.id });
    expect(reviewers.find((r) => r.id === plain.id)).toEqual({ id: plain.id, department_id: null, account_department_id: null });
    expect(await poolRecusals(db.dataSource, reviewers)).toEqual([{ reviewerId: moved.id, departmentId: a.id, caseFileId: null }]);

    const { assignments } = assignReviewers({
      files: [a, b, c].map((d, i) => ({ caseFileId: `file-${i}`, departmentId: d.id, rankKey: `${i}` })),
      reviewers: reviewers.map((r) => ({ reviewerId: r.id, departmentId: r.department_id })),
      conflicts: await poolRecusals(db.dataSource, reviewers),
      perFile: 1,
      seed: '00'.repeat(32),
    });
    const of = (file: string) => assignments.find((x) => x.caseFileId === file)?.reviewerId;
    expect(of('file-0')).toBe(plain.id); // 甲局: the account's department
    expect(of('file-1')).toBe(plain.id); // 乙局: the entry's department
    expect([moved.id, plain.id]).toContain(of('file-2'));
  });
});
