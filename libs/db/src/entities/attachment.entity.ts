import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** 附件: what was uploaded, where its bytes are, and whose it is (migration 1764230400000). */
@Entity('attachments')
@Index('attachments_department', ['departmentId', 'uploadedAt'])
export class AttachmentEntity {
  @PrimaryColumn('uuid') id: string;
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
}
