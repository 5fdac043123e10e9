import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { acknowledgeLetterUpdate, letterWorkflowId, rectificationWorkflowId } from '@rol/contracts';
import {
  DEFAULT_RECTIFICATION_RULES,
  DomainError,
  ErrorCode,
  formatDocumentNumber,
  isOffice,
  ladderSchedule,
  officePlaceholders,
  shanghaiDate,
  validateRectificationRules,
  validationFailed,
  type RectificationRules,
} from '@rol/domain';
import { DepartmentEntity, OpinionItemEntity, enqueueWorkflowStart, loadCalendars, recordAudit } from '@rol/db';
import type { AuthUser } from '../common/auth-user';
import { findCampaign, ownDepartment } from '../common/lookups';
import { requireChanges } from '../common/validators';
import { OfficeSettingsService } from '../office-settings/office-settings.service';
import { WorkflowUpdates } from '../temporal/workflow-updates';
import { checkItemDeadline, resolveDeadline, schedule, type ItemDeadline } from './deadlines';
import { chineseNumeral, renderOpinionLetterDocx } from './opinion-letter.docx';
import type { CampaignLettersQueryDto, MergeItemsDto, OpinionLetterDto, UpdateItemDto, UpdateLetterDto } from './opinions.dto';
import type { Page } from '../common/paging';
import { Clock } from '../common/clock';

interface LetterRow {
  id: string;
  campaign_id: string;
  department_id: string;
  status: 'draft' | 'issued' | 'acknowledged';
  intro: string;
  closing: string;
  document_number: string | null;
  issued_at: Date | null;
  acknowledge_due_at: Date | null;
  objection_due_at: Date | null;
  acknowledged_at: Date | null;
  office: string | null;
  supplements: string | null;
}
interface ItemRow {
  id: string;
  letter_id: string;
  position: number;
  problem: string;
  rule: string;
  action: string;
  deadline: ItemDeadline;
  deadline_at: Date | null;
  finding_ids: string[];
  dropped: boolean;
}

const DEFAULT_ACTION = { verification: '对照自查报送内容逐项核实，如实整改并报送整改情况。', review: '针对该案卷存在的问题举一反三，规范同类案件办理，并报送整改情况。' };

