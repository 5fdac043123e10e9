import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { DepartmentKind } from '@rol/domain';

/** 执法部门. */
@Check('departments_kind_check', `(kind = ANY (ARRAY['bureau', 'township', 'authorized', 'entrusted', 'other']))`)
@Unique('departments_code_key', ['code'])
@Entity('departments')
export class DepartmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'departments_pkey' }) id: string;
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) kind: DepartmentKind;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
