import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Role } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, IdempotencyKey, Roles } from '../common/decorators';
import { UuidParam } from '../common/validators';
import { CompleteTaskDto, CompleteTaskResultDto, TaskDetailDto, TaskDto, TaskQueryDto } from './tasks.dto';
import { TasksService } from './tasks.service';

@ApiTags('任务 tasks')
@ApiBearerAuth()
@Controller()
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @ApiOperation({ summary: '本部门待办任务' })
  @Get('me/tasks')
  @Roles(Role.DepartmentUser)
  @ApiOkResponse({ type: [TaskDto] })
  inbox(@CurrentUser() actor: AuthUser, @Query() query: TaskQueryDto): Promise<TaskDto[]> {
    return this.tasks.inbox(actor, query);
  }

  @ApiOperation({ summary: '查看任务' })
  @Get('tasks/:id')
  @Roles(Role.DepartmentUser, Role.OfficeAdmin, Role.OfficeStaff)
  @ApiOkResponse({ type: TaskDetailDto })
  get(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<TaskDetailDto> {
    return this.tasks.get(actor, id);
  }

  @ApiOperation({ summary: '报送任务完成情况' })
  @Post('tasks/:id/complete')
  @HttpCode(200)
  @Roles(Role.DepartmentUser)
  @ApiOkResponse({ type: CompleteTaskResultDto })
  complete(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: CompleteTaskDto, @IdempotencyKey() key?: string): Promise<CompleteTaskResultDto> {
    return this.tasks.complete(actor, id, body, key);
  }
}
