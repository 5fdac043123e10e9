import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 补充监督意见书: a finding recorded after a department's letter was issued goes into a new letter
 * with its own 文号 that names the letter it supplements, instead of waiting for nothing. A
 * department may so have several letters in a campaign, but at most one draft at a time.
 */
export class SupplementaryLetters1764403200000 implements MigrationInterface {
  name = 'SupplementaryLetters1764403200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE opinion_letters ADD COLUMN supplements uuid REFERENCES opinion_letters (id)`);
    await q.query(`ALTER TABLE opinion_letters DROP CONSTRAINT opinion_letters_campaign_id_department_id_key`);
    await q.query(`CREATE UNIQUE INDEX opinion_letters_one_draft ON opinion_letters (campaign_id, department_id) WHERE status = 'draft'`);
    await q.query(`CREATE INDEX opinion_letters_department ON opinion_letters (campaign_id, department_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX opinion_letters_department`);
    await q.query(`DROP INDEX opinion_letters_one_draft`);
    await q.query(`ALTER TABLE opinion_letters ADD CONSTRAINT opinion_letters_campaign_id_department_id_key UNIQUE (campaign_id, department_id)`);
    await q.query(`ALTER TABLE opinion_letters DROP COLUMN supplements`);
  }
}
