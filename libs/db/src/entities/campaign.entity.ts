import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { CampaignCalendar, Phase, RectificationRules } from '@rol/domain';

/** 年度工作周期. */
@Entity('campaigns')
export class CampaignEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'int', unique: true }) year: number;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'jsonb' }) calendar: CampaignCalendar;
  @Column({ name: 'reminder_days_before', type: 'int' }) reminderDaysBefore: number;
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
}

/** The departments a campaign covers, frozen at launch. */
@Entity('campaign_departments')
export class CampaignDepartmentEntity {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid' }) campaignId: string;
  @PrimaryColumn({ name: 'department_id', type: 'uuid' }) departmentId: string;
}

/** 工作要点. */
@Entity('work_priorities')
export class WorkPriorityEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId: string;
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) description: string;
  /** null: every department of the campaign. */
  @Column({ name: 'department_ids', type: 'uuid', array: true, nullable: true }) departmentIds: string[] | null;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt: Date;
  @Column({ name: 'evidence_required', type: 'boolean' }) evidenceRequired: boolean;
}
