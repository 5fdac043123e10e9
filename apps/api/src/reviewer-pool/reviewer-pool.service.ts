import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode, REVIEWER_CATEGORY_LABELS, ReviewerCategory, Role, validationFailed } from '@rol/domain';
import { DepartmentEntity, UserEntity, recordAudit } from '@rol/db';
import type { AuthUser } from '../common/auth-user';
import { findCampaign } from '../common/lookups';
import type { PoolCandidateDto, PoolEntryDto, PoolMemberDto } from './reviewer-pool.dto';

const MEMBERS = `
  SELECT p.user_id, u.username, u.display_name, p.category, p.department_id, d.name AS department_name, p.organisation, u.active, p.added_at,
         (SELECT count(*)::int FROM review_assignments a WHERE a.campaign_id = p.campaign_id AND a.reviewer_id = p.user_id AND a.active) AS assigned
    FROM reviewer_pool p JOIN users u ON u.id = p.user_id LEFT JOIN departments d ON d.id = p.department_id
   WHERE p.campaign_id = $1`;

type MemberRow = { user_id: string; username: string; display_name: string; category: ReviewerCategory; department_id: string | null; department_name: string | null; organisation: string | null; active: boolean; added_at: Date; assigned: number };

/** 评查人员库: the office picks which reviewer accounts a campaign's draw (and its reassignments) may choose from. */
@Injectable()
export class ReviewerPoolService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(campaignId: string): Promise<PoolMemberDto[]> {
    await findCampaign(this.dataSource.manager, campaignId);
    const rows: MemberRow[] = await this.dataSource.query(`${MEMBERS} ORDER BY p.added_at, u.username`, [campaignId]);
    return rows.map(toDto);
  }

  /** Every active reviewer account, and whether it is in the pool already. */
  async candidates(campaignId: string): Promise<PoolCandidateDto[]> {
    await findCampaign(this.dataSource.manager, campaignId);
    const rows: { id: string; username: string; display_name: string; department_id: string | null; department_name: string | null; in_pool: boolean }[] = await this.dataSource.query(
      `SELECT u.id, u.username, u.display_name, u.department_id, d.name AS department_name,
              EXISTS (SELECT 1 FROM reviewer_pool p WHERE p.campaign_id = $1 AND p.user_id = u.id) AS in_pool
         FROM users u LEFT JOIN departments d ON d.id = u.department_id
        WHERE u.role = 'reviewer' AND u.active ORDER BY u.display_name, u.username`,
      [campaignId],
    );
    return rows.map((r) => ({ userId: r.id, username: r.username, displayName: r.display_name, departmentId: r.department_id, departmentName: r.department_name, inPool: r.in_pool }));
  }

  /** Adds a reviewer to the pool, or changes their entry; the same entry again changes (and audits) nothing. */
  async put(actor: AuthUser, campaignId: string, userId: string, dto: PoolEntryDto): Promise<PoolMemberDto> {
    const campaign = await findCampaign(this.dataSource.manager, campaignId);
    if (campaign.closedAt) throw new DomainError(ErrorCode.CampaignClosed, '本年度工作周期已结束');
    const user = await this.dataSource.manager.findOne(UserEntity, { select: { id: true, departmentId: true }, where: { id: userId, role: Role.Reviewer } });
    if (!user) throw validationFailed([{ field: 'userId', code: 'REVIEWER_UNKNOWN', message: '该用户不存在或不是评查人员账号：请先在“用户管理”中创建角色为评查人员的账号' }]);
    const departmentId = dto.departmentId ?? user.departmentId ?? null;
    if (dto.category === ReviewerCategory.DepartmentOfficer && !departmentId) {
      throw validationFailed([{ field: 'departmentId', code: 'DEPARTMENT_REQUIRED', message: '部门执法人员须填写所在部门（评查时回避本部门案卷）' }]);
    }
    if (departmentId && !(await this.dataSource.manager.existsBy(DepartmentEntity, { id: departmentId }))) {
      throw validationFailed([{ field: 'departmentId', code: 'DEPARTMENT_UNKNOWN', message: '所选部门不存在' }]);
    }
    const organisation = dto.organisation?.trim() || null;
    if (dto.category === ReviewerCategory.Lawyer && !organisation) {
      throw validationFailed([{ field: 'organisation', code: 'ORGANISATION_REQUIRED', message: '律师须填写所在律师事务所' }]);
    }
    await this.dataSource.transaction(async (m) => {
      const [row] = await m.query(
        `INSERT INTO reviewer_pool (campaign_id, user_id, category, department_id, organisation, added_by) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (campaign_id, user_id) DO UPDATE SET category = excluded.category, department_id = excluded.department_id, organisation = excluded.organisation
           WHERE (reviewer_pool.category, reviewer_pool.department_id, reviewer_pool.organisation) IS DISTINCT FROM (excluded.category, excluded.department_id, excluded.organisation)
         RETURNING user_id`,
        [campaignId, userId, dto.category, departmentId, organisation, actor.id],
      );
      if (row) await recordAudit(m, { actorId: actor.id, action: 'reviewer_pool.add', targetType: 'campaign', targetId: campaignId, detail: { userId, category: dto.category, departmentId, organisation } });
    });
    return this.member(campaignId, userId);
  }

  /** Takes a reviewer out of the pool: no new files for them; files already assigned stay theirs. */
  async remove(actor: AuthUser, campaignId: string, userId: string): Promise<PoolMemberDto> {
    await findCampaign(this.dataSource.manager, campaignId);
    const member = await this.member(campaignId, userId);
    await this.dataSource.transaction(async (m) => {
      const [, removed] = await m.query(`DELETE FROM reviewer_pool WHERE campaign_id = $1 AND user_id = $2`, [campaignId, userId]);
      if (removed) await recordAudit(m, { actorId: actor.id, action: 'reviewer_pool.remove', targetType: 'campaign', targetId: campaignId, detail: { userId } });
    });
    return member;
  }

  private async member(campaignId: string, userId: string): Promise<PoolMemberDto> {
    const [row]: MemberRow[] = await this.dataSource.query(`${MEMBERS} AND p.user_id = $2`, [campaignId, userId]);
    if (!row) throw new DomainError(ErrorCode.NotFound, '该评查人员不在本周期的评查人员库中');
    return toDto(row);
  }
}

function toDto(r: MemberRow): PoolMemberDto {
  return {
    userId: r.user_id, username: r.username, displayName: r.display_name, category: r.category, categoryLabel: REVIEWER_CATEGORY_LABELS[r.category],
    departmentId: r.department_id, departmentName: r.department_name, organisation: r.organisation, active: r.active, assigned: r.assigned, addedAt: new Date(r.added_at).toISOString(),
  };
}
