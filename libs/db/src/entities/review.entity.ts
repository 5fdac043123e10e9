import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { CampaignEntity } from './campaign.entity';
import { CaseFileEntity } from './case-file.entity';
import { DepartmentEntity } from './department.entity';
import { UserEntity } from './user.entity';


/** The draw's rules and the seed committed to before it (抽查). */
@Entity('draw_configs')
export class DrawConfigEntity {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid', primaryKeyConstraintName: 'draw_configs_pkey' }) campaignId: string;
  @Column({ type: 'jsonb' }) rules: object;
  @Column({ type: 'text', nullable: true }) seed: string | null;
  @Column({ name: 'seed_hash', type: 'text', nullable: true }) seedHash: string | null;
  @Column({ name: 'committed_at', type: 'timestamptz', nullable: true }) committedAt: Date | null;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy: string | null;
  @ManyToOne(() => CampaignEntity)
  @JoinColumn({ name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'draw_configs_campaign_id_fkey' })
  campaign?: Relation<CampaignEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'updated_by', referencedColumnName: 'id', foreignKeyConstraintName: 'draw_configs_updated_by_fkey' })
  updatedByUser?: Relation<UserEntity>;
}


/** The draw as performed: one per campaign. */
@Entity('sample_draws')
export class SampleDrawEntity {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid', primaryKeyConstraintName: 'sample_draws_pkey' }) campaignId: string;
  @Column({ type: 'text' }) seed: string;
  @Column({ name: 'seed_hash', type: 'text' }) seedHash: string;
  @Column({ type: 'jsonb' }) rules: object;
  @Column({ name: 'rules_hash', type: 'text' }) rulesHash: string;
  @Column({ name: 'candidate_count', type: 'integer' }) candidateCount: number;
  @Column({ name: 'candidate_hash', type: 'text' }) candidateHash: string;
  @Column({ name: 'sample_count', type: 'integer' }) sampleCount: number;
  @Column({ name: 'drawn_at', type: 'timestamptz' }) drawnAt: Date;
  @Column({ name: 'drawn_by', type: 'uuid', nullable: true }) drawnBy: string | null;
  /** The reviewer half of the proof (pseudonymous pool, recusals, assignments); null for draws made before it was published. */
  @Column({ name: 'reviewer_proof', type: 'jsonb', nullable: true }) reviewerProof: object | null;
  @ManyToOne(() => CampaignEntity)
  @JoinColumn({ name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'sample_draws_campaign_id_fkey' })
  campaign?: Relation<CampaignEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'drawn_by', referencedColumnName: 'id', foreignKeyConstraintName: 'sample_draws_drawn_by_fkey' })
  drawnByUser?: Relation<UserEntity>;
}


/** The ordered list of candidate case files the draw chose from. */
@Entity('draw_candidates')
export class DrawCandidateEntity {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid', primaryKeyConstraintName: 'draw_candidates_pkey' }) campaignId: string;
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'draw_candidates_pkey' }) ordinal: number;
  @Column({ name: 'case_file_id', type: 'uuid' }) caseFileId: string;
  @Column({ name: 'department_id', type: 'uuid' }) departmentId: string;
  @Column({ name: 'department_code', type: 'text' }) departmentCode: string;
  @Column({ name: 'case_number', type: 'text' }) caseNumber: string;
  @Column({ name: 'case_type', type: 'text' }) caseType: string;
  @Column({ name: 'decision_date', type: 'date' }) decisionDate: string;
  @ManyToOne(() => CampaignEntity)
  @JoinColumn({ name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'draw_candidates_campaign_id_fkey' })
  campaign?: Relation<CampaignEntity>;
}


/** The draw's progress marker: batches of departments done, each committed on its own (resumable). */
@Entity('draw_runs')
@Check('draw_runs_phase_check', `(phase = ANY (ARRAY['selecting', 'selected', 'recorded']))`)
export class DrawRunEntity {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid', primaryKeyConstraintName: 'draw_runs_pkey' }) campaignId: string;
  @Column({ type: 'text', default: 'selecting' }) phase: string;
  @Column({ name: 'last_department_code', type: 'text', nullable: true }) lastDepartmentCode: string | null;
  @Column({ type: 'integer', default: 0 }) batches: number;
  @Column({ type: 'integer', default: 0 }) departments: number;
  @Column({ name: 'candidate_count', type: 'integer', default: 0 }) candidateCount: number;
  @Column({ name: 'sample_count', type: 'integer', default: 0 }) sampleCount: number;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
  @ManyToOne(() => CampaignEntity)
  @JoinColumn({ name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'draw_runs_campaign_id_fkey' })
  campaign?: Relation<CampaignEntity>;
}


