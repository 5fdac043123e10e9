import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { CampaignEntity } from './campaign.entity';
import { DepartmentEntity } from './department.entity';
import { UserEntity } from './user.entity';
import type { SelfCheckAnswers, SelfCheckStatus, SelfCheckTemplate } from '@rol/domain';

/** The self-check template (自查表) of one campaign. */
@Entity('self_check_templates')
export class SelfCheckTemplateEntity {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid', primaryKeyConstraintName: 'self_check_templates_pkey' }) campaignId: string;
  @Column({ type: 'jsonb' }) template: SelfCheckTemplate;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy: string | null;
  @ManyToOne(() => CampaignEntity)
  @JoinColumn({ name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'self_check_templates_campaign_id_fkey' })
  campaign?: Relation<CampaignEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'updated_by', referencedColumnName: 'id', foreignKeyConstraintName: 'self_check_templates_updated_by_fkey' })
  updatedByUser?: Relation<UserEntity>;
}

/** 自查: one department's self-check in one campaign; `answers` holds the working draft. */
@Check('self_checks_status_check', `(status = ANY (ARRAY['draft', 'submitted', 'returned', 'accepted', 'not_submitted']))`)
@Unique('self_checks_campaign_id_department_id_key', ['campaignId', 'departmentId'])
@Index('self_checks_campaign_status', ['campaignId', 'status']) // the campaign status counts from the index alone
@Entity('self_checks')
export class SelfCheckEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'self_checks_pkey' }) id: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId: string;
  @Column({ name: 'department_id', type: 'uuid' }) departmentId: string;
  @Column({ type: 'text' }) status: SelfCheckStatus;
  @Column({ type: 'jsonb', default: () => "'{}'" }) answers: SelfCheckAnswers;
  /** How many times it was submitted; each submission is a row of self_check_versions. */
  @Column({ type: 'integer', default: 0 }) version: number;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
  @ManyToOne(() => CampaignEntity)
  @JoinColumn({ name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'self_checks_campaign_id_fkey' })
  campaign?: Relation<CampaignEntity>;
  @ManyToOne(() => DepartmentEntity)
  @JoinColumn({ name: 'department_id', referencedColumnName: 'id', foreignKeyConstraintName: 'self_checks_department_id_fkey' })
  department?: Relation<DepartmentEntity>;
}

/** Every submitted version, with the office's decision on it. */
@Check('self_check_versions_decision_check', `(decision = ANY (ARRAY['accepted', 'returned']))`)
@Entity('self_check_versions')
export class SelfCheckVersionEntity {
  @PrimaryColumn({ name: 'self_check_id', type: 'uuid', primaryKeyConstraintName: 'self_check_versions_pkey' }) selfCheckId: string;
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'self_check_versions_pkey' }) version: number;
  @Column({ type: 'jsonb' }) answers: SelfCheckAnswers;
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt: Date;
  @Column({ name: 'submitted_by', type: 'uuid' }) submittedBy: string;
  @Column({ type: 'boolean', default: false }) late: boolean;
  @Column({ type: 'text', nullable: true }) decision: 'accepted' | 'returned' | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @ManyToOne(() => SelfCheckEntity)
  @JoinColumn({ name: 'self_check_id', referencedColumnName: 'id', foreignKeyConstraintName: 'self_check_versions_self_check_id_fkey' })
  selfCheck?: Relation<SelfCheckEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'submitted_by', referencedColumnName: 'id', foreignKeyConstraintName: 'self_check_versions_submitted_by_fkey' })
  submittedByUser?: Relation<UserEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'decided_by', referencedColumnName: 'id', foreignKeyConstraintName: 'self_check_versions_decided_by_fkey' })
  decidedByUser?: Relation<UserEntity>;
}

/** 核查: the office's check of a self-check's claims. */
@Index('verifications_idempotency', ['selfCheckId', 'recordedBy', 'idempotencyKey'], { unique: true, where: `(idempotency_key IS NOT NULL)` })
@Entity('verifications')
export class VerificationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'verifications_pkey' }) id: string;
  @Column({ name: 'self_check_id', type: 'uuid' }) selfCheckId: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId: string;
  @Column({ name: 'department_id', type: 'uuid' }) departmentId: string;
  @Column({ type: 'jsonb' }) claims: object;
  @Column({ type: 'text', default: '' }) note: string;
  @Column({ name: 'recorded_by', type: 'uuid' }) recordedBy: string;
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' }) recordedAt: Date;
  @Column({ name: 'idempotency_key', type: 'text', nullable: true }) idempotencyKey: string | null;
  @ManyToOne(() => SelfCheckEntity)
  @JoinColumn({ name: 'self_check_id', referencedColumnName: 'id', foreignKeyConstraintName: 'verifications_self_check_id_fkey' })
  selfCheck?: Relation<SelfCheckEntity>;
  @ManyToOne(() => CampaignEntity)
  @JoinColumn({ name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'verifications_campaign_id_fkey' })
  campaign?: Relation<CampaignEntity>;
  @ManyToOne(() => DepartmentEntity)
  @JoinColumn({ name: 'department_id', referencedColumnName: 'id', foreignKeyConstraintName: 'verifications_department_id_fkey' })
  department?: Relation<DepartmentEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'recorded_by', referencedColumnName: 'id', foreignKeyConstraintName: 'verifications_recorded_by_fkey' })
  recordedByUser?: Relation<UserEntity>;
}

/** A problem found (by verification or review) that goes into an opinion letter. */
@Check('findings_source_check', `(source = ANY (ARRAY['verification', 'review']))`)
@Unique('findings_source_key_key', ['sourceKey'])
@Index('findings_campaign_department', ['campaignId', 'departmentId'])
@Entity('findings')
export class FindingEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'findings_pkey' }) id: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId: string;
  @Column({ name: 'department_id', type: 'uuid' }) departmentId: string;
  @Column({ type: 'text' }) source: 'verification' | 'review';
  @Column({ name: 'source_key', type: 'text' }) sourceKey: string;
  @Column({ name: 'case_file_id', type: 'uuid', nullable: true }) caseFileId: string | null;
  @Column({ name: 'criterion_code', type: 'text', nullable: true }) criterionCode: string | null;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'text', nullable: true }) rule: string | null;
  @Column({ type: 'numeric', precision: 6, scale: 2, nullable: true }) points: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @ManyToOne(() => CampaignEntity)
  @JoinColumn({ name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'findings_campaign_id_fkey' })
  campaign?: Relation<CampaignEntity>;
  @ManyToOne(() => DepartmentEntity)
  @JoinColumn({ name: 'department_id', referencedColumnName: 'id', foreignKeyConstraintName: 'findings_department_id_fkey' })
  department?: Relation<DepartmentEntity>;
}
