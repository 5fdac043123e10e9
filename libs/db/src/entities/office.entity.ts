import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { UserEntity } from './user.entity';

/** The office's settings (发文机关, 文号格式, contact): one row. */
@Check('office_settings_id_check', `id`)
@Check('office_settings_office_name_check', `((length(office_name) >= 1) AND (length(office_name) <= 100))`)
@Check('office_settings_document_number_format_check', `((POSITION(('{year}') IN (document_number_format)) > 0) AND (POSITION(('{n}') IN (document_number_format)) > 0))`)
@Check('office_settings_contact_check', `(length(contact) <= 200)`)
@Entity('office_settings')
export class OfficeSettingEntity {
  @PrimaryColumn({ type: 'boolean', default: true, primaryKeyConstraintName: 'office_settings_pkey' }) id: boolean;
  @Column({ name: 'office_name', type: 'text' }) officeName: string;
  @Column({ name: 'document_number_format', type: 'text' }) documentNumberFormat: string;
  @Column({ type: 'text', default: '' }) contact: string;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy: string | null;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'updated_by', referencedColumnName: 'id', foreignKeyConstraintName: 'office_settings_updated_by_fkey' })
  updatedByUser?: Relation<UserEntity>;
}


/** The official calendar of a year: holidays and make-up working days. */
@Entity('calendar_years')
export class CalendarYearEntity {
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'calendar_years_pkey' }) year: number;
  @Column({ type: 'text', array: true }) holidays: string[];
  @Column({ name: 'make_up_workdays', type: 'text', array: true }) makeUpWorkdays: string[];
  @Column({ type: 'text' }) source: string;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy: string | null;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'updated_by', referencedColumnName: 'id', foreignKeyConstraintName: 'calendar_years_updated_by_fkey' })
  updatedByUser?: Relation<UserEntity>;
}


/** The yearly 文号 sequence of an office; locked while a letter is issued, so numbers have no gaps. */
@Entity('document_number_sequences')
export class DocumentNumberSequenceEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'document_number_sequences_pkey' }) office: string;
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'document_number_sequences_pkey' }) year: number;
  @Column({ name: 'last_number', type: 'integer' }) lastNumber: number;
}
