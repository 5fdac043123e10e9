import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { campaignWorkflowId, executeDrawUpdate } from '@rol/contracts';
import { CASE_TYPE_LABELS, DEFAULT_DRAW_RULES, DomainError, ErrorCode, rulesHash, seedHash, validateDrawRules, validationFailed, type CaseType, type DrawRules } from '@rol/domain';
import { poolReviewers, recordAudit } from '@rol/db';
import type { AuthUser } from '../common/auth-user';
import { findCampaign } from '../common/lookups';
import { WorkflowUpdates } from '../temporal/workflow-updates';
import type { Page } from '../common/paging';
import type { DrawFileDto, DrawFilesQueryDto, DrawReviewerDto, DrawRulesDto } from './draws.dto';

/** How anyone re-runs a draw from what GET /campaigns/:id/draw publishes (also docs/draw-verification.md). */
export const DRAW_PROCEDURE = [
  '1. 抽取前公布 seedHash = SHA-256(seed)；抽取时公布 seed，任何人可核对 SHA-256(seed) 与 seedHash 一致。',
  '2. 候选案卷清单（GET /api/v1/campaigns/{id}/draw/candidates）每行为 部门编码、案号、案卷类别、作出决定日期，以制表符分隔、以换行结尾，按部门编码、案号的字节序排列；candidateHash = SHA-256(整份清单)。',
  '3. rulesHash = SHA-256(规则按 RFC 8785（JCS）规范化的 JSON 的 UTF-8 字节)。候选案卷为作出决定日期在 period 内（起止日均含）、状态属于 statuses（未设置则不限状态）的案卷。',
  '4. 每个案卷的排序键 rankKey = SHA-256(seed 的 64 位十六进制文本、部门编码、案号 三者以换行连接后的 UTF-8 字节)。',
  '5. 每个部门抽取 n = min(候选数, max(min, min(max, round(rate × 候选数)))) 件，round 为按精确小数的四舍五入（0.5 进位：rate 以万分之一计为整数 bp，round = ⌊(bp × 候选数 + 5000) / 10000⌋）：按 rankKey 升序取前 n 件；若 caseTypeCoverage 为 true，先按 rankKey 顺序取每种类别排序最前的一件，再按 rankKey 补足。',
  '6. 评查人员（GET /api/v1/campaigns/{id}/draw/reviewers 公布化名评查人员库、回避与分配）：全部抽中案卷按 rankKey 升序（不分部门）逐卷逐席位分配，排除回避者及已在该卷者，取当前已分配件数最少者；并列时取 SHA-256(seed、“reviewer”、该卷 rankKey、化名 以换行连接) 最小者。化名 = SHA-256(seed、“reviewer-id”、评查人员内部 ID 以换行连接)。',
  '7. 抽取结果（GET /api/v1/campaigns/{id}/draw/result）每行为 部门编码、案号、案卷类别、rankKey，以制表符分隔，按部门编码的字节序、rankKey 升序排列，应与复算结果一致。',
  '8. 仓库脚本 scripts/verify-draw.ts 与 scripts/verify_draw.py（Python 标准库）按以上步骤复算：python3 scripts/verify_draw.py --api <地址> --token <令牌> --campaign <周期ID>；完整规范见 docs/draw-verification.md。',
].join('\n');

