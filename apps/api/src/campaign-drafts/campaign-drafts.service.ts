import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { prepareNextCampaignWorkflowId, summaries, type PrepareNextCampaignResult } from '@rol/contracts';
import { DomainError, ErrorCode, validationFailed, type CampaignDraftBody, type SelfCheckTemplate } from '@rol/domain';
import { recordAudit } from '@rol/db';
import type { AuthUser } from '../common/auth-user';
import { ApiConfig } from '../common/api-config';
import { isTemporalUnavailable } from '../common/unavailable';
import { flattenValidationErrors } from '../common/validation';
import { CreateCampaignDto, type CampaignStatusDto } from '../campaigns/campaigns.dto';
import { CampaignsService } from '../campaigns/campaigns.service';
import { DRAFT_STATUS_LABELS, type CampaignDraftDto, type DraftCopyDto } from './campaign-drafts.dto';

interface DraftRow {
  year: number;
  source_campaign_id: string;
  source_year: number;
  body: CampaignDraftBody;
  prepared_at: Date;
  confirmed_campaign_id: string | null;
  discarded_at: Date | null;
}

const DRAFT_VIEW = `SELECT d.*, c.year AS source_year FROM campaign_drafts d JOIN campaigns c ON c.id = d.source_campaign_id`;
/** How long "prepare now" waits for its workflow (one short transaction). */
const PREPARE_WAIT_MS = 15_000;

/**
 * 下一年度工作周期草稿: prepared by the yearly schedule (or "prepare now", the same workflow),
 * edited by the office, then confirmed — launched through the same code as POST /campaigns, in one
 * transaction with what it copies — or discarded.
 */
@Injectable()
export class CampaignDraftsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly config: ApiConfig,
    private readonly campaigns: CampaignsService,
  ) {}

  async list(): Promise<CampaignDraftDto[]> {
    const rows: DraftRow[] = await this.dataSource.query(`${DRAFT_VIEW} ORDER BY d.year DESC`);
    return rows.map(toDto);
  }

  async get(year: number): Promise<CampaignDraftDto> {
    return toDto(await this.find(this.dataSource.manager, year));
  }

  /** Runs the schedule's workflow now (same workflow, same activity): the draft is written by it, once. */
  async prepare(): Promise<CampaignDraftDto> {
    const { taskQueue } = this.config.value.temporal;
    let result: PrepareNextCampaignResult;
    try {
      result = await this.temporal.withDeadline(Date.now() + PREPARE_WAIT_MS, () =>
        this.temporal.workflow.execute('prepareNextCampaignWorkflow', { taskQueue, workflowId: prepareNextCampaignWorkflowId(taskQueue), workflowIdConflictPolicy: 'USE_EXISTING', args: [], staticSummary: summaries.prepareNextCampaign() }),
      );
    } catch (err) {
      if (isTemporalUnavailable(err)) throw new DomainError(ErrorCode.WorkflowUnavailable, '工作流服务暂时无法访问，请稍后重试');
      throw new DomainError(ErrorCode.WorkflowUnavailable, '草稿正在准备中，请稍后刷新查看');
    }
    if (result.year === null) throw new DomainError(ErrorCode.NoCampaignToCopy, '还没有年度工作周期可供复制：请先发布一个年度工作周期');
    return this.get(result.year);
  }

  async edit(actor: AuthUser, year: number, dto: CreateCampaignDto): Promise<CampaignDraftDto> {
    if (dto.year !== year) throw validationFailed([{ field: 'year', code: 'DRAFT_YEAR_FIXED', message: `year 须为草稿的年度 ${year}；其他年度请直接发布` }]);
    this.campaigns.checkDates(dto);
    await this.dataSource.transaction(async (m) => {
      const draft = await this.pending(m, year);
      const body: CampaignDraftBody = { ...draft.body, launch: JSON.parse(JSON.stringify(dto)) };
      const changed: unknown[] = await m.query(`UPDATE campaign_drafts SET body = $2 WHERE year = $1 AND body IS DISTINCT FROM $2::jsonb RETURNING year`, [year, JSON.stringify(body)]);
      if (changed.length > 0) await recordAudit(m, { actorId: actor.id, action: 'campaign_draft.edit', targetType: 'campaign_draft', targetId: String(year), detail: { year, title: dto.title, priorities: dto.priorities.map((p) => p.code) } });
    });
    return this.get(year);
  }

  /** Launches the campaign from the draft (the POST /campaigns code) and copies its starting points, in one transaction. */
  async confirm(actor: AuthUser, year: number): Promise<CampaignStatusDto> {
    const campaignId = await this.dataSource.transaction(async (m) => {
      const draft = await this.find(m, year, true);
      if (draft.confirmed_campaign_id) return draft.confirmed_campaign_id; // confirmed already (a retry): the same campaign
      if (draft.discarded_at) throw new DomainError(ErrorCode.CampaignDraftSettled, `${year} 年度草稿已放弃，不能再确认；如需发布请新建年度工作周期`);
      const dto = plainToInstance(CreateCampaignDto, draft.body.launch);
      const errors = flattenValidationErrors(await validate(dto, { whitelist: true, forbidNonWhitelisted: true }));
      if (errors.length > 0) throw validationFailed(errors);
      const { copy } = draft.body;
      const campaign = await this.campaigns.launchIn(m, actor, dto, { indicatorTreeId: copy.indicatorTree?.id });
      if (copy.selfCheckTemplate) await m.query(`UPDATE self_check_templates SET template = $2 WHERE campaign_id = $1`, [campaign.id, JSON.stringify(copy.selfCheckTemplate)]);
      if (copy.rectificationRules) await m.query(`UPDATE campaigns SET rectification_rules = $2 WHERE id = $1`, [campaign.id, JSON.stringify(copy.rectificationRules)]);
      if (copy.drawRules) await m.query(`INSERT INTO draw_configs (campaign_id, rules, updated_by) VALUES ($1, $2, $3)`, [campaign.id, JSON.stringify(copy.drawRules), actor.id]);
      await m.query(`UPDATE campaign_drafts SET confirmed_campaign_id = $2 WHERE year = $1`, [year, campaign.id]);
      await recordAudit(m, { actorId: actor.id, action: 'campaign_draft.confirm', targetType: 'campaign_draft', targetId: String(year), detail: { year, campaignId: campaign.id } });
      return campaign.id;
    });
    return this.campaigns.status(campaignId);
  }

  async discard(actor: AuthUser, year: number): Promise<CampaignDraftDto> {
    await this.dataSource.transaction(async (m) => {
      const draft = await this.find(m, year, true);
      if (draft.discarded_at) return; // discarded already: nothing more to record
      if (draft.confirmed_campaign_id) throw new DomainError(ErrorCode.CampaignDraftSettled, `${year} 年度草稿已确认发布，不能放弃`);
      await m.query(`UPDATE campaign_drafts SET discarded_at = now() WHERE year = $1`, [year]);
      await recordAudit(m, { actorId: actor.id, action: 'campaign_draft.discard', targetType: 'campaign_draft', targetId: String(year), detail: { year } });
    });
    return this.get(year);
  }

  private async find(m: EntityManager, year: number, lock = false): Promise<DraftRow> {
    const [row]: DraftRow[] = await m.query(`${DRAFT_VIEW} WHERE d.year = $1${lock ? ' FOR UPDATE OF d' : ''}`, [year]);
    if (!row) throw new DomainError(ErrorCode.NotFound, `没有 ${year} 年度的工作周期草稿`);
    return row;
  }

  private async pending(m: EntityManager, year: number): Promise<DraftRow> {
    const draft = await this.find(m, year, true);
    if (draft.confirmed_campaign_id) throw new DomainError(ErrorCode.CampaignDraftSettled, `${year} 年度草稿已确认发布，不能再修改；请到该年度工作周期中调整`);
    if (draft.discarded_at) throw new DomainError(ErrorCode.CampaignDraftSettled, `${year} 年度草稿已放弃，不能再修改`);
    return draft;
  }
}

