import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { AttachmentEntity } from './attachment.entity';
import { DepartmentEntity } from './department.entity';
import { UserEntity } from './user.entity';
import type { CaseFileStatus, CaseType } from '@rol/domain';

/** 案卷: one case file in a department's catalogue (案卷目录); case number unique within the department. */
@Check('case_files_case_type_check', `(case_type = ANY (ARRAY['penalty', 'license', 'coercion', 'inspection', 'other']))`)
@Check('case_files_status_check', `(status = ANY (ARRAY['concluded', 'in_progress']))`)
@Unique('case_files_department_id_case_number_key', ['departmentId', 'caseNumber'])
@Entity('case_files')
export class CaseFileEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'case_files_pkey' }) id: string;
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
  @ManyToOne(() => DepartmentEntity)
  @JoinColumn({ name: 'department_id', referencedColumnName: 'id', foreignKeyConstraintName: 'case_files_department_id_fkey' })
  department?: Relation<DepartmentEntity>;
}

/** The scans (attachments) of a drawn case file. */
@Index('case_file_scans_attachment', ['attachmentId'])
@Entity('case_file_scans')
export class CaseFileScanEntity {
  @PrimaryColumn({ name: 'case_file_id', type: 'uuid', primaryKeyConstraintName: 'case_file_scans_pkey' }) caseFileId: string;
  @PrimaryColumn({ name: 'attachment_id', type: 'uuid', primaryKeyConstraintName: 'case_file_scans_pkey' }) attachmentId: string;
  @Column({ type: 'integer' }) position: number;
  @Column({ name: 'added_by', type: 'uuid' }) addedBy: string;
  @Column({ name: 'added_at', type: 'timestamptz', default: () => 'now()' }) addedAt: Date;
  @ManyToOne(() => CaseFileEntity)
  @JoinColumn({ name: 'case_file_id', referencedColumnName: 'id', foreignKeyConstraintName: 'case_file_scans_case_file_id_fkey' })
  caseFile?: Relation<CaseFileEntity>;
  @ManyToOne(() => AttachmentEntity)
  @JoinColumn({ name: 'attachment_id', referencedColumnName: 'id', foreignKeyConstraintName: 'case_file_scans_attachment_id_fkey' })
  attachment?: Relation<AttachmentEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'added_by', referencedColumnName: 'id', foreignKeyConstraintName: 'case_file_scans_added_by_fkey' })
  addedByUser?: Relation<UserEntity>;
}
