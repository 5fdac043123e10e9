import type { MigrationInterface, QueryRunner } from 'typeorm';
import { EXAMPLE_OFFICE_SETTINGS } from '@rol/domain';

/**
 * 本机关设置: the issuing office and its 文号 pattern are the office's, not each campaign's. One row;
 * it starts from the office's latest own entry in a campaign's 整改规则 (or the examples), and
 * the campaigns' rules no longer carry them.
 */
export class OfficeSettings1764576000000 implements MigrationInterface {
  name = 'OfficeSettings1764576000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE office_settings (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        office_name text NOT NULL CHECK (length(office_name) BETWEEN 1 AND 100),
        document_number_format text NOT NULL CHECK (position('{year}' IN document_number_format) > 0 AND position('{n}' IN document_number_format) > 0),
        contact text NOT NULL DEFAULT '' CHECK (length(contact) <= 200),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users (id)
      )`);
    const [own] = await q.query(
      `SELECT rectification_rules->>'officeName' AS office_name, rectification_rules->>'documentNumberFormat' AS format FROM campaigns
        WHERE rectification_rules->>'officeName' IS NOT NULL AND rectification_rules->>'officeName' <> $1 ORDER BY created_at DESC LIMIT 1`,
      [EXAMPLE_OFFICE_SETTINGS.officeName],
    );
    await q.query(`INSERT INTO office_settings (office_name, document_number_format) VALUES ($1, $2)`, [
      own?.office_name ?? EXAMPLE_OFFICE_SETTINGS.officeName,
      own?.format ?? EXAMPLE_OFFICE_SETTINGS.documentNumberFormat,
    ]);
    await q.query(`UPDATE campaigns SET rectification_rules = rectification_rules - 'officeName' - 'documentNumberFormat' WHERE rectification_rules IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE campaigns SET rectification_rules = rectification_rules || jsonb_build_object('officeName', s.office_name, 'documentNumberFormat', s.document_number_format)
         FROM office_settings s WHERE rectification_rules IS NOT NULL`,
    );
    await q.query(`DROP TABLE office_settings`);
  }
}