@Injectable()
export class OpinionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly updates: WorkflowUpdates,
    private readonly office: OfficeSettingsService,
    private readonly clock: Clock,
  ) {}

  async rules(campaignId: string, m: EntityManager = this.dataSource.manager): Promise<RectificationRules> {
    return (await findCampaign(m, campaignId)).rectificationRules ?? DEFAULT_RECTIFICATION_RULES;
  }

  /** The office sets the rules of stages 4–5 until the first letter is issued. */
  async replaceRules(actor: AuthUser, campaignId: string, given: RectificationRules): Promise<RectificationRules> {
    const errors = validateRectificationRules(given);
    const rules: RectificationRules = { defaultDeadline: given.defaultDeadline, acknowledgeWithin: given.acknowledgeWithin, objectionWindow: given.objectionWindow, ladder: given.ladder }; // what the rules are, nothing else
    if (errors.length > 0) throw validationFailed(errors);
    await findCampaign(this.dataSource.manager, campaignId);
    await this.dataSource.transaction(async (m) => {
      const [issued] = await m.query(`SELECT 1 FROM opinion_letters WHERE campaign_id = $1 AND status <> 'draft' LIMIT 1`, [campaignId]);
      if (issued) throw new DomainError(ErrorCode.RulesLocked, '已有意见书印发，整改规则不能再修改');
      await m.query(`UPDATE campaigns SET rectification_rules = $2 WHERE id = $1`, [campaignId, JSON.stringify(rules)]);
      await recordAudit(m, { actorId: actor.id, action: 'rectification.rules', targetType: 'campaign', targetId: campaignId, detail: { rules } });
    });
    return rules;
  }

  /**
   * 起草 (answers with the drafts): one draft letter per department with findings, one numbered item per finding not yet in a
   * letter. Running it again adds only new findings. A department whose letter was already issued
   * gets a 补充监督意见书 for the new findings: its own draft (and, once issued, its own 文号) naming
   * the letter it supplements, so that a late finding never waits for nothing.
   */
  async draft(actor: AuthUser, campaignId: string) {
    const rules = await this.rules(campaignId);
    await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('draft-letters:' || $1))`, [campaignId]);
      const findings: Finding[] = await m.query(
        `SELECT f.id, f.department_id, f.source, f.description, f.rule, f.case_file_id, f.points::float AS points, cf.case_number
           FROM findings f LEFT JOIN case_files cf ON cf.id = f.case_file_id
          WHERE f.campaign_id = $1
            AND NOT EXISTS (SELECT 1 FROM opinion_items i JOIN opinion_letters l ON l.id = i.letter_id WHERE l.campaign_id = $1 AND f.id = ANY (i.finding_ids))
          ORDER BY f.department_id, f.created_at, f.source_key`,
        [campaignId],
      );
      for (const group of itemsOf(findings)) {
        const f = group[0];
        const [earlier] = await m.query(
          `SELECT id, document_number FROM opinion_letters WHERE campaign_id = $1 AND department_id = $2 AND status <> 'draft' ORDER BY issued_at DESC LIMIT 1`,
          [campaignId, f.department_id],
        );
        const [letter] = await m.query(
          `INSERT INTO opinion_letters (campaign_id, department_id, status, intro, closing, supplements) VALUES ($1, $2, 'draft', $3, $4, $5)
           ON CONFLICT (campaign_id, department_id) WHERE status = 'draft' DO UPDATE SET status = 'draft' RETURNING id`,
          [campaignId, f.department_id, await this.defaultIntro(m, campaignId, earlier?.document_number), '请你单位自收到本意见书之日起按期整改，并将整改情况书面报送我局。', earlier?.id ?? null],
        );
        const { problem, rule } = itemText(group);
        await m.query(
          `INSERT INTO opinion_items (letter_id, position, problem, rule, action, deadline, finding_ids)
           SELECT $1, coalesce(max(position), 0) + 1, $2, $3, $4, $5, $6::uuid[] FROM opinion_items WHERE letter_id = $1`,
          [letter.id, problem, rule, DEFAULT_ACTION[f.source], JSON.stringify(rules.defaultDeadline), group.map((g) => g.id)],
        );
      }
      await recordAudit(m, { actorId: actor.id, action: 'opinion_letter.draft', targetType: 'campaign', targetId: campaignId, detail: { findings: findings.length } });
    });
    const drafts: LetterRow[] = await this.dataSource.query(`SELECT * FROM opinion_letters WHERE campaign_id = $1 AND status = 'draft' ORDER BY id`, [campaignId]);
    return Promise.all(drafts.map((l) => this.view(l)));
  }

  /** One page of the campaign's letters: drafts first, then by 文号. */
  async list(campaignId: string, q: CampaignLettersQueryDto): Promise<Page<OpinionLetterDto>> {
    await findCampaign(this.dataSource.manager, campaignId);
    const where = `campaign_id = $1 AND ($2::uuid IS NULL OR department_id = $2) AND ($3::text IS NULL OR status = $3)`;
    const params = [campaignId, q.departmentId ?? null, q.status ?? null];
    const [letters, [{ total }]] = await Promise.all([
      this.dataSource.query(`SELECT * FROM opinion_letters WHERE ${where} ORDER BY year NULLS FIRST, sequence NULLS FIRST, id LIMIT $4 OFFSET $5`, [...params, q.limit ?? 100, q.offset ?? 0]) as Promise<LetterRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM opinion_letters WHERE ${where}`, params) as Promise<{ total: number }[]>,
    ]);
    return { items: await Promise.all(letters.map((l) => this.view(l))), total };
  }

  async mine(actor: AuthUser) {
    const letters: LetterRow[] = await this.dataSource.query(`SELECT * FROM opinion_letters WHERE department_id = $1 AND status <> 'draft' ORDER BY issued_at`, [ownDepartment(actor)]);
    return Promise.all(letters.map((l) => this.view(l)));
  }

  async get(actor: AuthUser, id: string) {
    return this.view(await this.visibleLetter(actor, id));
  }

  async updateLetter(actor: AuthUser, id: string, dto: UpdateLetterDto) {
    requireChanges(dto);
    return this.inDraft(actor, id, 'opinion_letter.edit', async (m) => {
      if (dto.intro !== undefined) await m.query(`UPDATE opinion_letters SET intro = $2 WHERE id = $1`, [id, dto.intro]);
      if (dto.closing !== undefined) await m.query(`UPDATE opinion_letters SET closing = $2 WHERE id = $1`, [id, dto.closing]);
    });
  }

  async updateItem(actor: AuthUser, itemId: string, dto: UpdateItemDto) {
    requireChanges(dto);
    if (dto.deadline) checkItemDeadline(dto.deadline, 'deadline');
    const letterId = await this.letterOfItem(itemId);
    return this.inDraft(actor, letterId, 'opinion_item.edit', async (m) => {
      const changes: QueryDeepPartialEntity<OpinionItemEntity> = {};
      if (dto.problem !== undefined) changes.problem = dto.problem;
      if (dto.rule !== undefined) changes.rule = dto.rule;
      if (dto.action !== undefined) changes.action = dto.action;
      if (dto.deadline !== undefined) changes.deadline = { ...dto.deadline };
      await m.update(OpinionItemEntity, { id: itemId, dropped: false }, changes);
    });
  }

  async dropItem(actor: AuthUser, itemId: string) {
    const letterId = await this.letterOfItem(itemId);
    return this.inDraft(actor, letterId, 'opinion_item.drop', async (m) => {
      await m.update(OpinionItemEntity, { id: itemId }, { dropped: true });
    });
  }

  /** 合并: the first item keeps its place and takes the others' findings; the others are dropped. */
  async merge(actor: AuthUser, letterId: string, dto: MergeItemsDto) {
    return this.inDraft(actor, letterId, 'opinion_item.merge', async (m) => {
      const items: ItemRow[] = await m.query(`SELECT * FROM opinion_items WHERE letter_id = $1 AND id = ANY ($2::uuid[]) AND NOT dropped`, [letterId, dto.itemIds]);
      if (items.length !== new Set(dto.itemIds).size) throw validationFailed([{ field: 'itemIds', code: 'ITEM_NOT_IN_LETTER', message: 'itemIds 含不属于本意见书或已删除的条目' }]);
      const [first, ...rest] = dto.itemIds.map((id) => items.find((i) => i.id === id)!);
      await m.update(OpinionItemEntity, { id: first.id }, {
        problem: dto.problem ?? items.map((i) => i.problem).join('；'),
        rule: dto.rule ?? first.rule,
        action: dto.action ?? first.action,
        findingIds: [...new Set(items.flatMap((i) => i.finding_ids))],
      });
      await m.query(`UPDATE opinion_items SET dropped = true WHERE id = ANY ($1::uuid[])`, [rest.map((i) => i.id)]);
    });
  }

  /**
   * 印发: the document number is taken from the office's yearly sequence in the same transaction
   * (the sequence row is locked, so parallel issues queue; a rollback gives the number back: no gaps,
   * no duplicates). Deadlines become absolute; each item becomes a rectification item; the start of
   * the letter's workflow is recorded in the outbox in the same transaction (the worker starts it).
   * Issuing a letter already issued changes nothing and answers with the letter as issued, so a client
   * whose first answer was lost learns its 文号 by retrying.
   */
  async issue(actor: AuthUser, letterId: string) {
    const issuedAtMs = this.clock.now();
    await this.dataSource.transaction(async (m) => {
      const [letter]: LetterRow[] = await m.query(`SELECT * FROM opinion_letters WHERE id = $1 FOR UPDATE`, [letterId]);
      if (!letter) throw new DomainError(ErrorCode.NotFound, '意见书不存在');
      if (letter.status !== 'draft') return; // issued before: answer with it as it is
      const items: ItemRow[] = await m.query(`SELECT * FROM opinion_items WHERE letter_id = $1 AND NOT dropped ORDER BY position`, [letterId]);
      if (items.length === 0) throw validationFailed([{ field: 'items', code: 'LETTER_EMPTY', message: '意见书没有意见条目，不能印发' }]);
      // Everything inside the transaction uses its connection: a second one per request could exhaust the pool.
      const rules = await this.rules(letter.campaign_id, m);
      const office = await this.office.current(m);
      const placeholders = officePlaceholders(office);
      if (placeholders.length) throw new DomainError(ErrorCode.OfficeSettingsPlaceholder, '印发前请先在「本机关设置」中填写本机关的发文机关名称和文号格式（目前仍是示例值）', placeholders);
      const calendars = await loadCalendars(m);
      const deadlines = items.map((i) => resolveDeadline(issuedAtMs, i.deadline, rules.defaultDeadline, calendars));
      deadlines.forEach((d, k) => {
        if (d <= issuedAtMs) throw validationFailed([{ field: `items[${k}].deadline`, code: 'DEADLINE_PAST', message: `第 ${k + 1} 条意见的整改期限已过` }]);
      });
      const acknowledgeDueAt = resolveDeadline(issuedAtMs, null, rules.acknowledgeWithin, calendars);
      const objectionDueAt = resolveDeadline(issuedAtMs, null, rules.objectionWindow, calendars);
      // The ladder of every item must be computable too, before anything is numbered.
      schedule(() => deadlines.forEach((d) => ladderSchedule(rules, d, calendars)));
      const year = Number(shanghaiDate(issuedAtMs).slice(0, 4));
      const [{ last_number: n }] = await m.query(
        `INSERT INTO document_number_sequences (office, year, last_number) VALUES ($1, $2, 1)
         ON CONFLICT (office, year) DO UPDATE SET last_number = document_number_sequences.last_number + 1
         RETURNING last_number`,
        [office.officeName, year],
      );
      const documentNumber = formatDocumentNumber(office.documentNumberFormat, year, n);
      await m.query(
        `UPDATE opinion_letters SET status = 'issued', office = $2, year = $3, sequence = $4, document_number = $5, issued_at = $6, issued_by = $7,
                acknowledge_due_at = $8, objection_due_at = $9 WHERE id = $1`,
        [letterId, office.officeName, year, n, documentNumber, new Date(issuedAtMs), actor.id, new Date(acknowledgeDueAt), new Date(objectionDueAt)],
      );
      for (const [k, item] of items.entries()) {
        await m.query(`UPDATE opinion_items SET position = $2, deadline_at = $3 WHERE id = $1`, [item.id, k + 1, new Date(deadlines[k])]);
        await m.query(
          `INSERT INTO rectification_items (id, campaign_id, department_id, letter_id, status, deadline_at, original_deadline_at, workflow_id)
           VALUES ($1, $2, $3, $4, 'open', $5, $5, $6)`,
          [item.id, letter.campaign_id, letter.department_id, letterId, new Date(deadlines[k]), rectificationWorkflowId(item.id)],
        );
      }
      await enqueueWorkflowStart(m, 'opinion_letter', letterId, letterWorkflowId(letterId));
      await recordAudit(m, { actorId: actor.id, action: 'opinion_letter.issue', targetType: 'opinion_letter', targetId: letterId, detail: { documentNumber, items: items.length } });
    });
    return this.view((await this.dataSource.query(`SELECT * FROM opinion_letters WHERE id = $1`, [letterId]))[0]);
  }

  /** 批量印发: each letter in its own transaction, so one bad letter does not hold the others back. */
  async issueMany(actor: AuthUser, campaignId: string, letterIds?: string[]) {
    await findCampaign(this.dataSource.manager, campaignId);
    const ids: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM opinion_letters WHERE campaign_id = $1 AND status = 'draft' AND ($2::uuid[] IS NULL OR id = ANY ($2::uuid[])) ORDER BY id`,
      [campaignId, letterIds ?? null],
    );
    const results = await Promise.allSettled(ids.map(({ id }) => this.issue(actor, id)));
    return results.map((r, i) =>
      r.status === 'fulfilled' ? { letterId: ids[i].id, documentNumber: r.value.documentNumber } : { letterId: ids[i].id, error: r.reason instanceof DomainError ? { code: r.reason.code, message: r.reason.message } : { code: 'INTERNAL_ERROR', message: '印发失败' } },
    );
  }

  /** 签收 by the department, through the letter's workflow. */
  async acknowledge(actor: AuthUser, id: string, idempotencyKey?: string) {
    const letter = await this.visibleLetter(actor, id);
    const departmentId = ownDepartment(actor);
    if (letter.status === 'acknowledged') throw new DomainError(ErrorCode.LetterAlreadyAcknowledged, '意见书已签收');
    await this.updates.execute(letterWorkflowId(id), acknowledgeLetterUpdate, { departmentId, actorId: actor.id }, {
      whenFinished: () => new DomainError(ErrorCode.LetterAlreadyAcknowledged, '意见书已签收'),
      idempotencyKey,
    });
    return this.get(actor, id);
  }

  async docx(actor: AuthUser, id: string): Promise<{ filename: string; body: Buffer }> {
    const letter = await this.visibleLetter(actor, id);
    if (letter.status === 'draft' && !isOffice(actor.role)) throw new DomainError(ErrorCode.LetterNotIssued, '意见书尚未印发');
    const view = await this.view(letter);
    const office = await this.office.current();
    const body = await renderOpinionLetterDocx({
      officeName: letter.office ?? office.officeName,
      documentNumber: view.documentNumber ?? '（未印发草稿）',
      title: letter.supplements ? '行政执法补充监督意见书' : '行政执法监督意见书',
      departmentName: view.departmentName,
      issuedAt: shanghaiDate(letter.issued_at ? letter.issued_at.getTime() : this.clock.now()),
      intro: letter.intro,
      items: view.items.map((i) => ({ number: i.position, problem: i.problem, rule: i.rule, action: i.action, deadline: i.deadlineAt ? shanghaiDate(new Date(i.deadlineAt).getTime()) : '' })),
      closing: letter.closing,
      contact: office.contact,
    });
    return { filename: `${view.documentNumber ?? '意见书草稿'}.docx`, body };
  }

  private async view(l: LetterRow) {
    const items: ItemRow[] = await this.dataSource.query(`SELECT * FROM opinion_items WHERE letter_id = $1 AND NOT dropped ORDER BY position`, [l.id]);
    const department = await this.dataSource.getRepository(DepartmentEntity).findOneByOrFail({ id: l.department_id });
    const office = await this.office.current();
    return {
      id: l.id,
      campaignId: l.campaign_id,
      departmentId: l.department_id,
      departmentName: department.name,
      status: l.status,
      documentNumber: l.document_number,
      issuedAt: l.issued_at,
      acknowledgeDueAt: l.acknowledge_due_at,
      objectionDueAt: l.objection_due_at,
      acknowledgedAt: l.acknowledged_at,
      intro: l.intro,
      closing: l.closing,
      officeName: l.office ?? office.officeName,
      contact: office.contact,
      supplements: l.supplements ? ((await this.dataSource.query(`SELECT id, document_number AS "documentNumber" FROM opinion_letters WHERE id = $1`, [l.supplements]))[0] ?? null) : null,
      items: items.map((i) => ({ id: i.id, position: i.position, problem: i.problem, rule: i.rule, action: i.action, deadline: i.deadline, deadlineAt: i.deadline_at, findingIds: i.finding_ids })),
    };
  }

  private async inDraft(actor: AuthUser, letterId: string, action: string, work: (m: EntityManager) => Promise<void>) {
    await this.dataSource.transaction(async (m) => {
      const [letter] = await m.query(`SELECT status FROM opinion_letters WHERE id = $1 FOR UPDATE`, [letterId]);
      if (!letter) throw new DomainError(ErrorCode.NotFound, '意见书不存在');
      if (letter.status !== 'draft') throw new DomainError(ErrorCode.LetterNotDraft, '意见书已印发，不能再修改');
      await work(m);
      await recordAudit(m, { actorId: actor.id, action, targetType: 'opinion_letter', targetId: letterId });
    });
    return this.view((await this.dataSource.query(`SELECT * FROM opinion_letters WHERE id = $1`, [letterId]))[0]);
  }

  private async letterOfItem(itemId: string): Promise<string> {
    const item = await this.dataSource.manager.findOne(OpinionItemEntity, { select: { id: true, letterId: true }, where: { id: itemId } });
    if (!item) throw new DomainError(ErrorCode.NotFound, '意见条目不存在');
    return item.letterId;
  }

  private async visibleLetter(actor: AuthUser, id: string): Promise<LetterRow> {
    const [letter]: LetterRow[] = await this.dataSource.query(`SELECT * FROM opinion_letters WHERE id = $1`, [id]);
    if (!letter) throw new DomainError(ErrorCode.NotFound, '意见书不存在');
    if (!isOffice(actor.role) && (letter.department_id !== actor.departmentId || letter.status === 'draft')) {
      throw new DomainError(ErrorCode.ForbiddenDepartment, '不能查看其他部门的意见书');
    }
    return letter;
  }

  private async defaultIntro(m: EntityManager, campaignId: string, supplements?: string): Promise<string> {
    const [c] = await m.query(`SELECT year, title FROM campaigns WHERE id = $1`, [campaignId]);
    if (supplements) return `根据《${c.title}》工作安排，我局于 ${c.year} 年对你单位开展了行政执法监督。在《行政执法监督意见书》（${supplements}）印发后，又发现以下问题，现补充提出监督意见如下：`;
    return `根据《${c.title}》工作安排，我局于 ${c.year} 年对你单位开展了行政执法监督，通过自查核查和案卷评查，发现以下问题，现提出监督意见如下：`;
  }

}

interface Finding {
  id: string;
  department_id: string;
  source: 'verification' | 'review';
  description: string;
  rule: string | null;
  case_file_id: string | null;
  points: number | null;
  case_number: string | null;
}

/** One letter item per case file (its deductions together) and per verification finding, in the order found. */
function itemsOf(findings: Finding[]): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = f.source === 'review' && f.case_file_id ? `file:${f.case_file_id}` : `finding:${f.id}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.values()];
}

/** A file's problems as one item: each with its deduction, and the 依据 of all of them (each once). */
function itemText(group: Finding[]): { problem: string; rule: string } {
  const rules = [...new Set(group.map((f) => f.rule ?? '《行政执法监督条例》及相关规定'))];
  if (group.length === 1) return { problem: group[0].description, rule: rules[0] };
  const prefix = `案卷 ${group[0].case_number}：`;
  const lines = group.map((f, i) => {
    const note = f.description.startsWith(prefix) ? f.description.slice(prefix.length) : f.description;
    return `（${chineseNumeral(i + 1)}）${note}${f.points === null ? '（一票否决）' : `（扣 ${f.points} 分）`}`;
  });
  return { problem: `案卷 ${group[0].case_number} 存在以下问题：\n${lines.join('\n')}`, rule: rules.join('；') };
}
