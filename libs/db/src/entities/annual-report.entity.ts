import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { CampaignEntity } from './campaign.entity';
import { DepartmentEntity } from './department.entity';
import { UserEntity } from './user.entity';

/** 年度报告: the office's own report (no department) or a department's, per campaign. */
// UNIQUE NULLS NOT DISTINCT in the database (TypeORM has no option for it; it compares uniques by name).
@Unique('annual_reports_campaign_id_department_id_key', ['campaignId', 'departmentId'])
@Entity('annual_reports')
export class AnnualReportEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'annual_reports_pkey' }) id: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId: string;
  @Column({ name: 'department_id', type: 'uuid', nullable: true }) departmentId: string | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ name: 'submitted_by', type: 'uuid', nullable: true }) submittedBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @ManyToOne(() => CampaignEntity)
  @JoinColumn({ name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'annual_reports_campaign_id_fkey' })
  campaign?: Relation<CampaignEntity>;
  @ManyToOne(() => DepartmentEntity)
  @JoinColumn({ name: 'department_id', referencedColumnName: 'id', foreignKeyConstraintName: 'annual_reports_department_id_fkey' })
  department?: Relation<DepartmentEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'submitted_by', referencedColumnName: 'id', foreignKeyConstraintName: 'annual_reports_submitted_by_fkey' })
  submittedByUser?: Relation<UserEntity>;
}

/** Every saved version of one section of a 年度报告. */
@Check('annual_report_sections_version_check', `(version > 0)`)
@Check('annual_report_sections_body_check', `(length(body) <= 20000)`)
@Entity('annual_report_sections')
export class AnnualReportSectionEntity {
  @PrimaryColumn({ name: 'report_id', type: 'uuid', primaryKeyConstraintName: 'annual_report_sections_pkey' }) reportId: string;
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'annual_report_sections_pkey' }) section: string;
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'annual_report_sections_pkey' }) version: number;
  @Column({ type: 'text' }) body: string;
  @Column({ name: 'saved_at', type: 'timestamptz', default: () => 'now()' }) savedAt: Date;
  @Column({ name: 'saved_by', type: 'uuid' }) savedBy: string;
  @ManyToOne(() => AnnualReportEntity)
  @JoinColumn({ name: 'report_id', referencedColumnName: 'id', foreignKeyConstraintName: 'annual_report_sections_report_id_fkey' })
  report?: Relation<AnnualReportEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'saved_by', referencedColumnName: 'id', foreignKeyConstraintName: 'annual_report_sections_saved_by_fkey' })
  savedByUser?: Relation<UserEntity>;
}

/** A 年度报告 deadline reminder sent, once per (campaign, department or the office, kind). */
@Check('annual_report_notices_kind_check', `(kind = ANY (ARRAY['remind', 'overdue']))`)
// UNIQUE NULLS NOT DISTINCT in the database (TypeORM has no option for it; it compares uniques by name).
@Unique('annual_report_notices_campaign_id_department_id_kind_key', ['campaignId', 'departmentId', 'kind'])
@Entity('annual_report_notices')
export class AnnualReportNoticeEntity {
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId: string;
  @Column({ name: 'department_id', type: 'uuid', nullable: true }) departmentId: string | null;
  @Column({ type: 'text' }) kind: 'remind' | 'overdue';
  @Column({ type: 'timestamptz' }) at: Date;
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'annual_report_notices_pkey' }) id: string;
  @ManyToOne(() => CampaignEntity)
  @JoinColumn({ name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'annual_report_notices_campaign_id_fkey' })
  campaign?: Relation<CampaignEntity>;
  @ManyToOne(() => DepartmentEntity)
  @JoinColumn({ name: 'department_id', referencedColumnName: 'id', foreignKeyConstraintName: 'annual_report_notices_department_id_fkey' })
  department?: Relation<DepartmentEntity>;
}
