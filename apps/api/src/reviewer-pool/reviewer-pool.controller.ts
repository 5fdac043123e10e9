import { Body, Controller, Delete, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { UuidParam } from '../common/validators';
import { PoolCandidateDto, PoolEntryDto, PoolMemberDto } from './reviewer-pool.dto';
import { ReviewerPoolService } from './reviewer-pool.service';

const OFFICE = [Role.OfficeAdmin, Role.OfficeStaff];

/** 评查人员库: who a campaign's draw may assign as reviewers. */
@ApiTags('评查人员库 reviewer-pool')
@ApiBearerAuth()
@Controller('campaigns/:campaignId/reviewer-pool')
export class ReviewerPoolController {
  constructor(private readonly pool: ReviewerPoolService) {}

  @ApiOperation({ summary: '本周期评查人员库：抽取只从库中分配评查人员' })
  @Get()
  @Roles(...OFFICE)
  @ApiOkResponse({ type: [PoolMemberDto] })
  list(@UuidParam('campaignId') campaignId: string): Promise<PoolMemberDto[]> {
    return this.pool.list(campaignId);
  }

  @ApiOperation({ summary: '可加入评查人员库的评查人员账号（启用的 reviewer 账号）' })
  @Get('candidates')
  @Roles(...OFFICE)
  @ApiOkResponse({ type: [PoolCandidateDto] })
  candidates(@UuidParam('campaignId') campaignId: string): Promise<PoolCandidateDto[]> {
    return this.pool.candidates(campaignId);
  }

  @ApiOperation({ summary: '将评查人员加入评查人员库（或修改其类别、部门、单位）' })
  @Put(':userId')
  @Roles(...OFFICE)
  @ApiOkResponse({ type: PoolMemberDto })
  put(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string, @UuidParam('userId') userId: string, @Body() body: PoolEntryDto): Promise<PoolMemberDto> {
    return this.pool.put(actor, campaignId, userId, body);
  }

  @ApiOperation({ summary: '将评查人员移出评查人员库（已分配的案卷不变，不再分配新案卷）' })
  @Delete(':userId')
  @Roles(...OFFICE)
  @ApiOkResponse({ type: PoolMemberDto })
  remove(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string, @UuidParam('userId') userId: string): Promise<PoolMemberDto> {
    return this.pool.remove(actor, campaignId, userId);
  }
}
