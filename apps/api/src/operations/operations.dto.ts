import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Phase } from '@rol/domain';
import { Optional, SingleLine } from '../common/validators';
import { WORKFLOW_TYPES } from './workflow-summaries';

/** Temporal's ExecutionStatus values, as visibility queries spell them. */
export const EXECUTION_STATUSES = ['Running', 'Completed', 'Failed', 'Canceled', 'Terminated', 'ContinuedAsNew', 'TimedOut'] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];
export const EXECUTION_STATUS_LABELS: Record<ExecutionStatus, string> = {
  Running: '运行中',
  Completed: '已完成',
  Failed: '失败',
  Canceled: '已取消',
  Terminated: '已终止',
  ContinuedAsNew: '已续接新运行',
  TimedOut: '已超时',
};
const PHASES = Object.values(Phase);

/** The filters every operations list takes (all optional; combined with AND). */
export class WorkflowFilterDto {
  @ApiPropertyOptional({ format: 'uuid', description: '年度工作周期' }) @Optional() @IsUUID() campaignId?: string;
  @ApiPropertyOptional({ minimum: 2000, maximum: 2100, description: '年度' }) @Optional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  @ApiPropertyOptional({ enum: PHASES, description: '阶段（搜索属性 Phase）' }) @Optional() @IsIn(PHASES) phase?: Phase;
  @ApiPropertyOptional({ format: 'uuid', description: '部门' }) @Optional() @IsUUID() departmentId?: string;
  @ApiPropertyOptional({ enum: EXECUTION_STATUSES, description: 'Temporal 执行状态' }) @Optional() @IsIn(EXECUTION_STATUSES) executionStatus?: ExecutionStatus;
  @ApiPropertyOptional({ example: 'reported', description: '业务状态（搜索属性 Status，如整改事项的状态）' })
  @Optional() @IsString() @Matches(/^[a-z][a-z0-9_]{0,49}$/) status?: string;
  @ApiPropertyOptional({ enum: WORKFLOW_TYPES, description: '流程类型' }) @Optional() @IsIn(WORKFLOW_TYPES) workflowType?: string;
}

export class WorkflowListQueryDto extends WorkflowFilterDto {
  @ApiPropertyOptional({ description: '只看自报故障的流程（搜索属性 Failing）' })
  @Optional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean() failing?: boolean;
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200, description: '每页条数' }) @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize?: number;
  @ApiPropertyOptional({ description: '下一页：上一页返回的 nextPageToken' }) @Optional() @IsString() @MaxLength(4000) @Matches(/^[A-Za-z0-9_-]+$/) pageToken?: string;
}

export class ScanQueryDto extends WorkflowFilterDto {
  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 200, description: '本次检查的运行中流程数（逐个查询其待办步骤）' }) @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize?: number;
  @ApiPropertyOptional({ description: '继续检查：上一次返回的 nextPageToken' }) @Optional() @IsString() @MaxLength(4000) @Matches(/^[A-Za-z0-9_-]+$/) pageToken?: string;
}

export class StuckQueryDto extends ScanQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 2592000, description: '多久没有进展算停滞（秒）；默认取 OPERATIONS_STUCK_AFTER_SECONDS' }) @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(2592000) afterSeconds?: number;
}

export class WorkflowRowDto {
  @ApiProperty({ example: 'campaign-…-department-…' }) workflowId: string;
  @ApiProperty() runId: string;
  @ApiProperty({ example: 'departmentWorkflow' }) workflowType: string;
  @ApiProperty({ example: '部门任务与自查' }) workflowTypeLabel: string;
  @ApiProperty({ nullable: true, type: String, example: '2026年度 · 市场监管局', description: '人能读懂的摘要：流程启动时的摘要，否则按流程 ID 从数据库得出（部门、年度、文号、事项）' }) summary: string | null;
  @ApiProperty({ enum: EXECUTION_STATUSES }) executionStatus: ExecutionStatus;
  @ApiProperty({ example: '运行中' }) executionStatusLabel: string;
  @ApiProperty({ nullable: true, type: String, example: 'priorities', description: '阶段（搜索属性 Phase）' }) phase: string | null;
  @ApiProperty({ nullable: true, type: String, example: '工作要点落实' }) phaseLabel: string | null;
  @ApiProperty({ nullable: true, type: String, description: '业务状态（搜索属性 Status）' }) status: string | null;
  @ApiProperty({ description: '流程自报故障（搜索属性 Failing）' }) failing: boolean;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt: string | null;
  @ApiProperty({ description: '历史事件数' }) historyLength: number;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) campaignId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) departmentId: string | null;
  @ApiProperty({ nullable: true, type: String, description: '在 Temporal Web UI 中查看（未配置 TEMPORAL_UI_URL 时为空）' }) temporalUiUrl: string | null;
}

export class WorkflowPageDto {
  @ApiProperty({ type: [WorkflowRowDto] }) items: WorkflowRowDto[];
  @ApiProperty({ nullable: true, type: String, description: '还有下一页时：下一页的 pageToken' }) nextPageToken: string | null;
}

