import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** 全过程留痕: who did what to which item, when. Written in the same transaction as the change. */
@Index('audit_log_target', ['targetType', 'targetId'])
/** An expression index TypeORM cannot describe, so it leaves it alone (synchronize: false): CREATE INDEX audit_log_sign_in_failures ON audit_log USING btree (((detail ->> 'username'::text)), at) WHERE (action = 'auth.sign_in_failed'::text) */
@Index('audit_log_sign_in_failures', { synchronize: false })
@Index('audit_log_unlocks', ['targetId', 'at'], { where: `(action = 'user.unlock')` })
@Entity('audit_log')
export class AuditLogEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'audit_log_pkey' }) id: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at: Date;
  /** null for the system (timers, workflows acting on their own). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId: string | null;
  @Column({ type: 'text' }) action: string;
  @Column({ name: 'target_type', type: 'text' }) targetType: string;
  @Column({ name: 'target_id', type: 'text' }) targetId: string;
  @Column({ type: 'jsonb', default: () => "'{}'" }) detail: Record<string, unknown>;
}