function toDto(r: DraftRow): CampaignDraftDto {
  const status = r.confirmed_campaign_id ? 'confirmed' : r.discarded_at ? 'discarded' : 'pending';
  return {
    year: r.year,
    sourceCampaignId: r.source_campaign_id,
    sourceYear: r.source_year,
    status,
    statusLabel: DRAFT_STATUS_LABELS[status],
    preparedAt: r.prepared_at,
    confirmedCampaignId: r.confirmed_campaign_id,
    discardedAt: r.discarded_at,
    launch: r.body.launch as CreateCampaignDto,
    copies: describeCopies(r.body, r.source_year),
  };
}

/** What confirming copies, as the office reads it. */
function describeCopies({ copy }: CampaignDraftBody, sourceYear: number): DraftCopyDto[] {
  const template = copy.selfCheckTemplate as SelfCheckTemplate | null;
  const items = template?.sections?.reduce((n, s) => n + (s.items?.length ?? 0), 0) ?? 0;
  const draw = copy.drawRules as { rate?: number; min?: number; max?: number; period?: { from: string; to: string } } | null;
  return [
    { label: '自查表', detail: template ? `沿用 ${sourceYear} 年度的自查表（共 ${items} 项）` : '使用默认自查表' },
    { label: '整改规则', detail: copy.rectificationRules ? `沿用 ${sourceYear} 年度的整改规则（整改期限、签收期限、催办阶梯）` : '使用默认整改规则' },
    {
      label: '抽查规则',
      detail: draw
        ? `沿用 ${sourceYear} 年度的抽查规则：抽取比例 ${Math.round((draw.rate ?? 0) * 1000) / 10}%，每部门 ${draw.min}–${draw.max} 卷${draw.period ? `，案卷决定日期 ${draw.period.from} 至 ${draw.period.to}` : ''}；随机种子须重新承诺`
        : `${sourceYear} 年度未设置抽查规则，发布后另行设置`,
    },
    { label: '评查标准', detail: copy.scoringStandard ? `${copy.scoringStandard.name}（第 ${copy.scoringStandard.version} 版）` : '使用默认评查标准' },
    { label: '指标体系', detail: copy.indicatorTree ? `${copy.indicatorTree.name}（第 ${copy.indicatorTree.version} 版）` : '使用最新的指标体系' },
  ];
}
