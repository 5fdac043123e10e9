import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 评查人员库: a campaign's reviewers are drawn only from its pool (reviewer accounts, each with the
 * capacity it serves in; a department's officer keeps that department, for 回避).
 * 电子卷宗: the scans a department uploads of its drawn case files (attachments, in order).
 */
export class ReviewerPoolAndScans1765100000000 implements MigrationInterface {
  name = 'ReviewerPoolAndScans1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reviewer_pool (
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        user_id uuid NOT NULL REFERENCES users (id),
        category text NOT NULL CHECK (category IN ('office_staff', 'department_officer', 'supervisor', 'lawyer')),
        department_id uuid REFERENCES departments (id),
        organisation text,
        added_by uuid NOT NULL REFERENCES users (id),
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, user_id),
        CHECK (category <> 'department_officer' OR department_id IS NOT NULL),
        CHECK (category <> 'lawyer' OR organisation IS NOT NULL)
      )`);
    await q.query(`
      CREATE TABLE case_file_scans (
        case_file_id uuid NOT NULL REFERENCES case_files (id),
        attachment_id uuid NOT NULL REFERENCES attachments (id),
        position int NOT NULL,
        added_by uuid NOT NULL REFERENCES users (id),
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_file_id, attachment_id)
      )`);
    await q.query(`CREATE INDEX case_file_scans_attachment ON case_file_scans (attachment_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_file_scans`);
    await q.query(`DROP TABLE reviewer_pool`);
  }
}
