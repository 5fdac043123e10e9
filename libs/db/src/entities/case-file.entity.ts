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

export type CaseFileImportStatus = 'queued' | 'reading' | 'merging' | 'succeeded' | 'rejected' | 'failed';

/** 案卷目录导入: one uploaded catalogue file, imported by the worker as a job (progress, then the result or the errors). */
@Check('case_file_imports_format_check', `(format = ANY (ARRAY['csv', 'xlsx']))`)
@Check('case_file_imports_file_name_check', `((length(file_name) >= 1) AND (length(file_name) <= 200))`)
@Check('case_file_imports_size_bytes_check', `(size_bytes >= 0)`)
@Check('case_file_imports_status_check', `(status = ANY (ARRAY['queued', 'reading', 'merging', 'succeeded', 'rejected', 'failed']))`)
@Index('case_file_imports_submitted', ['submittedAt', 'id'])
@Index('case_file_imports_department', ['departmentId', 'submittedAt'])
@Entity('case_file_imports')
export class CaseFileImportEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'case_file_imports_pkey' }) id: string;
  @Column({ type: 'text' }) format: 'csv' | 'xlsx';
  @Column({ name: 'file_name', type: 'text' }) fileName: string;
  @Column({ name: 'size_bytes', type: 'bigint' }) sizeBytes: string;
  @Column({ name: 'storage_key', type: 'text' }) storageKey: string;
  /** The department every row goes to (a department's own import, or the office's ?departmentId=); null: each row names its department. */
  @Column({ name: 'department_id', type: 'uuid', nullable: true }) departmentId: string | null;
  @Column({ name: 'submitted_by', type: 'uuid' }) submittedBy: string;
  @Column({ name: 'submitted_at', type: 'timestamptz', default: () => 'now()' }) submittedAt: Date;
  @Column({ type: 'text', default: 'queued' }) status: CaseFileImportStatus;
  @Column({ name: 'bytes_read', type: 'bigint', default: 0 }) bytesRead: string;
  @Column({ name: 'rows_read', type: 'integer', default: 0 }) rowsRead: number;
  @Column({ name: 'rows_written', type: 'integer', default: 0 }) rowsWritten: number;
  @Column({ type: 'integer', nullable: true }) created: number | null;
  @Column({ type: 'integer', nullable: true }) updated: number | null;
  @Column({ type: 'integer', nullable: true }) unchanged: number | null;
  @Column({ name: 'error_count', type: 'integer', nullable: true }) errorCount: number | null;
  @Column({ name: 'bad_rows', type: 'integer', nullable: true }) badRows: number | null;
  @Column({ type: 'jsonb', nullable: true }) errors: unknown[] | null;
  @Column({ type: 'text', nullable: true }) message: string | null;
  @Column({ type: 'integer', default: 0 }) attempts: number;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt: Date | null;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  @ManyToOne(() => DepartmentEntity)
  @JoinColumn({ name: 'department_id', referencedColumnName: 'id', foreignKeyConstraintName: 'case_file_imports_department_id_fkey' })
  department?: Relation<DepartmentEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'submitted_by', referencedColumnName: 'id', foreignKeyConstraintName: 'case_file_imports_submitted_by_fkey' })
  submitter?: Relation<UserEntity>;
}
