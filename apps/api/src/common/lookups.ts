import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode, Role } from '@rol/domain';
import { CampaignEntity } from '@rol/db';
import type { AuthUser } from './auth-user';

/** The campaign, or 404 in the one wording every feature uses. */
export async function findCampaign(m: EntityManager, id: string): Promise<CampaignEntity> {
  const campaign = await m.getRepository(CampaignEntity).findOneBy({ id });
  if (!campaign) throw new DomainError(ErrorCode.NotFound, '年度工作周期不存在');
  return campaign;
}

/** A department user acts on a campaign only if the campaign covers their department (403 otherwise). */
export async function requireCampaignDepartment(m: EntityManager, campaignId: string, departmentId: string): Promise<void> {
  const [row] = await m.query(`SELECT 1 FROM campaign_departments WHERE campaign_id = $1 AND department_id = $2`, [campaignId, departmentId]);
  if (!row) throw new DomainError(ErrorCode.DepartmentNotInCampaign, '本部门不在该年度工作周期的范围内，不能查看或填报');
}

/** The caller's own department, for what only a department user may do (`what`: 办理任务, 填报自查…). */
export function ownDepartment(actor: AuthUser, what = '办理'): string {
  if (actor.role !== Role.DepartmentUser || !actor.departmentId) throw new DomainError(ErrorCode.Forbidden, `只有部门用户可以${what}`);
  return actor.departmentId;
}
