import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { IndicatorTreeEntity } from './assessment.entity';
import { DepartmentEntity } from './department.entity';
import { UserEntity } from './user.entity';
import type { CampaignCalendar, Phase, RectificationRules } from '@rol/domain';

/** 年度工作周期. */
@Unique('campaigns_year_key', ['year'])
@Unique('campaigns_workflow_id_key', ['workflowId'])
@Unique('campaigns_idempotency_key_key', ['idempotencyKey'])
@Entity('campaigns')
export class CampaignEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'campaigns_pkey' }) id: string;
  @Column({ type: 'integer' }) year: number;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'jsonb' }) calendar: CampaignCalendar;
  @Column({ name: 'reminder_days_before', type: 'integer' }) reminderDaysBefore: number;
  /** Last phase the workflow recorded; the live phase comes from the workflow. */
  @Column({ type: 'text' }) phase: Phase;
  @Column({ name: 'workflow_id', type: 'text' }) workflowId: string;
  /** The launch request's Idempotency-Key: a retry with it returns this campaign instead of 409. */
  @Column({ name: 'idempotency_key', type: 'text', nullable: true }) idempotencyKey: string | null;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  /** Rules of stages 4–5 (文号格式, 期限, 催办阶梯); null: the defaults. */
  @Column({ name: 'rectification_rules', type: 'jsonb', nullable: true }) rectificationRules: RectificationRules | null;
  /** The 指标体系 version this campaign's assessment uses. */
  @Column({ name: 'indicator_tree_id', type: 'uuid' }) indicatorTreeId: string;
  /** 年度报告 due date (before 1 March of the next year). */
  @Column({ name: 'annual_report_due_at', type: 'timestamptz' }) annualReportDueAt: Date;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'created_by', referencedColumnName: 'id', foreignKeyConstraintName: 'campaigns_created_by_fkey' })
  createdByUser?: Relation<UserEntity>;
  @ManyToOne(() => IndicatorTreeEntity)
  @JoinColumn({ name: 'indicator_tree_id', referencedColumnName: 'id', foreignKeyConstraintName: 'campaigns_indicator_tree_id_fkey' })
  indicatorTree?: Relation<IndicatorTreeEntity>;
}

/** The departments a campaign covers, frozen at launch. */
@Entity('campaign_departments')
export class CampaignDepartmentEntity {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid', primaryKeyConstraintName: 'campaign_departments_pkey' }) campaignId: string;
  @PrimaryColumn({ name: 'department_id', type: 'uuid', primaryKeyConstraintName: 'campaign_departments_pkey' }) departmentId: string;
  @ManyToOne(() => CampaignEntity)
  @JoinColumn({ name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'campaign_departments_campaign_id_fkey' })
  campaign?: Relation<CampaignEntity>;
  @ManyToOne(() => DepartmentEntity)
  @JoinColumn({ name: 'department_id', referencedColumnName: 'id', foreignKeyConstraintName: 'campaign_departments_department_id_fkey' })
  department?: Relation<DepartmentEntity>;
}

/** 工作要点. */
@Unique('work_priorities_campaign_id_code_key', ['campaignId', 'code'])
@Entity('work_priorities')
export class WorkPriorityEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'work_priorities_pkey' }) id: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId: string;
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) description: string;
  /** null: every department of the campaign. */
  @Column({ name: 'department_ids', type: 'uuid', array: true, nullable: true }) departmentIds: string[] | null;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt: Date;
  @Column({ name: 'evidence_required', type: 'boolean' }) evidenceRequired: boolean;
  @ManyToOne(() => CampaignEntity)
  @JoinColumn({ name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'work_priorities_campaign_id_fkey' })
  campaign?: Relation<CampaignEntity>;
}

/** Next year's campaign as a draft copied from this year's, until confirmed or discarded. */
@Unique('campaign_drafts_confirmed_campaign_id_key', ['confirmedCampaignId'])
@Entity('campaign_drafts')
export class CampaignDraftEntity {
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'campaign_drafts_pkey' }) year: number;
  @Column({ name: 'source_campaign_id', type: 'uuid' }) sourceCampaignId: string;
  @Column({ type: 'jsonb' }) body: object;
  @Column({ name: 'prepared_at', type: 'timestamptz', default: () => 'now()' }) preparedAt: Date;
  @Column({ name: 'confirmed_campaign_id', type: 'uuid', nullable: true }) confirmedCampaignId: string | null;
  @Column({ name: 'discarded_at', type: 'timestamptz', nullable: true }) discardedAt: Date | null;
  @ManyToOne(() => CampaignEntity)
  @JoinColumn({ name: 'confirmed_campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'campaign_drafts_confirmed_campaign_id_fkey' })
  confirmedCampaign?: Relation<CampaignEntity>;
  @ManyToOne(() => CampaignEntity)
  @JoinColumn({ name: 'source_campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'campaign_drafts_source_campaign_id_fkey' })
  sourceCampaign?: Relation<CampaignEntity>;
}