export class TroubleDto {
  @ApiProperty({ enum: ['workflow', 'pending_activity'], description: 'workflow：流程自报（已停止自动重试，等待处理）；pending_activity：Temporal 仍在自动重试的步骤' }) source: 'workflow' | 'pending_activity';
  @ApiProperty({ example: 'createDepartmentTasks' }) activityType: string;
  @ApiProperty({ example: '生成部门任务' }) activityLabel: string;
  @ApiProperty({ nullable: true, type: String, description: 'Temporal 中的步骤 ID（立即重试按它重置）' }) activityId: string | null;
  @ApiProperty({ description: '已尝试次数' }) attempts: number;
  @ApiProperty({ nullable: true, type: String, example: '部门任务暂停写入', description: '最近一次错误（错误信息，不含堆栈）' }) error: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: '从何时起：流程自报时为其停止重试、等待处理的时间；否则为该步骤开始执行（第一次尝试）的时间' }) since: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: '最近一次失败的时间' }) lastFailedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Temporal 下一次自动重试的时间（正在尝试时为空）' }) nextAttemptAt: string | null;
}

export class FailingWorkflowDto extends WorkflowRowDto {
  @ApiProperty({ type: [TroubleDto] }) troubles: TroubleDto[];
}

export class StuckReasonDto {
  @ApiProperty({ enum: ['workflow_task_waiting', 'workflow_task_running', 'activity_waiting', 'activity_running', 'activity_paused'] }) kind: string;
  @ApiProperty({ example: '步骤无人领取（没有工作进程在运行，或工作进程忙不过来）' }) kindLabel: string;
  @ApiProperty({ nullable: true, type: String }) activityType: string | null;
  @ApiProperty({ nullable: true, type: String, example: '生成部门任务' }) activityLabel: string | null;
  @ApiProperty({ format: 'date-time', description: '从何时起没有进展' }) since: string;
}

export class StuckWorkflowDto extends WorkflowRowDto {
  @ApiProperty({ type: [StuckReasonDto] }) reasons: StuckReasonDto[];
}

export class FailingPageDto {
  @ApiProperty({ type: [FailingWorkflowDto] }) items: FailingWorkflowDto[];
  @ApiProperty({ description: '本次检查了多少个运行中的流程' }) scanned: number;
  @ApiProperty({ description: '失败判定：待办步骤已尝试超过此次数' }) afterAttempts: number;
  @ApiProperty({ nullable: true, type: String, description: '还有未检查的运行中流程时：继续检查用的 pageToken' }) nextPageToken: string | null;
}

export class StuckPageDto {
  @ApiProperty({ type: [StuckWorkflowDto] }) items: StuckWorkflowDto[];
  @ApiProperty() scanned: number;
  @ApiProperty({ description: '停滞判定：超过此秒数没有进展' }) afterSeconds: number;
  @ApiProperty({ nullable: true, type: String }) nextPageToken: string | null;
}

export class StageCountDto {
  @ApiProperty() workflowType: string;
  @ApiProperty() workflowTypeLabel: string;
  @ApiProperty({ nullable: true, type: String, description: '阶段；为空：未标阶段的流程' }) phase: string | null;
  @ApiProperty({ example: '工作要点落实' }) phaseLabel: string;
  @ApiProperty() running: number;
  @ApiProperty() completed: number;
  @ApiProperty() failed: number;
  @ApiProperty() canceled: number;
  @ApiProperty() terminated: number;
  @ApiProperty({ description: '超时、续接新运行等其他状态' }) other: number;
}

export class PollerDto {
  @ApiProperty({ example: '12345@host' }) identity: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastAccessAt: string | null;
}

export class QueueHealthDto {
  @ApiProperty({ enum: ['workflow', 'activity'] }) kind: 'workflow' | 'activity';
  @ApiProperty({ example: '流程任务' }) kindLabel: string;
  @ApiProperty() taskQueue: string;
  @ApiProperty({ type: [PollerDto], description: '正在领取任务的工作进程' }) pollers: PollerDto[];
  @ApiProperty({ description: '积压任务数（近似）' }) backlogCount: number;
  @ApiProperty({ description: '最早一个积压任务已等待的秒数（近似）：即此刻的调度到开始延迟（schedule-to-start）' }) backlogAgeSeconds: number;
  @ApiProperty({ description: '近 30 秒每秒新增任务数' }) addRate: number;
  @ApiProperty({ description: '近 30 秒每秒分发任务数' }) dispatchRate: number;
}

export class WorkerHealthDto {
  @ApiProperty({ type: [QueueHealthDto] }) queues: QueueHealthDto[];
  @ApiProperty({ format: 'date-time' }) checkedAt: string;
}

export class OperatorActionDto {
  @ApiProperty({ minLength: 1, maxLength: 500, example: '数据库触发器已移除，重新执行', description: '操作理由（必填，记入审计日志）' })
  @IsString() @MinLength(1) @MaxLength(500) @SingleLine() @Matches(/\S/) reason: string;
}

export class ResetActionDto extends OperatorActionDto {
  @ApiPropertyOptional({ minimum: 1, description: '重置到哪个“流程任务完成”事件（事件 ID）；不填：最近一次完成的流程任务' })
  @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER) eventId?: number;
}

export class ActionResultDto {
  @ApiProperty({ enum: ['retry', 'cancel', 'terminate', 'reset'] }) action: string;
  @ApiProperty({ example: '已立即重试 createDepartmentTasks' }) message: string;
  @ApiProperty() workflowId: string;
  @ApiProperty({ description: '操作后的运行 ID（重置会开始新的运行）' }) runId: string;
  @ApiProperty({ description: '同一 Idempotency-Key 的重复提交：返回第一次的结果，不再办理' }) repeated: boolean;
}
