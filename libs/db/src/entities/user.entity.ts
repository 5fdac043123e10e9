import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { DepartmentEntity } from './department.entity';
import type { Role } from '@rol/domain';

/** An account: office staff, a department's user, a reviewer or an operator. */
@Check('users_role_check', `(role = ANY (ARRAY['office_admin', 'office_staff', 'department_user', 'reviewer', 'operator']))`)
@Check('users_department_binding', `(((role <> 'department_user') OR (department_id IS NOT NULL)) AND ((role = ANY (ARRAY['department_user', 'reviewer'])) OR (department_id IS NULL)))`)
@Check('users_session_epoch_check', `(session_epoch >= 0)`)
@Unique('users_username_key', ['username'])
@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'users_pkey' }) id: string;
  @Column({ type: 'text' }) username: string;
  @Column({ name: 'password_hash', type: 'text' }) passwordHash: string;
  @Column({ type: 'text' }) role: Role;
  @Column({ name: 'display_name', type: 'text' }) displayName: string;
  @Column({ name: 'department_id', type: 'uuid', nullable: true }) departmentId: string | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  /** Moves on when the password changes; tokens carry the epoch they were issued in. */
  @Column({ name: 'session_epoch', type: 'integer', default: 0 }) sessionEpoch: number;
  @ManyToOne(() => DepartmentEntity)
  @JoinColumn({ name: 'department_id', referencedColumnName: 'id', foreignKeyConstraintName: 'users_department_id_fkey' })
  department?: Relation<DepartmentEntity>;
}
