import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 附件: files uploaded as evidence (tasks, rectification reports) and, later, case-file scans.
 * The bytes live in the configured storage (local disk or an S3-compatible store) under
 * `storage_key`; the row records what they are (SHA-256, size, media type) and who they belong to:
 * a department's upload is readable by that department and the office, never by another department.
 */
export class Attachments1764230400000 implements MigrationInterface {
  name = 'Attachments1764230400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attachments (
        id uuid PRIMARY KEY,
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
        media_type text NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage text NOT NULL CHECK (storage IN ('local', 's3')),
        storage_key text NOT NULL,
        department_id uuid REFERENCES departments(id),
        uploaded_by uuid NOT NULL REFERENCES users(id),
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX attachments_department ON attachments (department_id, uploaded_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE attachments`);
  }
}
