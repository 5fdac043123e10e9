import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { OfficeSettingsDto, OfficeSettingsViewDto } from './office-settings.dto';
import { OfficeSettingsService } from './office-settings.service';

@ApiTags('本机关设置 office-settings')
@ApiBearerAuth()
@Controller('office-settings')
export class OfficeSettingsController {
  constructor(private readonly settings: OfficeSettingsService) {}

  @ApiOperation({ summary: '本机关设置：发文机关、文号格式、联系人及电话' })
  @Get()
  @Roles(Role.OfficeAdmin, Role.OfficeStaff)
  @ApiOkResponse({ type: OfficeSettingsViewDto })
  get(): Promise<OfficeSettingsViewDto> {
    return this.settings.view();
  }

  @ApiOperation({ summary: '修改本机关设置（此后印发的意见书使用新的发文机关与文号格式）' })
  @Put()
  @Roles(Role.OfficeAdmin)
  @ApiOkResponse({ type: OfficeSettingsViewDto })
  update(@CurrentUser() actor: AuthUser, @Body() body: OfficeSettingsDto): Promise<OfficeSettingsViewDto> {
    return this.settings.update(actor, body);
  }
}
