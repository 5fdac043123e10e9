import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { officePlaceholders, validateOfficeSettings, validationFailed, type OfficeSettings } from '@rol/domain';
import { recordAudit } from '@rol/db';
import type { AuthUser } from '../common/auth-user';
import type { OfficeSettingsDto, OfficeSettingsViewDto } from './office-settings.dto';

@Injectable()
export class OfficeSettingsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The settings as they stand, read with the caller's manager (inside its transaction when it has one). */
  async current(m: EntityManager = this.dataSource.manager): Promise<OfficeSettings & { updatedAt: Date }> {
    const [row] = await m.query(`SELECT office_name, document_number_format, contact, updated_at FROM office_settings`);
    return { officeName: row.office_name, documentNumberFormat: row.document_number_format, contact: row.contact, updatedAt: row.updated_at };
  }

  async view(): Promise<OfficeSettingsViewDto> {
    const s = await this.current();
    return { officeName: s.officeName, documentNumberFormat: s.documentNumberFormat, contact: s.contact, placeholders: officePlaceholders(s).length > 0, updatedAt: s.updatedAt.toISOString() };
  }

  async update(actor: AuthUser, dto: OfficeSettingsDto): Promise<OfficeSettingsViewDto> {
    const settings = { officeName: dto.officeName.trim(), documentNumberFormat: dto.documentNumberFormat.trim(), contact: dto.contact.trim() };
    const errors = validateOfficeSettings(settings);
    if (errors.length > 0) throw validationFailed(errors);
    await this.dataSource.transaction(async (m) => {
      const before = await this.current(m);
      if (before.officeName === settings.officeName && before.documentNumberFormat === settings.documentNumberFormat && before.contact === settings.contact) return; // nothing changed: nothing recorded
      await m.query(`UPDATE office_settings SET office_name = $1, document_number_format = $2, contact = $3, updated_at = now(), updated_by = $4`, [
        settings.officeName, settings.documentNumberFormat, settings.contact, actor.id,
      ]);
      await recordAudit(m, { actorId: actor.id, action: 'office.settings', targetType: 'office', targetId: 'office', detail: settings });
    });
    return this.view();
  }
}
