import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 全过程留痕: who did what to which item, when. Written in the same transaction as the change. */
@Entity('audit_log')
export class AuditLogEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column({ type: 'timestamptz' }) at: Date;
  /** null for the system (timers, workflows acting on their own). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId: string | null;
  @Column({ type: 'text' }) action: string;
  @Column({ name: 'target_type', type: 'text' }) targetType: string;
  @Column({ name: 'target_id', type: 'text' }) targetId: string;
  @Column({ type: 'jsonb', default: () => "'{}'" }) detail: Record<string, unknown>;
}
