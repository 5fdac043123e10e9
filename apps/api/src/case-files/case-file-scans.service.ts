import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CASE_TYPE_LABELS, DomainError, ErrorCode, Role, SCAN_MEDIA_TYPES, SCAN_TYPES_TEXT, isOffice, scanViewer, validationFailed, type CaseType, type FieldError } from '@rol/domain';
import { recordAudit } from '@rol/db';
import type { AuthUser } from '../common/auth-user';
import { ownDepartment } from '../common/lookups';
import type { DrawnFileDto, ScanDto } from './case-file-scans.dto';

type ScanRow = { case_file_id: string; attachment_id: string; file_name: string; media_type: string; size_bytes: string; sha256: string; added_at: Date };

const SCANS = `
  SELECT s.case_file_id, s.attachment_id, at.file_name, at.media_type, at.size_bytes, at.sha256, s.added_at
    FROM case_file_scans s JOIN attachments at ON at.id = s.attachment_id`;

/**
 * 电子卷宗: after the draw a department uploads the scans of its drawn files; the file's assigned
 * reviewers and the office read them. Nobody else does: another department is refused.
 */
@Injectable()
export class CaseFileScansService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The caller's department's drawn files (newest campaign first), each with its scans. */
  async drawnFiles(actor: AuthUser, campaignId?: string): Promise<DrawnFileDto[]> {
    const departmentId = ownDepartment(actor, '查看抽中案卷');
    const files: { campaign_id: string; campaign_title: string; case_file_id: string; case_number: string; case_type: CaseType; title: string; decision_date: string; review_closes_at: string | null }[] = await this.dataSource.query(
      `SELECT sf.campaign_id, c.title AS campaign_title, cf.id AS case_file_id, cf.case_number, cf.case_type, cf.title,
              to_char(cf.decision_date, 'YYYY-MM-DD') AS decision_date, c.calendar->>'reviewClosesAt' AS review_closes_at
         FROM sampled_files sf JOIN case_files cf ON cf.id = sf.case_file_id JOIN campaigns c ON c.id = sf.campaign_id
        WHERE sf.department_id = $1 AND ($2::uuid IS NULL OR sf.campaign_id = $2)
        ORDER BY c.year DESC, cf.case_number COLLATE "C"`,
      [departmentId, campaignId ?? null],
    );
    const scans = await this.scansOf(this.dataSource.manager, files.map((f) => f.case_file_id));
    return files.map((f) => ({
      campaignId: f.campaign_id, campaignTitle: f.campaign_title, caseFileId: f.case_file_id, caseNumber: f.case_number, caseType: f.case_type,
      caseTypeLabel: CASE_TYPE_LABELS[f.case_type] ?? f.case_type, title: f.title, decisionDate: f.decision_date, reviewClosesAt: f.review_closes_at,
      scans: scans.get(f.case_file_id) ?? [],
    }));
  }

  /** A drawn file's scans, for its department, its assigned reviewers and the office. */
  async list(actor: AuthUser, caseFileId: string): Promise<ScanDto[]> {
    const file = await this.caseFile(this.dataSource.manager, caseFileId);
    if (actor.role === Role.DepartmentUser) {
      if (file.department_id !== actor.departmentId) throw new DomainError(ErrorCode.ForbiddenDepartment, '该案卷属于其他部门，无权查看');
    } else if (actor.role === Role.Reviewer) {
      const [assigned] = await this.dataSource.query(`SELECT 1 FROM review_assignments WHERE case_file_id = $1 AND reviewer_id = $2 AND active`, [caseFileId, actor.id]);
      if (!assigned) throw new DomainError(ErrorCode.NotAssigned, '该案卷未分配给您评查，不能查看其电子卷宗');
    } else if (!isOffice(actor.role)) {
      throw new DomainError(ErrorCode.Forbidden, '无权查看电子卷宗');
    }
    return (await this.scansOf(this.dataSource.manager, [caseFileId])).get(caseFileId) ?? [];
  }

  /** The department replaces a drawn file's scans with the attachments it uploaded (PDF, OFD, images), in order. */
  async replace(actor: AuthUser, caseFileId: string, attachmentIds: string[]): Promise<ScanDto[]> {
    const departmentId = ownDepartment(actor, '上传电子卷宗');
    return this.dataSource.transaction(async (m) => {
      const file = await this.caseFile(m, caseFileId, true);
      if (file.department_id !== departmentId) throw new DomainError(ErrorCode.ForbiddenDepartment, '该案卷属于其他部门，不能上传其电子卷宗');
      const [drawn] = await m.query(`SELECT 1 FROM sampled_files WHERE case_file_id = $1 LIMIT 1`, [caseFileId]);
      if (!drawn) throw new DomainError(ErrorCode.CaseFileNotDrawn, '该案卷未被抽中：只需为抽中的案卷上传电子卷宗');
      const rows: { id: string; department_id: string | null; media_type: string; file_name: string }[] = attachmentIds.length
        ? await m.query(`SELECT id, department_id, media_type, file_name FROM attachments WHERE id = ANY ($1::uuid[])`, [attachmentIds])
        : [];
      const byId = new Map(rows.map((r) => [r.id, r]));
      const errors: FieldError[] = [];
      attachmentIds.forEach((id, i) => {
        const row = byId.get(id);
        const field = `attachmentIds[${i}]`;
        if (attachmentIds.indexOf(id) !== i) errors.push({ field, code: 'SCAN_DUPLICATED', message: `第 ${i + 1} 个文件与前面的重复` });
        else if (!row || row.department_id !== departmentId) errors.push({ field, code: 'ATTACHMENT_NOT_FOUND', message: `第 ${i + 1} 个文件不存在或不是本部门上传的，请重新上传` });
        else if (!SCAN_MEDIA_TYPES.includes(row.media_type)) errors.push({ field, code: 'SCAN_TYPE_NOT_ALLOWED', message: `「${row.file_name}」不是扫描件：电子卷宗只收 ${SCAN_TYPES_TEXT}` });
      });
      if (errors.length) throw validationFailed(errors);
      const before: { attachment_id: string }[] = await m.query(`SELECT attachment_id FROM case_file_scans WHERE case_file_id = $1 ORDER BY position`, [caseFileId]);
      if (before.map((b) => b.attachment_id).join() !== attachmentIds.join()) {
        // A submitted sheet was scored on these scans: they stay as they were (a returned sheet frees them).
        const [scored] = await m.query(`SELECT 1 FROM reviews WHERE case_file_id = $1 AND status = 'submitted' LIMIT 1`, [caseFileId]);
        if (scored) throw new DomainError(ErrorCode.ScansLocked, '已有评查人员提交了该案卷的评查表，电子卷宗不能再更换；确需更换的，请联系监督科将评查表退回复核后再上传');
        await m.query(`DELETE FROM case_file_scans WHERE case_file_id = $1`, [caseFileId]);
        if (attachmentIds.length) {
          await m.query(
            `INSERT INTO case_file_scans (case_file_id, attachment_id, position, added_by) SELECT $1, id, ord, $3 FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ord)`,
            [caseFileId, attachmentIds, actor.id],
          );
        }
        await recordAudit(m, { actorId: actor.id, action: 'case_file.scans', targetType: 'case_file', targetId: caseFileId, detail: { attachmentIds, before: before.map((b) => b.attachment_id) } });
      }
      return (await this.scansOf(m, [caseFileId])).get(caseFileId) ?? [];
    });
  }

  private async caseFile(m: EntityManager, id: string, forUpdate = false): Promise<{ id: string; department_id: string }> {
    const [file] = await m.query(`SELECT id, department_id FROM case_files WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    if (!file) throw new DomainError(ErrorCode.NotFound, '案卷不存在');
    return file;
  }

  private async scansOf(m: EntityManager, caseFileIds: string[]): Promise<Map<string, ScanDto[]>> {
    const byFile = new Map<string, ScanDto[]>();
    if (caseFileIds.length === 0) return byFile;
    const rows: ScanRow[] = await m.query(`${SCANS} WHERE s.case_file_id = ANY ($1::uuid[]) ORDER BY s.case_file_id, s.position`, [caseFileIds]);
    for (const r of rows) {
      const list = byFile.get(r.case_file_id) ?? [];
      list.push({
        attachmentId: r.attachment_id, fileName: r.file_name, mediaType: r.media_type, sizeBytes: Number(r.size_bytes), sha256: r.sha256,
        viewer: scanViewer(r.media_type), url: `/api/v1/attachments/${r.attachment_id}/content`, addedAt: new Date(r.added_at).toISOString(),
      });
      byFile.set(r.case_file_id, list);
    }
    return byFile;
  }
}
