import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { CampaignEntity } from './campaign.entity';
import { DepartmentEntity } from './department.entity';
import { OpinionItemEntity, OpinionLetterEntity } from './opinion.entity';
import { UserEntity } from './user.entity';

/** 整改事项: an issued opinion item, with its state, deadline and round. */
@Check('rectification_items_status_check', `(status = ANY (ARRAY['open', 'submitted', 'returned', 'closed', 'withdrawn']))`)
@Check('rectification_items_objection_check', `(objection = ANY (ARRAY['pending', 'upheld', 'withdrawn']))`)
@Unique('rectification_items_workflow_id_key', ['workflowId'])
@Index('rectification_items_campaign', ['campaignId', 'departmentId'])
@Entity('rectification_items')
export class RectificationItemEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'rectification_items_pkey' }) id: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId: string;
  @Column({ name: 'department_id', type: 'uuid' }) departmentId: string;
  @Column({ name: 'letter_id', type: 'uuid' }) letterId: string;
  @Column({ type: 'text' }) status: 'open' | 'submitted' | 'returned' | 'closed' | 'withdrawn';
  @Column({ type: 'integer', default: 1 }) round: number;
  @Column({ name: 'deadline_at', type: 'timestamptz' }) deadlineAt: Date;
  @Column({ name: 'original_deadline_at', type: 'timestamptz' }) originalDeadlineAt: Date;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ name: 'closed_on_time', type: 'boolean', nullable: true }) closedOnTime: boolean | null;
  @Column({ type: 'text', nullable: true }) objection: 'pending' | 'upheld' | 'withdrawn' | null;
  @Column({ name: 'workflow_id', type: 'text' }) workflowId: string;
  @ManyToOne(() => OpinionItemEntity)
  @JoinColumn({ name: 'id', referencedColumnName: 'id', foreignKeyConstraintName: 'rectification_items_id_fkey' })
  opinionItem?: Relation<OpinionItemEntity>;
  @ManyToOne(() => CampaignEntity)
  @JoinColumn({ name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'rectification_items_campaign_id_fkey' })
  campaign?: Relation<CampaignEntity>;
  @ManyToOne(() => DepartmentEntity)
  @JoinColumn({ name: 'department_id', referencedColumnName: 'id', foreignKeyConstraintName: 'rectification_items_department_id_fkey' })
  department?: Relation<DepartmentEntity>;
  @ManyToOne(() => OpinionLetterEntity)
  @JoinColumn({ name: 'letter_id', referencedColumnName: 'id', foreignKeyConstraintName: 'rectification_items_letter_id_fkey' })
  letter?: Relation<OpinionLetterEntity>;
}

/** Every rectification report a department submits, with the office's decision on it. */
@Check('rectification_reports_decision_check', `(decision = ANY (ARRAY['accepted', 'returned']))`)
@Entity('rectification_reports')
export class RectificationReportEntity {
  @PrimaryColumn({ name: 'item_id', type: 'uuid', primaryKeyConstraintName: 'rectification_reports_pkey' }) itemId: string;
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'rectification_reports_pkey' }) version: number;
  @Column({ type: 'integer' }) round: number;
  @Column({ type: 'text' }) report: string;
  @Column({ type: 'jsonb' }) evidence: object;
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt: Date;
  @Column({ name: 'submitted_by', type: 'uuid' }) submittedBy: string;
  @Column({ type: 'text', nullable: true }) decision: 'accepted' | 'returned' | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @ManyToOne(() => RectificationItemEntity)
  @JoinColumn({ name: 'item_id', referencedColumnName: 'id', foreignKeyConstraintName: 'rectification_reports_item_id_fkey' })
  item?: Relation<RectificationItemEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'submitted_by', referencedColumnName: 'id', foreignKeyConstraintName: 'rectification_reports_submitted_by_fkey' })
  submittedByUser?: Relation<UserEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'decided_by', referencedColumnName: 'id', foreignKeyConstraintName: 'rectification_reports_decided_by_fkey' })
  decidedByUser?: Relation<UserEntity>;
}

