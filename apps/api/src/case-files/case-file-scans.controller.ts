import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { UuidParam } from '../common/validators';
import { DrawnFileDto, DrawnFilesQueryDto, ScanDto, ScansDto } from './case-file-scans.dto';
import { CaseFileScansService } from './case-file-scans.service';

/** 电子卷宗 of drawn case files. */
@ApiTags('电子卷宗 case-file-scans')
@ApiBearerAuth()
@Controller()
export class CaseFileScansController {
  constructor(private readonly scans: CaseFileScansService) {}

  @ApiOperation({ summary: '本部门被抽中的案卷及其电子卷宗（待上传扫描件）' })
  @Get('me/drawn-files')
  @Roles(Role.DepartmentUser)
  @ApiOkResponse({ type: [DrawnFileDto] })
  drawnFiles(@CurrentUser() actor: AuthUser, @Query() q: DrawnFilesQueryDto): Promise<DrawnFileDto[]> {
    return this.scans.drawnFiles(actor, q.campaignId);
  }

  @ApiOperation({ summary: '查看抽中案卷的电子卷宗（本部门、该卷的评查人员与监督科）' })
  @Get('case-files/:id/scans')
  @Roles(Role.DepartmentUser, Role.Reviewer, Role.OfficeAdmin, Role.OfficeStaff)
  @ApiOkResponse({ type: [ScanDto] })
  list(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<ScanDto[]> {
    return this.scans.list(actor, id);
  }

  @ApiOperation({ summary: '上传或替换抽中案卷的电子卷宗（仅该案卷所属部门；PDF、OFD、图片）' })
  @Put('case-files/:id/scans')
  @Roles(Role.DepartmentUser)
  @ApiOkResponse({ type: [ScanDto] })
  replace(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: ScansDto): Promise<ScanDto[]> {
    return this.scans.replace(actor, id, body.attachmentIds);
  }
}
