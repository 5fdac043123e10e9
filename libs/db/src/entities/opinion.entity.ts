import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { CampaignEntity } from './campaign.entity';
import { DepartmentEntity } from './department.entity';
import { UserEntity } from './user.entity';

/** 督察意见书: a draft or issued letter to one department. */
@Check('opinion_letters_status_check', `(status = ANY (ARRAY['draft', 'issued', 'acknowledged']))`)
@Unique('opinion_letters_document_number_key', ['documentNumber'])
@Unique('opinion_letters_office_year_sequence_key', ['office', 'year', 'sequence'])
@Index('opinion_letters_department', ['campaignId', 'departmentId'])
@Index('opinion_letters_one_draft', ['campaignId', 'departmentId'], { unique: true, where: `(status = 'draft')` })
@Entity('opinion_letters')
export class OpinionLetterEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'opinion_letters_pkey' }) id: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId: string;
  @Column({ name: 'department_id', type: 'uuid' }) departmentId: string;
  @Column({ type: 'text' }) status: 'draft' | 'issued' | 'acknowledged';
  @Column({ type: 'text' }) intro: string;
  @Column({ type: 'text' }) closing: string;
  @Column({ type: 'text', nullable: true }) office: string | null;
  @Column({ type: 'integer', nullable: true }) year: number | null;
  @Column({ type: 'integer', nullable: true }) sequence: number | null;
  @Column({ name: 'document_number', type: 'text', nullable: true }) documentNumber: string | null;
  @Column({ name: 'issued_at', type: 'timestamptz', nullable: true }) issuedAt: Date | null;
  @Column({ name: 'issued_by', type: 'uuid', nullable: true }) issuedBy: string | null;
  @Column({ name: 'acknowledge_due_at', type: 'timestamptz', nullable: true }) acknowledgeDueAt: Date | null;
  @Column({ name: 'objection_due_at', type: 'timestamptz', nullable: true }) objectionDueAt: Date | null;
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true }) acknowledgedAt: Date | null;
  @Column({ name: 'acknowledged_by', type: 'uuid', nullable: true }) acknowledgedBy: string | null;
  @Column({ type: 'uuid', nullable: true }) supplements: string | null;
  @ManyToOne(() => CampaignEntity)
  @JoinColumn({ name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'opinion_letters_campaign_id_fkey' })
  campaign?: Relation<CampaignEntity>;
  @ManyToOne(() => DepartmentEntity)
  @JoinColumn({ name: 'department_id', referencedColumnName: 'id', foreignKeyConstraintName: 'opinion_letters_department_id_fkey' })
  department?: Relation<DepartmentEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'issued_by', referencedColumnName: 'id', foreignKeyConstraintName: 'opinion_letters_issued_by_fkey' })
  issuedByUser?: Relation<UserEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'acknowledged_by', referencedColumnName: 'id', foreignKeyConstraintName: 'opinion_letters_acknowledged_by_fkey' })
  acknowledgedByUser?: Relation<UserEntity>;
  @ManyToOne(() => OpinionLetterEntity)
  @JoinColumn({ name: 'supplements', referencedColumnName: 'id', foreignKeyConstraintName: 'opinion_letters_supplements_fkey' })
  supplementsOpinionLetter?: Relation<OpinionLetterEntity>;
}

/** One item (problem, rule, required action, deadline) of an opinion letter. */
@Index('opinion_items_letter', ['letterId', 'position'])
@Entity('opinion_items')
export class OpinionItemEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'opinion_items_pkey' }) id: string;
  @Column({ name: 'letter_id', type: 'uuid' }) letterId: string;
  @Column({ type: 'integer' }) position: number;
  @Column({ type: 'text' }) problem: string;
  @Column({ type: 'text' }) rule: string;
  @Column({ type: 'text' }) action: string;
  @Column({ type: 'jsonb' }) deadline: object;
  @Column({ name: 'deadline_at', type: 'timestamptz', nullable: true }) deadlineAt: Date | null;
  @Column({ name: 'finding_ids', type: 'uuid', array: true, default: () => "'{}'" }) findingIds: string[];
  @Column({ type: 'boolean', default: false }) dropped: boolean;
  @ManyToOne(() => OpinionLetterEntity)
  @JoinColumn({ name: 'letter_id', referencedColumnName: 'id', foreignKeyConstraintName: 'opinion_items_letter_id_fkey' })
  letter?: Relation<OpinionLetterEntity>;
}
