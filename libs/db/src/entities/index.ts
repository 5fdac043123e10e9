import { UserEntity } from './user.entity';
import { DepartmentEntity } from './department.entity';
import { CampaignEntity, CampaignDepartmentEntity, WorkPriorityEntity, CampaignDraftEntity } from './campaign.entity';
import { TaskEntity } from './task.entity';
import { AuditLogEntity } from './audit-log.entity';
import { CaseFileEntity, CaseFileScanEntity, CaseFileImportEntity } from './case-file.entity';
import { SelfCheckTemplateEntity, SelfCheckEntity, SelfCheckVersionEntity, VerificationEntity, FindingEntity } from './self-check.entity';
import { AttachmentEntity } from './attachment.entity';
import { DrawConfigEntity, SampleDrawEntity, DrawCandidateEntity, SampledFileEntity, DrawRunEntity, ReviewerPoolEntity, ReviewerConflictEntity, ReviewAssignmentEntity, ScoringStandardEntity, ReviewEntity, ReviewVersionEntity } from './review.entity';
import { EscalationEntity } from './escalation.entity';
import { OfficeSettingEntity, CalendarYearEntity, DocumentNumberSequenceEntity } from './office.entity';
import { OpinionLetterEntity, OpinionItemEntity } from './opinion.entity';
import { RectificationItemEntity, RectificationReportEntity, ExtensionRequestEntity, ObjectionEntity, ReopeningEntity, RectificationCarryoverEntity } from './rectification.entity';
import { OutboxEntity } from './outbox.entity';
import { NotificationEntity, NotificationReadEntity } from './notification.entity';
import { IndicatorTreeEntity, AssessmentScoreEntity, AssessmentVersionEntity, AssessmentObjectionEntity } from './assessment.entity';
import { AnnualReportEntity, AnnualReportSectionEntity, AnnualReportNoticeEntity } from './annual-report.entity';

export * from './user.entity';
export * from './department.entity';
export * from './campaign.entity';
export * from './task.entity';
export * from './audit-log.entity';
export * from './case-file.entity';
export * from './self-check.entity';
export * from './attachment.entity';
export * from './review.entity';
export * from './escalation.entity';
export * from './office.entity';
export * from './opinion.entity';
export * from './rectification.entity';
export * from './outbox.entity';
export * from './notification.entity';
export * from './assessment.entity';
export * from './annual-report.entity';

/** Every table the migrations create (but TypeORM's own `migrations`): the schema's description, checked against the migrated database by test/schema-drift.int-spec.ts. */
export const ENTITIES = [
  UserEntity,
  DepartmentEntity,
  CampaignEntity,
  CampaignDepartmentEntity,
  WorkPriorityEntity,
  CampaignDraftEntity,
  TaskEntity,
  AuditLogEntity,
  CaseFileEntity,
  CaseFileScanEntity,
  CaseFileImportEntity,
  SelfCheckTemplateEntity,
  SelfCheckEntity,
  SelfCheckVersionEntity,
  VerificationEntity,
  FindingEntity,
  AttachmentEntity,
  DrawConfigEntity,
  SampleDrawEntity,
  DrawCandidateEntity,
  SampledFileEntity,
  DrawRunEntity,
  ReviewerPoolEntity,
  ReviewerConflictEntity,
  ReviewAssignmentEntity,
  ScoringStandardEntity,
  ReviewEntity,
  ReviewVersionEntity,
  EscalationEntity,
  OfficeSettingEntity,
  CalendarYearEntity,
  DocumentNumberSequenceEntity,
  OpinionLetterEntity,
  OpinionItemEntity,
  RectificationItemEntity,
  RectificationReportEntity,
  ExtensionRequestEntity,
  ObjectionEntity,
  ReopeningEntity,
  RectificationCarryoverEntity,
  OutboxEntity,
  NotificationEntity,
  NotificationReadEntity,
  IndicatorTreeEntity,
  AssessmentScoreEntity,
  AssessmentVersionEntity,
  AssessmentObjectionEntity,
  AnnualReportEntity,
  AnnualReportSectionEntity,
  AnnualReportNoticeEntity,
];