/** A request to extend a rectification deadline, decided once. */
@Check('extension_requests_decision_check', `(decision = ANY (ARRAY['approved', 'refused']))`)
@Entity('extension_requests')
export class ExtensionRequestEntity {
  @PrimaryColumn({ name: 'item_id', type: 'uuid', primaryKeyConstraintName: 'extension_requests_pkey' }) itemId: string;
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'extension_requests_pkey' }) seq: number;
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'requested_deadline_at', type: 'timestamptz' }) requestedDeadlineAt: Date;
  @Column({ name: 'requested_at', type: 'timestamptz' }) requestedAt: Date;
  @Column({ name: 'requested_by', type: 'uuid' }) requestedBy: string;
  @Column({ type: 'text', nullable: true }) decision: 'approved' | 'refused' | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @ManyToOne(() => RectificationItemEntity)
  @JoinColumn({ name: 'item_id', referencedColumnName: 'id', foreignKeyConstraintName: 'extension_requests_item_id_fkey' })
  item?: Relation<RectificationItemEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'requested_by', referencedColumnName: 'id', foreignKeyConstraintName: 'extension_requests_requested_by_fkey' })
  requestedByUser?: Relation<UserEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'decided_by', referencedColumnName: 'id', foreignKeyConstraintName: 'extension_requests_decided_by_fkey' })
  decidedByUser?: Relation<UserEntity>;
}

/** A department's objection to a rectification item, decided once. */
@Check('objections_decision_check', `(decision = ANY (ARRAY['upheld', 'withdrawn']))`)
@Entity('objections')
export class ObjectionEntity {
  @PrimaryColumn({ name: 'item_id', type: 'uuid', primaryKeyConstraintName: 'objections_pkey' }) itemId: string;
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'filed_at', type: 'timestamptz' }) filedAt: Date;
  @Column({ name: 'filed_by', type: 'uuid' }) filedBy: string;
  @Column({ type: 'text', nullable: true }) decision: 'upheld' | 'withdrawn' | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @ManyToOne(() => RectificationItemEntity)
  @JoinColumn({ name: 'item_id', referencedColumnName: 'id', foreignKeyConstraintName: 'objections_item_id_fkey' })
  item?: Relation<RectificationItemEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'filed_by', referencedColumnName: 'id', foreignKeyConstraintName: 'objections_filed_by_fkey' })
  filedByUser?: Relation<UserEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'decided_by', referencedColumnName: 'id', foreignKeyConstraintName: 'objections_decided_by_fkey' })
  decidedByUser?: Relation<UserEntity>;
}


/** 回头看: a closed item opened again for another round. */
@Entity('reopenings')
export class ReopeningEntity {
  @PrimaryColumn({ name: 'item_id', type: 'uuid', primaryKeyConstraintName: 'reopenings_pkey' }) itemId: string;
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'reopenings_pkey' }) round: number;
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'deadline_at', type: 'timestamptz' }) deadlineAt: Date;
  @Column({ name: 'reopened_at', type: 'timestamptz' }) reopenedAt: Date;
  @Column({ name: 'reopened_by', type: 'uuid' }) reopenedBy: string;
  @ManyToOne(() => RectificationItemEntity)
  @JoinColumn({ name: 'item_id', referencedColumnName: 'id', foreignKeyConstraintName: 'reopenings_item_id_fkey' })
  item?: Relation<RectificationItemEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'reopened_by', referencedColumnName: 'id', foreignKeyConstraintName: 'reopenings_reopened_by_fkey' })
  reopenedByUser?: Relation<UserEntity>;
}

/** An item still open at the turn of the year, carried into the next. */
@Check('rectification_carryovers_check', `(to_year = (from_year + 1))`)
@Index('rectification_carryovers_to_year', ['toYear'])
@Entity('rectification_carryovers')
export class RectificationCarryoverEntity {
  @PrimaryColumn({ name: 'item_id', type: 'uuid', primaryKeyConstraintName: 'rectification_carryovers_pkey' }) itemId: string;
  @Column({ name: 'from_year', type: 'integer' }) fromYear: number;
  @PrimaryColumn({ name: 'to_year', type: 'integer', primaryKeyConstraintName: 'rectification_carryovers_pkey' }) toYear: number;
  @Column({ name: 'carried_at', type: 'timestamptz' }) carriedAt: Date;
  @ManyToOne(() => RectificationItemEntity)
  @JoinColumn({ name: 'item_id', referencedColumnName: 'id', foreignKeyConstraintName: 'rectification_carryovers_item_id_fkey' })
  item?: Relation<RectificationItemEntity>;
}
