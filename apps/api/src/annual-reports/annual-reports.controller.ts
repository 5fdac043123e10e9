import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ANNUAL_REPORT_SECTIONS, Role } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { UuidParam } from '../common/validators';
import { AnnualReportDto, AnnualReportFiguresDto, AnnualReportQueryDto, MyAnnualReportDto, SaveSectionDto, SectionVersionBodyDto } from './annual-reports.dto';
import { AnnualReportsService } from './annual-reports.service';

const READERS = [Role.OfficeAdmin, Role.OfficeStaff, Role.DepartmentUser];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const SectionParam = () => ApiParam({ name: 'section', enum: ANNUAL_REPORT_SECTIONS.map((s) => s.code), description: ANNUAL_REPORT_SECTIONS.map((s) => `${s.code}：${s.title}`).join('；') });

@ApiTags('年度报告 annual reports')
@ApiBearerAuth()
@Controller('campaigns/:campaignId/annual-report')
export class AnnualReportsController {
  constructor(private readonly reports: AnnualReportsService) {}

  @ApiOperation({ summary: '年度报告引用的数据及统计口径（监督科：全区或指定部门；部门用户：本单位）' })
  @Get('figures')
  @Roles(...READERS)
  @ApiOkResponse({ type: AnnualReportFiguresDto })
  figures(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string, @Query() q: AnnualReportQueryDto) {
    return this.reports.figures(actor, campaignId, q.departmentId);
  }

  @ApiOperation({ summary: '查看年度报告：五节的当前正文、填入数据后的正文、历次版本、报送情况' })
  @Get()
  @Roles(...READERS)
  @ApiOkResponse({ type: AnnualReportDto })
  get(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string, @Query() q: AnnualReportQueryDto) {
    return this.reports.get(actor, campaignId, q.departmentId);
  }

  @ApiOperation({ summary: '保存年度报告的一节（保存为新版本；内容未变不产生新版本）。监督科写本机关的报告，部门用户写本单位的' })
  @Put('sections/:section')
  @Roles(...READERS)
  @SectionParam()
  @ApiOkResponse({ type: AnnualReportDto })
  save(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string, @Param('section') section: string, @Body() body: SaveSectionDto) {
    return this.reports.saveSection(actor, campaignId, section, body.body);
  }

  @ApiOperation({ summary: '年度报告一节的历次版本（新的在前）' })
  @Get('sections/:section/versions')
  @Roles(...READERS)
  @SectionParam()
  @ApiOkResponse({ type: [SectionVersionBodyDto] })
  versions(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string, @Param('section') section: string, @Query() q: AnnualReportQueryDto) {
    return this.reports.versions(actor, campaignId, section, q.departmentId);
  }

  @ApiOperation({ summary: '标记年度报告为已报送（重复提交不重复记录）' })
  @Post('submit')
  @HttpCode(200)
  @Roles(...READERS)
  @ApiOkResponse({ type: AnnualReportDto })
  submit(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string) {
    return this.reports.submit(actor, campaignId);
  }

  @ApiOperation({ summary: '下载年度报告（Word，公文格式，附数据说明）' })
  @Get('docx')
  @Roles(...READERS)
  @ApiProduces(DOCX)
  @ApiOkResponse({ description: '年度报告 Word 文件（DOCX）', content: { [DOCX]: { schema: { type: 'string', format: 'binary' } } } })
  async docx(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string, @Query() q: AnnualReportQueryDto, @Res() res: { setHeader(k: string, v: string): void; end(b: Buffer): void }) {
    const { filename, body } = await this.reports.docx(actor, campaignId, q.departmentId);
    res.setHeader('content-type', DOCX);
    res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
    res.end(body);
  }
}

@ApiTags('年度报告 annual reports')
@ApiBearerAuth()
@Controller('me/annual-reports')
export class MyAnnualReportsController {
  constructor(private readonly reports: AnnualReportsService) {}

  @ApiOperation({ summary: '本单位的年度报告（每个年度工作周期一份，新的在前）' })
  @Get()
  @Roles(Role.DepartmentUser)
  @ApiOkResponse({ type: [MyAnnualReportDto] })
  mine(@CurrentUser() actor: AuthUser) {
    return this.reports.mine(actor);
  }
}
