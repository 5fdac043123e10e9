import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { CampaignEntity } from './campaign.entity';
import { DepartmentEntity } from './department.entity';
import { UserEntity } from './user.entity';

/** 指标体系: one version of the assessment's indicator tree. */
@Check('indicator_trees_version_check', `(version > 0)`)
@Unique('indicator_trees_code_version_key', ['code', 'version'])
@Entity('indicator_trees')
export class IndicatorTreeEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'indicator_trees_pkey' }) id: string;
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'integer' }) version: number;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'jsonb' }) body: object;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'created_by', referencedColumnName: 'id', foreignKeyConstraintName: 'indicator_trees_created_by_fkey' })
  createdByUser?: Relation<UserEntity>;
}

/** The office's score of one indicator for one department in one campaign. */
@Check('assessment_scores_score_check', `(score >= (0)::numeric)`)
@Check('assessment_scores_note_check', `(length(note) <= 2000)`)
@Entity('assessment_scores')
export class AssessmentScoreEntity {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid', primaryKeyConstraintName: 'assessment_scores_pkey' }) campaignId: string;
  @PrimaryColumn({ name: 'department_id', type: 'uuid', primaryKeyConstraintName: 'assessment_scores_pkey' }) departmentId: string;
  @PrimaryColumn({ name: 'indicator_code', type: 'text', primaryKeyConstraintName: 'assessment_scores_pkey' }) indicatorCode: string;
  @Column({ type: 'numeric', precision: 6, scale: 2 }) score: string;
  @Column({ type: 'text', default: '' }) note: string;
  @Column({ type: 'jsonb', default: () => "'[]'" }) attachments: unknown[];
  @Column({ name: 'scored_at', type: 'timestamptz' }) scoredAt: Date;
  @Column({ name: 'scored_by', type: 'uuid' }) scoredBy: string;
  @ManyToOne(() => CampaignEntity)
  @JoinColumn({ name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'assessment_scores_campaign_id_fkey' })
  campaign?: Relation<CampaignEntity>;
  @ManyToOne(() => DepartmentEntity)
  @JoinColumn({ name: 'department_id', referencedColumnName: 'id', foreignKeyConstraintName: 'assessment_scores_department_id_fkey' })
  department?: Relation<DepartmentEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'scored_by', referencedColumnName: 'id', foreignKeyConstraintName: 'assessment_scores_scored_by_fkey' })
  scoredByUser?: Relation<UserEntity>;
}

/** A published assessment (考核结果), frozen as of its cut-off; an upheld objection publishes the next version. */
@Check('assessment_versions_version_check', `(version > 0)`)
@Check('assessment_versions_inputs_hash_check', `(inputs_hash ~ '^[0-9a-f]{64}$')`)
@Entity('assessment_versions')
export class AssessmentVersionEntity {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid', primaryKeyConstraintName: 'assessment_versions_pkey' }) campaignId: string;
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'assessment_versions_pkey' }) version: number;
  @Column({ name: 'as_of', type: 'timestamptz' }) asOf: Date;
  @Column({ name: 'indicator_tree_id', type: 'uuid' }) indicatorTreeId: string;
  @Column({ name: 'inputs_hash', type: 'char', length: 64 }) inputsHash: string;
  @Column({ type: 'jsonb' }) results: object;
  @Column({ name: 'published_at', type: 'timestamptz' }) publishedAt: Date;
  @Column({ name: 'published_by', type: 'uuid' }) publishedBy: string;
  @Column({ name: 'objection_due_at', type: 'timestamptz' }) objectionDueAt: Date;
  @Column({ type: 'text', default: '' }) reason: string;
  @ManyToOne(() => CampaignEntity)
  @JoinColumn({ name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'assessment_versions_campaign_id_fkey' })
  campaign?: Relation<CampaignEntity>;
  @ManyToOne(() => IndicatorTreeEntity)
  @JoinColumn({ name: 'indicator_tree_id', referencedColumnName: 'id', foreignKeyConstraintName: 'assessment_versions_indicator_tree_id_fkey' })
  indicatorTree?: Relation<IndicatorTreeEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'published_by', referencedColumnName: 'id', foreignKeyConstraintName: 'assessment_versions_published_by_fkey' })
  publishedByUser?: Relation<UserEntity>;
}

/** A department's objection to a published assessment version, decided once by the office. */
@Check('assessment_objections_reason_check', `((length(reason) >= 1) AND (length(reason) <= 2000))`)
@Check('assessment_objections_decision_check', `(decision = ANY (ARRAY['upheld', 'rejected']))`)
@Check('assessment_objections_check', `((decision IS NULL) = (decided_at IS NULL))`)
@Unique('assessment_objections_campaign_id_version_department_id_key', ['campaignId', 'version', 'departmentId'])
@Entity('assessment_objections')
export class AssessmentObjectionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'assessment_objections_pkey' }) id: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId: string;
  @Column({ type: 'integer' }) version: number;
  @Column({ name: 'department_id', type: 'uuid' }) departmentId: string;
  @Column({ name: 'indicator_code', type: 'text', nullable: true }) indicatorCode: string | null;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'jsonb', default: () => "'[]'" }) attachments: unknown[];
  @Column({ name: 'filed_at', type: 'timestamptz' }) filedAt: Date;
  @Column({ name: 'filed_by', type: 'uuid' }) filedBy: string;
  @Column({ type: 'text', nullable: true }) decision: 'upheld' | 'rejected' | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @ManyToOne(() => DepartmentEntity)
  @JoinColumn({ name: 'department_id', referencedColumnName: 'id', foreignKeyConstraintName: 'assessment_objections_department_id_fkey' })
  department?: Relation<DepartmentEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'filed_by', referencedColumnName: 'id', foreignKeyConstraintName: 'assessment_objections_filed_by_fkey' })
  filedByUser?: Relation<UserEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'decided_by', referencedColumnName: 'id', foreignKeyConstraintName: 'assessment_objections_decided_by_fkey' })
  decidedByUser?: Relation<UserEntity>;
  @ManyToOne(() => AssessmentVersionEntity)
  @JoinColumn([{ name: 'campaign_id', referencedColumnName: 'campaignId', foreignKeyConstraintName: 'assessment_objections_campaign_id_version_fkey' }, { name: 'version', referencedColumnName: 'version', foreignKeyConstraintName: 'assessment_objections_campaign_id_version_fkey' }])
  assessmentVersion?: Relation<AssessmentVersionEntity>;
}