/** A case file the draw chose, with its rank. */
@Entity('sampled_files')
export class SampledFileEntity {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid', primaryKeyConstraintName: 'sampled_files_pkey' }) campaignId: string;
  @PrimaryColumn({ name: 'case_file_id', type: 'uuid', primaryKeyConstraintName: 'sampled_files_pkey' }) caseFileId: string;
  @Column({ name: 'department_id', type: 'uuid' }) departmentId: string;
  @Column({ name: 'rank_key', type: 'text' }) rankKey: string;
  @ManyToOne(() => CampaignEntity)
  @JoinColumn({ name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'sampled_files_campaign_id_fkey' })
  campaign?: Relation<CampaignEntity>;
  @ManyToOne(() => CaseFileEntity)
  @JoinColumn({ name: 'case_file_id', referencedColumnName: 'id', foreignKeyConstraintName: 'sampled_files_case_file_id_fkey' })
  caseFile?: Relation<CaseFileEntity>;
  @ManyToOne(() => DepartmentEntity)
  @JoinColumn({ name: 'department_id', referencedColumnName: 'id', foreignKeyConstraintName: 'sampled_files_department_id_fkey' })
  department?: Relation<DepartmentEntity>;
}

/** 评查人员库: a reviewer account a campaign's draw may assign. */
@Check('reviewer_pool_category_check', `(category = ANY (ARRAY['office_staff', 'department_officer', 'supervisor', 'lawyer']))`)
@Check('reviewer_pool_check', `((category <> 'department_officer') OR (department_id IS NOT NULL))`)
@Check('reviewer_pool_check1', `((category <> 'lawyer') OR (organisation IS NOT NULL))`)
@Entity('reviewer_pool')
export class ReviewerPoolEntity {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid', primaryKeyConstraintName: 'reviewer_pool_pkey' }) campaignId: string;
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'reviewer_pool_pkey' }) userId: string;
  @Column({ type: 'text' }) category: 'office_staff' | 'department_officer' | 'supervisor' | 'lawyer';
  @Column({ name: 'department_id', type: 'uuid', nullable: true }) departmentId: string | null;
  @Column({ type: 'text', nullable: true }) organisation: string | null;
  @Column({ name: 'added_by', type: 'uuid' }) addedBy: string;
  @Column({ name: 'added_at', type: 'timestamptz', default: () => 'now()' }) addedAt: Date;
  @ManyToOne(() => CampaignEntity)
  @JoinColumn({ name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'reviewer_pool_campaign_id_fkey' })
  campaign?: Relation<CampaignEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'user_id', referencedColumnName: 'id', foreignKeyConstraintName: 'reviewer_pool_user_id_fkey' })
  user?: Relation<UserEntity>;
  @ManyToOne(() => DepartmentEntity)
  @JoinColumn({ name: 'department_id', referencedColumnName: 'id', foreignKeyConstraintName: 'reviewer_pool_department_id_fkey' })
  department?: Relation<DepartmentEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'added_by', referencedColumnName: 'id', foreignKeyConstraintName: 'reviewer_pool_added_by_fkey' })
  addedByUser?: Relation<UserEntity>;
}

/** 回避: a reviewer's declared conflict with a department or a case file. */
@Check('reviewer_conflicts_check', `((department_id IS NULL) <> (case_file_id IS NULL))`)
// UNIQUE NULLS NOT DISTINCT in the database (TypeORM has no option for it; it compares uniques by name).
@Unique('reviewer_conflicts_once', ['reviewerId', 'departmentId', 'caseFileId'])
@Entity('reviewer_conflicts')
export class ReviewerConflictEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'reviewer_conflicts_pkey' }) id: string;
  @Column({ name: 'reviewer_id', type: 'uuid' }) reviewerId: string;
  @Column({ name: 'department_id', type: 'uuid', nullable: true }) departmentId: string | null;
  @Column({ name: 'case_file_id', type: 'uuid', nullable: true }) caseFileId: string | null;
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'declared_at', type: 'timestamptz', default: () => 'now()' }) declaredAt: Date;
  @Column({ name: 'declared_by', type: 'uuid' }) declaredBy: string;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'reviewer_id', referencedColumnName: 'id', foreignKeyConstraintName: 'reviewer_conflicts_reviewer_id_fkey' })
  reviewer?: Relation<UserEntity>;
  @ManyToOne(() => DepartmentEntity)
  @JoinColumn({ name: 'department_id', referencedColumnName: 'id', foreignKeyConstraintName: 'reviewer_conflicts_department_id_fkey' })
  department?: Relation<DepartmentEntity>;
  @ManyToOne(() => CaseFileEntity)
  @JoinColumn({ name: 'case_file_id', referencedColumnName: 'id', foreignKeyConstraintName: 'reviewer_conflicts_case_file_id_fkey' })
  caseFile?: Relation<CaseFileEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'declared_by', referencedColumnName: 'id', foreignKeyConstraintName: 'reviewer_conflicts_declared_by_fkey' })
  declaredByUser?: Relation<UserEntity>;
}

