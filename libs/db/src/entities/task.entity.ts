import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TaskStatus } from '@rol/domain';

export interface EvidenceRecord {
  name: string;
  uri: string;
}

/** 任务: one work priority for one department; unique per (priority, department). */
@Entity('tasks')
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId: string;
  @Column({ name: 'priority_id', type: 'uuid' }) priorityId: string;
  @Column({ name: 'department_id', type: 'uuid' }) departmentId: string;
  @Column({ type: 'text' }) title: string;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt: Date;
  @Column({ name: 'remind_at', type: 'timestamptz', nullable: true }) remindAt: Date | null;
  @Column({ name: 'evidence_required', type: 'boolean' }) evidenceRequired: boolean;
  @Column({ type: 'text' }) status: TaskStatus;
  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true }) remindedAt: Date | null;
  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true }) overdueAt: Date | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ name: 'completed_late', type: 'boolean', nullable: true }) completedLate: boolean | null;
  @Column({ name: 'completed_by', type: 'uuid', nullable: true }) completedBy: string | null;
  @Column({ name: 'completion_note', type: 'text', nullable: true }) completionNote: string | null;
  @Column({ type: 'jsonb', default: () => "'[]'" }) evidence: EvidenceRecord[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
