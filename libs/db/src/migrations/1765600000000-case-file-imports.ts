import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 案卷目录导入 as a job (issue 12): the API stores the uploaded file (attachment storage) and records
 * the job here together with its outbox row (the worker starts its workflow); the worker's activity
 * reads the file, checks every row, and writes the catalogue in one transaction (all or nothing),
 * recording rows read and written here as it goes, so that the console can show the progress.
 */
export class CaseFileImports1765600000000 implements MigrationInterface {
  name = 'CaseFileImports1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_file_imports (
        id uuid PRIMARY KEY,
        format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
        size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
        storage_key text NOT NULL,
        department_id uuid REFERENCES departments (id),
        submitted_by uuid NOT NULL REFERENCES users (id),
        submitted_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'reading', 'merging', 'succeeded', 'rejected', 'failed')),
        bytes_read bigint NOT NULL DEFAULT 0,
        rows_read int NOT NULL DEFAULT 0,
        rows_written int NOT NULL DEFAULT 0,
        created int,
        updated int,
        unchanged int,
        error_count int,
        bad_rows int,
        errors jsonb,
        message text,
        attempts int NOT NULL DEFAULT 0,
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX case_file_imports_submitted ON case_file_imports (submitted_at DESC, id)`);
    await q.query(`CREATE INDEX case_file_imports_department ON case_file_imports (department_id, submitted_at DESC)`);
    await q.query(`ALTER TABLE outbox DROP CONSTRAINT outbox_subject_type_check`);
    await q.query(`ALTER TABLE outbox ADD CONSTRAINT outbox_subject_type_check CHECK (subject_type IN ('campaign', 'opinion_letter', 'case_file_import'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM outbox WHERE subject_type = 'case_file_import'`);
    await q.query(`ALTER TABLE outbox DROP CONSTRAINT outbox_subject_type_check`);
    await q.query(`ALTER TABLE outbox ADD CONSTRAINT outbox_subject_type_check CHECK (subject_type IN ('campaign', 'opinion_letter'))`);
    await q.query(`DROP TABLE case_file_imports`);
  }
}
