import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * annual_report_notices had no primary key (its natural key has a nullable department, so it is a
 * UNIQUE NULLS NOT DISTINCT, not a key): a surrogate identity gives every row one, as every other table has.
 */
export class AnnualReportNoticeKey1765200000000 implements MigrationInterface {
  name = 'AnnualReportNoticeKey1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE annual_report_notices ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT annual_report_notices_pkey PRIMARY KEY`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE annual_report_notices DROP COLUMN id`);
  }
}
