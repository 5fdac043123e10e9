import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { CampaignEntity } from './campaign.entity';
import { DepartmentEntity } from './department.entity';

/** 催办 / 约谈 / 通报: one step of the escalation ladder, recorded once per target and round. */
@Unique('escalations_once', ['kind', 'targetType', 'targetId', 'round'])
@Entity('escalations')
export class EscalationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'escalations_pkey' }) id: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId: string;
  @Column({ name: 'department_id', type: 'uuid', nullable: true }) departmentId: string | null;
  @Column({ type: 'text' }) kind: string;
  @Column({ name: 'target_type', type: 'text' }) targetType: string;
  @Column({ name: 'target_id', type: 'text' }) targetId: string;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ type: 'jsonb', default: () => "'{}'" }) detail: Record<string, unknown>;
  @Column({ type: 'integer', default: 1 }) round: number;
  @ManyToOne(() => CampaignEntity)
  @JoinColumn({ name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'escalations_campaign_id_fkey' })
  campaign?: Relation<CampaignEntity>;
  @ManyToOne(() => DepartmentEntity)
  @JoinColumn({ name: 'department_id', referencedColumnName: 'id', foreignKeyConstraintName: 'escalations_department_id_fkey' })
  department?: Relation<DepartmentEntity>;
}
