import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { SelfCheckAnswers, SelfCheckStatus, SelfCheckTemplate } from '@rol/domain';

/** The self-check template (自查表) of one campaign. */
@Entity('self_check_templates')
export class SelfCheckTemplateEntity {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid' }) campaignId: string;
  @Column({ type: 'jsonb' }) template: SelfCheckTemplate;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy: string | null;
}

/** 自查: one department's self-check in one campaign; `answers` holds the working draft. */
@Entity('self_checks')
export class SelfCheckEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId: string;
  @Column({ name: 'department_id', type: 'uuid' }) departmentId: string;
  @Column({ type: 'text' }) status: SelfCheckStatus;
  @Column({ type: 'jsonb' }) answers: SelfCheckAnswers;
  /** How many times it was submitted; each submission is a row of self_check_versions. */
  @Column({ type: 'int' }) version: number;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** Every submitted version, with the office's decision on it. */
@Entity('self_check_versions')
export class SelfCheckVersionEntity {
  @PrimaryColumn({ name: 'self_check_id', type: 'uuid' }) selfCheckId: string;
  @PrimaryColumn({ type: 'int' }) version: number;
  @Column({ type: 'jsonb' }) answers: SelfCheckAnswers;
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt: Date;
  @Column({ name: 'submitted_by', type: 'uuid' }) submittedBy: string;
  @Column({ type: 'boolean' }) late: boolean;
  @Column({ type: 'text', nullable: true }) decision: 'accepted' | 'returned' | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ type: 'text', nullable: true }) comment: string | null;
}
