import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, IdempotencyKey, Roles } from '../common/decorators';
import { TextParam } from '../common/validators';
import {
  ActionResultDto,
  FailingPageDto,
  OperatorActionDto,
  ResetActionDto,
  ScanQueryDto,
  StageCountDto,
  StuckPageDto,
  StuckQueryDto,
  WorkerHealthDto,
  WorkflowFilterDto,
  WorkflowListQueryDto,
  WorkflowPageDto,
} from './operations.dto';
import { OperationsService } from './operations.service';

/**
 * 运行监控: the operators' console over Temporal and the database. Operators only: the page shows
 * internal workflow ids and raw errors, and its actions change running workflows; the office sees
 * each item's state on its own pages and the operators' actions in 审计日志.
 */
@ApiTags('运行监控 operations')
@ApiBearerAuth()
@Controller('operations')
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  @ApiOperation({ summary: '流程列表：按年度工作周期、阶段、部门、状态筛选（Temporal 可见性查询，按 nextPageToken 翻页）' })
  @Get('workflows')
  @ApiOkResponse({ type: WorkflowPageDto })
  @Roles(Role.Operator)
  list(@Query() q: WorkflowListQueryDto): Promise<WorkflowPageDto> {
    return this.operations.list(q);
  }

  @ApiOperation({ summary: '异常（失败）流程：自报故障的，以及待办步骤已尝试超过 N 次的运行中流程，附最近一次错误' })
  @Get('failing')
  @ApiOkResponse({ type: FailingPageDto })
  @Roles(Role.Operator)
  failing(@Query() q: ScanQueryDto): Promise<FailingPageDto> {
    return this.operations.failing(q);
  }

  @ApiOperation({ summary: '停滞流程：已交给工作进程的任务超过设定时间没有进展（无人领取、执行过久无心跳、被暂停）' })
  @Get('stuck')
  @ApiOkResponse({ type: StuckPageDto })
  @Roles(Role.Operator)
  stuck(@Query() q: StuckQueryDto): Promise<StuckPageDto> {
    return this.operations.stuck(q);
  }

  @ApiOperation({ summary: '各阶段统计：按流程类型和阶段统计运行中、已完成、失败、已取消、已终止的流程数' })
  @Get('counts')
  @ApiOkResponse({ type: [StageCountDto] })
  @Roles(Role.Operator)
  counts(@Query() q: WorkflowFilterDto): Promise<StageCountDto[]> {
    return this.operations.counts(q);
  }

  @ApiOperation({ summary: '工作进程与队列：正在领取任务的工作进程、积压任务数与等待时长（调度到开始延迟）' })
  @Get('workers')
  @ApiOkResponse({ type: WorkerHealthDto })
  @Roles(Role.Operator)
  workers(): Promise<WorkerHealthDto> {
    return this.operations.workers();
  }

  @ApiOperation({ summary: '立即重试：流程自报故障时通知其重试该步骤；Temporal 仍在退避重试的步骤立即开始下一次尝试（须填写理由，记入审计日志）' })
  @Post('workflows/:workflowId/retry')
  @HttpCode(200)
  @ApiOkResponse({ type: ActionResultDto })
  @Roles(Role.Operator)
  retry(@CurrentUser() actor: AuthUser, @TextParam('workflowId', 255) workflowId: string, @Body() body: OperatorActionDto, @IdempotencyKey() key?: string): Promise<ActionResultDto> {
    return this.operations.act(actor, workflowId, 'retry', body, key);
  }

  @ApiOperation({ summary: '取消流程：请求运行中的流程取消（须填写理由，记入审计日志）' })
  @Post('workflows/:workflowId/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: ActionResultDto })
  @Roles(Role.Operator)
  cancel(@CurrentUser() actor: AuthUser, @TextParam('workflowId', 255) workflowId: string, @Body() body: OperatorActionDto, @IdempotencyKey() key?: string): Promise<ActionResultDto> {
    return this.operations.act(actor, workflowId, 'cancel', body, key);
  }

  @ApiOperation({ summary: '终止流程：立即结束运行中的流程，理由同时记入 Temporal 与审计日志' })
  @Post('workflows/:workflowId/terminate')
  @HttpCode(200)
  @ApiOkResponse({ type: ActionResultDto })
  @Roles(Role.Operator)
  terminate(@CurrentUser() actor: AuthUser, @TextParam('workflowId', 255) workflowId: string, @Body() body: OperatorActionDto, @IdempotencyKey() key?: string): Promise<ActionResultDto> {
    return this.operations.act(actor, workflowId, 'terminate', body, key);
  }

  @ApiOperation({ summary: '重置流程：回到最近一次（或指定的）完成的流程任务，以新的运行继续；已完成的流程不能重置' })
  @Post('workflows/:workflowId/reset')
  @HttpCode(200)
  @ApiOkResponse({ type: ActionResultDto })
  @Roles(Role.Operator)
  reset(@CurrentUser() actor: AuthUser, @TextParam('workflowId', 255) workflowId: string, @Body() body: ResetActionDto, @IdempotencyKey() key?: string): Promise<ActionResultDto> {
    return this.operations.act(actor, workflowId, 'reset', body, key);
  }
}
