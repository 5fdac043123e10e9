import { Body, Controller, Get, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Role, validationFailed } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { UuidParam } from '../common/uuid-param';
import { CampaignStatusDto, CampaignSummaryDto, CreateCampaignDto, DepartmentProgressDto } from './campaigns.dto';
import { CampaignsService } from './campaigns.service';

const OFFICE = [Role.OfficeAdmin, Role.OfficeStaff];

@ApiTags('年度工作周期 campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  /** 发布年度工作周期：保存工作要点并启动周期工作流，为每个部门生成任务。 */
  @Post()
  @Roles(Role.OfficeAdmin)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '重试同一发布请求时带上相同的值，不会重复发布' })
  @ApiCreatedResponse({ type: CampaignStatusDto })
  launch(
    @CurrentUser() actor: AuthUser,
    @Body() body: CreateCampaignDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<CampaignStatusDto> {
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) {
      throw validationFailed([{ field: 'Idempotency-Key', code: 'IDEMPOTENCY_KEY_INVALID', message: 'Idempotency-Key 须为 1–200 个可见 ASCII 字符' }]);
    }
    return this.campaigns.launch(actor, body, idempotencyKey);
  }

  @Get()
  @Roles(...OFFICE, Role.Operator)
  @ApiOkResponse({ type: [CampaignSummaryDto] })
  list(): Promise<CampaignSummaryDto[]> {
    return this.campaigns.list();
  }

  /** 周期进度：阶段、覆盖部门数、任务完成 / 未完成 / 逾期 / 逾期完成数。 */
  @Get(':id')
  @Roles(...OFFICE, Role.Operator)
  @ApiOkResponse({ type: CampaignStatusDto })
  status(@UuidParam() id: string): Promise<CampaignStatusDto> {
    return this.campaigns.status(id);
  }

  @Get(':id/departments')
  @Roles(...OFFICE)
  @ApiOkResponse({ type: [DepartmentProgressDto] })
  departments(@UuidParam() id: string): Promise<DepartmentProgressDto[]> {
    return this.campaigns.departmentProgress(id);
  }

  /** 提前结束本周期（仅监督科管理员）：之后不能再报送任务完成情况。 */
  @Post(':id/close')
  @HttpCode(200)
  @Roles(Role.OfficeAdmin)
  @ApiOkResponse({ type: CampaignStatusDto })
  close(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<CampaignStatusDto> {
    return this.campaigns.close(actor, id);
  }
}