@Injectable()
export class DrawsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly updates: WorkflowUpdates,
  ) {}

  /** The office sets the draw's rules; they are frozen when the seed is committed. */
  async configure(actor: AuthUser, campaignId: string, dto: DrawRulesDto) {
    const campaign = await findCampaign(this.dataSource.manager, campaignId);
    const given = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined));
    const rules = { ...DEFAULT_DRAW_RULES, ...given, period: { from: dto.period.from, to: dto.period.to } } as DrawRules;
    const errors = validateDrawRules(rules);
    if (Array.isArray(rules.departmentIds)) {
      const known: { id: string }[] = await this.dataSource.query(
        `SELECT department_id AS id FROM campaign_departments WHERE campaign_id = $1 AND department_id = ANY ($2::uuid[])`,
        [campaignId, rules.departmentIds.filter((d: unknown) => typeof d === 'string' && /^[0-9a-f-]{36}$/i.test(d))],
      );
      const missing = rules.departmentIds.filter((d: unknown) => !known.some((k) => k.id === d));
      if (missing.length > 0) errors.push({ field: 'rules.departmentIds', code: 'DEPARTMENT_NOT_IN_CAMPAIGN', message: `rules.departmentIds 含不属于本周期的部门：${missing.join(', ')}` });
    }
    if (errors.length > 0) throw validationFailed(errors);
    const [standard] = await this.dataSource.query(`SELECT 1 FROM scoring_standards WHERE code = $1 LIMIT 1`, [rules.standardCode]);
    if (!standard) throw validationFailed([{ field: 'rules.standardCode', code: 'STANDARD_UNKNOWN', message: `评查标准 ${rules.standardCode} 不存在` }]);
    if (campaign.closedAt) throw new DomainError(ErrorCode.CampaignClosed, '本年度工作周期已结束');
    await this.dataSource.transaction(async (m) => {
      const [row] = await m.query(
        `INSERT INTO draw_configs (campaign_id, rules, updated_by) VALUES ($1, $2, $3)
         ON CONFLICT (campaign_id) DO UPDATE SET rules = excluded.rules, updated_by = excluded.updated_by, updated_at = now()
           WHERE draw_configs.seed IS NULL
         RETURNING campaign_id`,
        [campaignId, JSON.stringify(rules), actor.id],
      );
      if (!row) throw new DomainError(ErrorCode.DrawSeedCommitted, '抽取种子已公布，抽取规则不能再修改');
      await recordAudit(m, { actorId: actor.id, action: 'draw.configure', targetType: 'campaign', targetId: campaignId, detail: { rules } });
    });
    return this.describe(campaignId);
  }

  /** Commit: a fresh random seed is kept secret, its hash published; the rules freeze. */
  async commit(actor: AuthUser, campaignId: string) {
    await findCampaign(this.dataSource.manager, campaignId);
    const seed = randomBytes(32).toString('hex');
    await this.dataSource.transaction(async (m) => {
      const [config] = await m.query(`SELECT seed FROM draw_configs WHERE campaign_id = $1 FOR UPDATE`, [campaignId]);
      if (!config) throw new DomainError(ErrorCode.DrawNotReady, '请先设置抽取规则');
      if (config.seed) throw new DomainError(ErrorCode.DrawSeedCommitted, '抽取种子已公布，不能更换');
      await m.query(`UPDATE draw_configs SET seed = $2, seed_hash = $3, committed_at = now() WHERE campaign_id = $1`, [campaignId, seed, seedHash(seed)]);
      await recordAudit(m, { actorId: actor.id, action: 'draw.commit', targetType: 'campaign', targetId: campaignId, detail: { seedHash: seedHash(seed) } });
    });
    return this.describe(campaignId);
  }

  /** The draw itself runs in the campaign workflow (once), which answers with counts. */
  async draw(actor: AuthUser, campaignId: string, idempotencyKey?: string) {
    const campaign = await findCampaign(this.dataSource.manager, campaignId);
    if (campaign.closedAt) throw new DomainError(ErrorCode.CampaignClosed, '本年度工作周期已结束');
    const [done] = await this.dataSource.query(`SELECT 1 FROM sample_draws WHERE campaign_id = $1`, [campaignId]);
    if (done) throw new DomainError(ErrorCode.DrawAlreadyDone, '本周期已完成抽取，不能重复抽取');
    const [config] = await this.dataSource.query(`SELECT seed FROM draw_configs WHERE campaign_id = $1`, [campaignId]);
    if (!config?.seed) throw new DomainError(ErrorCode.DrawNotReady, '抽取前须先公布种子的哈希值（commit）');
    if ((await poolReviewers(this.dataSource.manager, campaignId)).length === 0) {
      throw new DomainError(ErrorCode.ReviewerPoolEmpty, '本周期评查人员库中没有可抽取的评查人员：请先在“评查人员库”中添加评查人员，再执行抽取');
    }
    // A province's catalogue takes longer than a request may wait: once the draw has begun (its progress
    // marker is there) the answer is the draw under way, which GET follows; if it has not begun within a
    // few seconds more (no worker), 503 as for any step that did not answer in time.
    await this.updates.execute(campaignWorkflowId(campaignId), executeDrawUpdate, { actorId: actor.id }, { idempotencyKey, whenStillRunning: () => this.untilDrawBegun(campaignId) });
    return this.describe(campaignId);
  }

  private async untilDrawBegun(campaignId: string): Promise<void> {
    for (const until = Date.now() + 3000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
      const [run] = await this.dataSource.query(`SELECT 1 FROM draw_runs WHERE campaign_id = $1`, [campaignId]);
      if (run) return;
    }
    throw new DomainError(ErrorCode.WorkflowUnavailable, '处理超时：抽取可能已被受理，请稍后刷新查看；用相同的 Idempotency-Key 重试不会重复抽取');
  }

  /** How many departments the draw goes through (the campaign's, or those the rules name). */
  private async drawDepartments(campaignId: string): Promise<number> {
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM campaign_departments cd JOIN draw_configs c ON c.campaign_id = cd.campaign_id
        WHERE cd.campaign_id = $1 AND (jsonb_typeof(c.rules->'departmentIds') <> 'array' OR c.rules->'departmentIds' ? cd.department_id::text)`,
      [campaignId],
    );
    return n;
  }

  /** Everything needed to check the draw: before it, the rules and the seed's hash; after, the seed, hashes and result. */
  async describe(campaignId: string) {
    await findCampaign(this.dataSource.manager, campaignId);
    const [config] = await this.dataSource.query(`SELECT rules, seed_hash, committed_at FROM draw_configs WHERE campaign_id = $1`, [campaignId]);
    const [draw] = await this.dataSource.query(`SELECT * FROM sample_draws WHERE campaign_id = $1`, [campaignId]);
    const [run]: { phase: string; departments: number; candidate_count: number; sample_count: number }[] = draw
      ? []
      : await this.dataSource.query(`SELECT phase, departments, candidate_count, sample_count FROM draw_runs WHERE campaign_id = $1`, [campaignId]);
    if (!draw && run && config) {
      return {
        status: 'drawing' as const,
        progress: { departmentsDone: run.departments, departmentsTotal: await this.drawDepartments(campaignId), candidateCount: run.candidate_count, sampleCount: run.sample_count, stage: run.phase === 'selecting' ? ('selecting' as const) : ('assigning' as const) },
        rules: config.rules,
        rulesHash: rulesHash(config.rules),
        seedHash: config.seed_hash,
        committedAt: config.committed_at,
        procedure: DRAW_PROCEDURE,
      };
    }
    if (!draw) {
      return {
        status: !config ? 'not_configured' : config.seed_hash ? 'committed' : 'configured',
        rules: config?.rules ?? null,
        rulesHash: config ? rulesHash(config.rules) : null,
        seedHash: config?.seed_hash ?? null,
        committedAt: config?.committed_at ?? null,
        procedure: DRAW_PROCEDURE,
      };
    }
    return {
      status: 'drawn',
      rules: draw.rules,
      rulesHash: draw.rules_hash,
      seed: draw.seed,
      seedHash: draw.seed_hash,
      candidateCount: draw.candidate_count,
      candidateHash: draw.candidate_hash,
      sampleCount: draw.sample_count,
      committedAt: config?.committed_at ?? null,
      drawnAt: draw.drawn_at,
      procedure: DRAW_PROCEDURE,
    };
  }

  /** The drawn files, one page: department, case, reviewers (by name) and how many sheets are in. */
  async files(campaignId: string, q: DrawFilesQueryDto): Promise<Page<DrawFileDto>> {
    await findCampaign(this.dataSource.manager, campaignId);
    const where = `s.campaign_id = $1 AND ($2::uuid IS NULL OR s.department_id = $2)`;
    const params = [campaignId, q.departmentId ?? null];
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT s.case_file_id, s.department_id, d.code, d.name, cf.case_number, cf.case_type, cf.title, to_char(cf.decision_date, 'YYYY-MM-DD') AS decision_date, s.rank_key,
                coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.display_name) ORDER BY a.slot)
                            FROM review_assignments a JOIN users u ON u.id = a.reviewer_id
                           WHERE a.campaign_id = s.campaign_id AND a.case_file_id = s.case_file_id AND a.active), '[]') AS reviewers,
                (SELECT count(*)::int FROM reviews r WHERE r.campaign_id = s.campaign_id AND r.case_file_id = s.case_file_id AND r.status = 'submitted') AS submitted
           FROM sampled_files s JOIN case_files cf ON cf.id = s.case_file_id JOIN departments d ON d.id = s.department_id
          WHERE ${where} ORDER BY d.code COLLATE "C", s.rank_key LIMIT $3 OFFSET $4`,
        [...params, q.limit ?? 50, q.offset ?? 0],
      ) as Promise<{ case_file_id: string; department_id: string; code: string; name: string; case_number: string; case_type: CaseType; title: string; decision_date: string; rank_key: string; reviewers: DrawReviewerDto[]; submitted: number }[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM sampled_files s WHERE ${where}`, params) as Promise<{ total: number }[]>,
    ]);
    return {
      total,
      items: rows.map((r) => ({
        caseFileId: r.case_file_id, departmentId: r.department_id, departmentCode: r.code, departmentName: r.name, caseNumber: r.case_number,
        caseType: r.case_type, caseTypeLabel: CASE_TYPE_LABELS[r.case_type] ?? r.case_type, title: r.title, decisionDate: r.decision_date,
        rankKey: r.rank_key, reviewers: r.reviewers, submitted: r.submitted,
      })),
    };
  }

  /** The published result, one canonical line per drawn file (部门编码, 案号, 类别, rankKey), in the order of the procedure. */
  async *resultLines(campaignId: string): AsyncGenerator<string> {
    await findCampaign(this.dataSource.manager, campaignId);
    const [draw] = await this.dataSource.query(`SELECT 1 FROM sample_draws WHERE campaign_id = $1`, [campaignId]);
    if (!draw) throw new DomainError(ErrorCode.DrawNotReady, '尚未抽取：抽取结果在抽取后公布');
    const BATCH = 50_000;
    for (let offset = 0; ; offset += BATCH) {
      const rows: { line: string }[] = await this.dataSource.query(
        `SELECT d.code || E'\\t' || cf.case_number || E'\\t' || cf.case_type || E'\\t' || s.rank_key AS line
           FROM sampled_files s JOIN case_files cf ON cf.id = s.case_file_id JOIN departments d ON d.id = s.department_id
          WHERE s.campaign_id = $1 ORDER BY d.code COLLATE "C", s.rank_key LIMIT $2 OFFSET $3`,
        [campaignId, BATCH, offset],
      );
      if (rows.length > 0) yield rows.map((r) => `${r.line}\n`).join('');
      if (rows.length < BATCH) return;
    }
  }

  /** The reviewer half of the proof, frozen at the draw: pseudonymous pool with recusals, and the assignments made. */
  async reviewerProof(campaignId: string): Promise<object> {
    await findCampaign(this.dataSource.manager, campaignId);
    const [draw] = await this.dataSource.query(`SELECT reviewer_proof FROM sample_draws WHERE campaign_id = $1`, [campaignId]);
    if (!draw) throw new DomainError(ErrorCode.DrawNotReady, '尚未抽取：评查人员分配在抽取后公布');
    if (!draw.reviewer_proof) throw new DomainError(ErrorCode.DrawNotReady, '本次抽取早于评查人员分配的公示，没有可复算的评查人员数据');
    return draw.reviewer_proof;
  }

  /** The frozen candidate list, one canonical line per file, streamed in batches. */
  async *candidateLines(campaignId: string): AsyncGenerator<string> {
    await findCampaign(this.dataSource.manager, campaignId);
    const [draw] = await this.dataSource.query(`SELECT candidate_count FROM sample_draws WHERE campaign_id = $1`, [campaignId]);
    if (!draw) throw new DomainError(ErrorCode.DrawNotReady, '尚未抽取：候选清单在抽取时冻结');
    const BATCH = 50_000;
    for (let from = 0; from < draw.candidate_count; from += BATCH) {
      const rows: { line: string }[] = await this.dataSource.query(
        `SELECT department_code || E'\\t' || case_number || E'\\t' || case_type || E'\\t' || to_char(decision_date, 'YYYY-MM-DD') AS line
           FROM draw_candidates WHERE campaign_id = $1 AND ordinal > $2 AND ordinal <= $3 ORDER BY ordinal`,
        [campaignId, from, from + BATCH],
      );
      yield rows.map((r) => `${r.line}\n`).join('');
    }
  }

}
