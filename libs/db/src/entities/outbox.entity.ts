import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A workflow start recorded in the same transaction as the change; the worker's dispatcher starts it. */
@Check('outbox_kind_check', `(kind = 'start_workflow')`)
@Check('outbox_subject_type_check', `(subject_type = ANY (ARRAY['campaign', 'opinion_letter', 'case_file_import']))`)
@Unique('outbox_kind_workflow_id_key', ['kind', 'workflowId'])
@Index('outbox_pending', ['nextAttemptAt', 'id'], { where: `(dispatched_at IS NULL)` })
@Entity('outbox')
export class OutboxEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'outbox_pkey' }) id: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ name: 'subject_type', type: 'text' }) subjectType: 'campaign' | 'opinion_letter' | 'case_file_import';
  @Column({ name: 'subject_id', type: 'uuid' }) subjectId: string;
  @Column({ name: 'workflow_id', type: 'text' }) workflowId: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ type: 'integer', default: 0 }) attempts: number;
  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' }) nextAttemptAt: Date;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;
  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true }) dispatchedAt: Date | null;
}
