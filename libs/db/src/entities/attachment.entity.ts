import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { DepartmentEntity } from './department.entity';
import { UserEntity } from './user.entity';

/** 附件: what was uploaded, where its bytes are, and whose it is (migration 1764230400000). */
@Check('attachments_file_name_check', `((length(file_name) >= 1) AND (length(file_name) <= 200))`)
@Check('attachments_size_bytes_check', `(size_bytes > 0)`)
@Check('attachments_sha256_check', `(sha256 ~ '^[0-9a-f]{64}$')`)
@Check('attachments_storage_check', `(storage = ANY (ARRAY['local', 's3']))`)
@Index('attachments_department', ['departmentId', 'uploadedAt'])
@Entity('attachments')
export class AttachmentEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'attachments_pkey' }) id: string;
  @Column({ name: 'file_name', type: 'text' }) fileName: string;
  @Column({ name: 'media_type', type: 'text' }) mediaType: string;
  /** bigint: pg returns it as a string. */
  @Column({ name: 'size_bytes', type: 'bigint' }) sizeBytes: string;
  @Column({ type: 'char', length: 64 }) sha256: string;
  @Column({ type: 'text' }) storage: 'local' | 's3';
  @Column({ name: 'storage_key', type: 'text' }) storageKey: string;
  @Column({ name: 'department_id', type: 'uuid', nullable: true }) departmentId: string | null;
  @Column({ name: 'uploaded_by', type: 'uuid' }) uploadedBy: string;
  @Column({ name: 'uploaded_at', type: 'timestamptz', default: () => 'now()' }) uploadedAt: Date;
  @ManyToOne(() => DepartmentEntity)
  @JoinColumn({ name: 'department_id', referencedColumnName: 'id', foreignKeyConstraintName: 'attachments_department_id_fkey' })
  department?: Relation<DepartmentEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'uploaded_by', referencedColumnName: 'id', foreignKeyConstraintName: 'attachments_uploaded_by_fkey' })
  uploadedByUser?: Relation<UserEntity>;
}
