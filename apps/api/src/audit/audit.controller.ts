import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Role, auditActionLabel, auditTargetLabel } from '@rol/domain';
import { Roles } from '../common/decorators';
import { ApiPagedResponse, sendPage } from '../common/paging';
import { IsDateTime, Optional, PageQueryDto, SingleLine } from '../common/validators';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: '起始时间（含）' }) @Optional() @IsDateTime() from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: '截止时间（不含）' }) @Optional() @IsDateTime() to?: string;
  @ApiPropertyOptional({ description: '操作人：姓名或用户名（包含即可）' }) @Optional() @IsString() @MaxLength(100) @SingleLine() actor?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '只看与该年度工作周期有关的操作（周期本身及其任务、自查、意见书、整改事项）' }) @Optional() @IsUUID() campaignId?: string;
  @ApiPropertyOptional({ example: 'task.complete' }) @Optional() @IsString() @MaxLength(100) @SingleLine() action?: string;
  @ApiPropertyOptional({ example: 'task' }) @Optional() @IsString() @MaxLength(50) @SingleLine() targetType?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(100) @SingleLine() targetId?: string;
}

export class AuditEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: '系统（定时器、工作流）自动执行的为空' }) actorId: string | null;
  @ApiProperty({ example: '张三', description: '操作人姓名；系统自动执行的为“系统”' }) actorName: string;
  @ApiProperty({ nullable: true, type: String }) actorUsername: string | null;
  @ApiProperty({ example: 'task.complete' }) action: string;
  @ApiProperty({ example: '报送任务完成情况' }) actionLabel: string;
  @ApiProperty({ example: 'task' }) targetType: string;
  @ApiProperty({ example: '任务' }) targetTypeLabel: string;
  @ApiProperty() targetId: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) detail: Record<string, unknown>;
}

/** Rows that belong to a campaign: the campaign itself and its tasks, self-checks, letters and rectification items. */
const OF_CAMPAIGN = `
  a.target_id IN (
    SELECT $3::text
    UNION ALL SELECT id::text FROM tasks WHERE campaign_id = $3::uuid
    UNION ALL SELECT id::text FROM self_checks WHERE campaign_id = $3::uuid
    UNION ALL SELECT id::text FROM opinion_letters WHERE campaign_id = $3::uuid
    UNION ALL SELECT id::text FROM rectification_items WHERE campaign_id = $3::uuid)`;

/** 操作留痕：谁、何时、对什么、做了什么。 */
@ApiTags('操作日志 audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @ApiOperation({ summary: '操作留痕查询（按时间、操作人、年度工作周期、操作、对象筛选，分页）' })
  @Get()
  @Roles(Role.OfficeAdmin, Role.Operator)
  @ApiPagedResponse(AuditEntryDto)
  async list(@Query() q: AuditQueryDto, @Res({ passthrough: true }) res: Response): Promise<AuditEntryDto[]> {
    const like = (s?: string) => (s ? `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null);
    const where = `
      ($1::timestamptz IS NULL OR a.at >= $1) AND ($2::timestamptz IS NULL OR a.at < $2)
      AND ($3::text IS NULL OR ${OF_CAMPAIGN})
      AND ($4::text IS NULL OR u.display_name ILIKE $4 ESCAPE '\\' OR u.username ILIKE $4 ESCAPE '\\')
      AND ($5::text IS NULL OR a.action = $5) AND ($6::text IS NULL OR a.target_type = $6) AND ($7::text IS NULL OR a.target_id = $7)`;
    const params = [q.from ?? null, q.to ?? null, q.campaignId ?? null, like(q.actor), q.action ?? null, q.targetType ?? null, q.targetId ?? null];
    const from = `FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(`SELECT a.*, u.display_name, u.username ${from} WHERE ${where} ORDER BY a.at DESC, a.id DESC LIMIT $8 OFFSET $9`, [...params, q.limit ?? 100, q.offset ?? 0]) as Promise<
        { id: string; at: Date; actor_id: string | null; action: string; target_type: string; target_id: string; detail: Record<string, unknown>; display_name: string | null; username: string | null }[]
      >,
      this.dataSource.query(`SELECT count(*)::int AS total ${from} WHERE ${where}`, params) as Promise<{ total: number }[]>,
    ]);
    return sendPage(res, {
      total,
      items: rows.map((r) => ({
        id: String(r.id),
        at: new Date(r.at).toISOString(),
        actorId: r.actor_id,
        actorName: r.actor_id ? (r.display_name ?? r.username ?? r.actor_id) : '系统',
        actorUsername: r.username,
        action: r.action,
        actionLabel: auditActionLabel(r.action),
        targetType: r.target_type,
        targetTypeLabel: auditTargetLabel(r.target_type),
        targetId: r.target_id,
        detail: r.detail,
      })),
    });
  }
}
