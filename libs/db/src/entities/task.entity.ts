import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { CampaignEntity, WorkPriorityEntity } from './campaign.entity';
import { DepartmentEntity } from './department.entity';
import { UserEntity } from './user.entity';
import type { TaskStatus } from '@rol/domain';

export interface EvidenceRecord {
  name: string;
  uri: string;
}


/** 任务: one work priority for one department; unique per (priority, department). */
@Check('tasks_status_check', `(status = ANY (ARRAY['open', 'completed']))`)
@Check('tasks_check', `((status = 'completed') = (completed_at IS NOT NULL))`)
@Unique('tasks_priority_id_department_id_key', ['priorityId', 'departmentId'])
@Index('tasks_department_status', ['departmentId', 'status'])
@Index('tasks_campaign_counts', ['campaignId', 'status', 'overdueAt', 'completedLate']) // the campaign status counts from the index alone
@Entity('tasks')
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'tasks_pkey' }) id: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId: string;
  @Column({ name: 'priority_id', type: 'uuid' }) priorityId: string;
  @Column({ name: 'department_id', type: 'uuid' }) departmentId: string;
  @Column({ type: 'text' }) title: string;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt: Date;
  @Column({ name: 'remind_at', type: 'timestamptz', nullable: true }) remindAt: Date | null;
  @Column({ name: 'evidence_required', type: 'boolean' }) evidenceRequired: boolean;
  @Column({ type: 'text', default: 'open' }) status: TaskStatus;
  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true }) remindedAt: Date | null;
  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true }) overdueAt: Date | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ name: 'completed_late', type: 'boolean', nullable: true }) completedLate: boolean | null;
  @Column({ name: 'completed_by', type: 'uuid', nullable: true }) completedBy: string | null;
  @Column({ name: 'completion_note', type: 'text', nullable: true }) completionNote: string | null;
  @Column({ type: 'jsonb', default: () => "'[]'" }) evidence: EvidenceRecord[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @ManyToOne(() => CampaignEntity)
  @JoinColumn({ name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'tasks_campaign_id_fkey' })
  campaign?: Relation<CampaignEntity>;
  @ManyToOne(() => WorkPriorityEntity)
  @JoinColumn({ name: 'priority_id', referencedColumnName: 'id', foreignKeyConstraintName: 'tasks_priority_id_fkey' })
  priority?: Relation<WorkPriorityEntity>;
  @ManyToOne(() => DepartmentEntity)
  @JoinColumn({ name: 'department_id', referencedColumnName: 'id', foreignKeyConstraintName: 'tasks_department_id_fkey' })
  department?: Relation<DepartmentEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'completed_by', referencedColumnName: 'id', foreignKeyConstraintName: 'tasks_completed_by_fkey' })
  completedByUser?: Relation<UserEntity>;
}
