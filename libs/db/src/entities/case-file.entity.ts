import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CaseFileStatus, CaseType } from '@rol/domain';

/** 案卷: one case file in a department's catalogue (案卷目录); case number unique within the department. */
@Entity('case_files')
export class CaseFileEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'department_id', type: 'uuid' }) departmentId: string;
  @Column({ name: 'case_number', type: 'text' }) caseNumber: string;
  @Column({ name: 'case_type', type: 'text' }) caseType: CaseType;
  @Column({ type: 'text' }) title: string;
  /** A calendar date (YYYY-MM-DD), kept as text to avoid time-zone shifts. */
  @Column({ name: 'decision_date', type: 'date' }) decisionDate: string;
  @Column({ name: 'handling_officer', type: 'text' }) handlingOfficer: string;
  @Column({ type: 'text' }) status: CaseFileStatus;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