/** A reviewer assigned to a drawn case file, in one slot; inactive once ended. */
@Unique('review_assignments_campaign_id_case_file_id_reviewer_id_key', ['campaignId', 'caseFileId', 'reviewerId'])
@Index('review_assignments_one_per_slot', ['campaignId', 'caseFileId', 'slot'], { unique: true, where: `active` })
@Index('review_assignments_reviewer', ['reviewerId'], { where: `active` })
@Entity('review_assignments')
export class ReviewAssignmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'review_assignments_pkey' }) id: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId: string;
  @Column({ name: 'case_file_id', type: 'uuid' }) caseFileId: string;
  @Column({ name: 'reviewer_id', type: 'uuid' }) reviewerId: string;
  @Column({ type: 'integer' }) slot: number;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ name: 'assigned_at', type: 'timestamptz', default: () => 'now()' }) assignedAt: Date;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt: Date | null;
  @Column({ name: 'end_reason', type: 'text', nullable: true }) endReason: string | null;
  @ManyToOne(() => CampaignEntity)
  @JoinColumn({ name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'review_assignments_campaign_id_fkey' })
  campaign?: Relation<CampaignEntity>;
  @ManyToOne(() => CaseFileEntity)
  @JoinColumn({ name: 'case_file_id', referencedColumnName: 'id', foreignKeyConstraintName: 'review_assignments_case_file_id_fkey' })
  caseFile?: Relation<CaseFileEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'reviewer_id', referencedColumnName: 'id', foreignKeyConstraintName: 'review_assignments_reviewer_id_fkey' })
  reviewer?: Relation<UserEntity>;
}

/** 评查标准: one version of the scoring sheet. */
@Unique('scoring_standards_code_version_key', ['code', 'version'])
@Entity('scoring_standards')
export class ScoringStandardEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'scoring_standards_pkey' }) id: string;
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'integer' }) version: number;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'jsonb' }) body: object;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'created_by', referencedColumnName: 'id', foreignKeyConstraintName: 'scoring_standards_created_by_fkey' })
  createdByUser?: Relation<UserEntity>;
}

/** A reviewer's scoring of one assignment. */
@Check('reviews_status_check', `(status = ANY (ARRAY['draft', 'submitted', 'returned']))`)
@Unique('reviews_assignment_id_key', ['assignmentId'])
@Entity('reviews')
export class ReviewEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'reviews_pkey' }) id: string;
  @Column({ name: 'assignment_id', type: 'uuid' }) assignmentId: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId: string;
  @Column({ name: 'case_file_id', type: 'uuid' }) caseFileId: string;
  @Column({ name: 'reviewer_id', type: 'uuid' }) reviewerId: string;
  @Column({ name: 'standard_id', type: 'uuid' }) standardId: string;
  @Column({ type: 'text' }) status: 'draft' | 'submitted' | 'returned';
  @Column({ type: 'jsonb' }) sheet: object;
  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true }) score: string | null;
  @Column({ type: 'text', nullable: true }) grade: string | null;
  @Column({ type: 'integer', default: 0 }) version: number;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
  @ManyToOne(() => ReviewAssignmentEntity)
  @JoinColumn({ name: 'assignment_id', referencedColumnName: 'id', foreignKeyConstraintName: 'reviews_assignment_id_fkey' })
  assignment?: Relation<ReviewAssignmentEntity>;
  @ManyToOne(() => CampaignEntity)
  @JoinColumn({ name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'reviews_campaign_id_fkey' })
  campaign?: Relation<CampaignEntity>;
  @ManyToOne(() => CaseFileEntity)
  @JoinColumn({ name: 'case_file_id', referencedColumnName: 'id', foreignKeyConstraintName: 'reviews_case_file_id_fkey' })
  caseFile?: Relation<CaseFileEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'reviewer_id', referencedColumnName: 'id', foreignKeyConstraintName: 'reviews_reviewer_id_fkey' })
  reviewer?: Relation<UserEntity>;
  @ManyToOne(() => ScoringStandardEntity)
  @JoinColumn({ name: 'standard_id', referencedColumnName: 'id', foreignKeyConstraintName: 'reviews_standard_id_fkey' })
  standard?: Relation<ScoringStandardEntity>;
}


/** Every submitted version of a review, and whether it was returned for 复核. */
@Entity('review_versions')
export class ReviewVersionEntity {
  @PrimaryColumn({ name: 'review_id', type: 'uuid', primaryKeyConstraintName: 'review_versions_pkey' }) reviewId: string;
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'review_versions_pkey' }) version: number;
  @Column({ type: 'jsonb' }) sheet: object;
  @Column({ type: 'numeric', precision: 5, scale: 2 }) score: string;
  @Column({ type: 'text' }) grade: string;
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt: Date;
  @Column({ name: 'returned_at', type: 'timestamptz', nullable: true }) returnedAt: Date | null;
  @Column({ name: 'returned_by', type: 'uuid', nullable: true }) returnedBy: string | null;
  @Column({ name: 'return_reason', type: 'text', nullable: true }) returnReason: string | null;
  @ManyToOne(() => ReviewEntity)
  @JoinColumn({ name: 'review_id', referencedColumnName: 'id', foreignKeyConstraintName: 'review_versions_review_id_fkey' })
  review?: Relation<ReviewEntity>;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'returned_by', referencedColumnName: 'id', foreignKeyConstraintName: 'review_versions_returned_by_fkey' })
  returnedByUser?: Relation<UserEntity>;
}
