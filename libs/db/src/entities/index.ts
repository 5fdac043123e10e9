import { AttachmentEntity } from './attachment.entity';
import { AuditLogEntity } from './audit-log.entity';
import { CaseFileEntity } from './case-file.entity';
import { SelfCheckEntity, SelfCheckTemplateEntity, SelfCheckVersionEntity } from './self-check.entity';
import { CampaignDepartmentEntity, CampaignEntity, WorkPriorityEntity } from './campaign.entity';
import { DepartmentEntity } from './department.entity';
import { TaskEntity } from './task.entity';
import { UserEntity } from './user.entity';

export * from './attachment.entity';
export * from './audit-log.entity';
export * from './case-file.entity';
export * from './self-check.entity';
export * from './campaign.entity';
export * from './department.entity';
export * from './task.entity';
export * from './user.entity';

export const ENTITIES = [
  UserEntity,
  DepartmentEntity,
  CampaignEntity,
  CampaignDepartmentEntity,
  WorkPriorityEntity,
  TaskEntity,
  AuditLogEntity,
  CaseFileEntity,
  SelfCheckTemplateEntity,
  SelfCheckEntity,
  SelfCheckVersionEntity,
  AttachmentEntity,
];
