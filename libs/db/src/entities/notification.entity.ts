import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { AuditLogEntity } from './audit-log.entity';
import { CampaignEntity } from './campaign.entity';
import { DepartmentEntity } from './department.entity';
import { UserEntity } from './user.entity';

/** 消息中心: one notification for the office or a department, from an audited event. */
@Check('notifications_audience_check', `(audience = ANY (ARRAY['department', 'office']))`)
@Unique('notifications_once', ['auditId', 'departmentId'])
@Index('notifications_department', ['departmentId', 'at', 'id'], { where: `(audience = 'department')` })
@Index('notifications_office', ['at', 'id'], { where: `(audience = 'office')` })
@Entity('notifications')
export class NotificationEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'notifications_pkey' }) id: string;
  @Column({ name: 'audit_id', type: 'bigint' }) auditId: string;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ type: 'text' }) audience: 'department' | 'office';
  @Column({ name: 'department_id', type: 'uuid', nullable: true }) departmentId: string | null;
  @Column({ name: 'campaign_id', type: 'uuid', nullable: true }) campaignId: string | null;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) subject: string;
  @Column({ type: 'text' }) link: string;
  @ManyToOne(() => AuditLogEntity)
  @JoinColumn({ name: 'audit_id', referencedColumnName: 'id', foreignKeyConstraintName: 'notifications_audit_id_fkey' })
  audit?: Relation<AuditLogEntity>;
  @ManyToOne(() => DepartmentEntity)
  @JoinColumn({ name: 'department_id', referencedColumnName: 'id', foreignKeyConstraintName: 'notifications_department_id_fkey' })
  department?: Relation<DepartmentEntity>;
  @ManyToOne(() => CampaignEntity)
  @JoinColumn({ name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'notifications_campaign_id_fkey' })
  campaign?: Relation<CampaignEntity>;
}


/** Who has read which notification. */
@Entity('notification_reads')
export class NotificationReadEntity {
  @PrimaryColumn({ name: 'notification_id', type: 'bigint', primaryKeyConstraintName: 'notification_reads_pkey' }) notificationId: string;
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'notification_reads_pkey' }) userId: string;
  @Column({ name: 'read_at', type: 'timestamptz', default: () => 'now()' }) readAt: Date;
  @ManyToOne(() => NotificationEntity)
  @JoinColumn({ name: 'notification_id', referencedColumnName: 'id', foreignKeyConstraintName: 'notification_reads_notification_id_fkey' })
  notification?: Relation<NotificationEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'user_id', referencedColumnName: 'id', foreignKeyConstraintName: 'notification_reads_user_id_fkey' })
  user?: Relation<UserEntity>;
}
