import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { ANNUAL_REPORT_FIGURE_KEYS, ANNUAL_REPORT_SECTIONS, ANNUAL_REPORT_SECTION_MAX } from '@rol/domain';
import { Optional } from '../common/validators';

export class AnnualReportQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '监督科查看某部门的年度报告草稿；不填为本机关（全区）的报告。部门用户只能查看本单位的' })
  @Optional() @IsUUID('all') departmentId?: string;
}

export class SaveSectionDto {
  @ApiProperty({ example: '全年共抽查{{departments_reviewed}}家单位{{files_drawn}}本案卷，提出监督意见{{opinion_items}}条。', description: `本节正文（最多 ${ANNUAL_REPORT_SECTION_MAX} 字）；用 {{数据项}} 引用数据，数据项见 figures` })
  @IsString() @MaxLength(ANNUAL_REPORT_SECTION_MAX * 2)
  body: string;
}

export class AnnualReportFigureDto {
  @ApiProperty({ enum: ANNUAL_REPORT_FIGURE_KEYS, example: 'files_drawn', description: '数据项代码（正文中写作 {{files_drawn}}）' }) key: string;
  @ApiProperty({ example: '抽查案卷' }) label: string;
  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'string' }], nullable: true, example: 33, description: '数值；比率无可计算的数据（分母为 0）时为 null' }) value: number | string | null;
  @ApiProperty({ example: '本' }) unit: string;
  @ApiProperty({ example: '本周期随机抽取的案卷数（sampled_files），含尚未评查完成的', description: '统计口径' }) counts: string;
  @ApiProperty({ example: '33', description: '填入正文的文字' }) text: string;
}

export class AnnualReportFiguresDto {
  @ApiProperty({ enum: ['office', 'department'], description: 'office：本机关（全区）；department：某部门' }) scope: 'office' | 'department';
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) departmentId: string | null;
  @ApiProperty({ type: [AnnualReportFigureDto] }) figures: AnnualReportFigureDto[];
}

export class SectionVersionDto {
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty({ format: 'date-time' }) savedAt: string;
  @ApiProperty({ example: '张科长' }) savedBy: string;
}

export class SectionVersionBodyDto extends SectionVersionDto {
  @ApiProperty() body: string;
  @ApiProperty({ description: '填入数据后的正文（按当前数据）' }) filled: string;
}

export class AnnualReportSectionDto {
  @ApiProperty({ enum: ANNUAL_REPORT_SECTIONS.map((s) => s.code) }) code: string;
  @ApiProperty({ example: '一、主要举措和成效' }) title: string;
  @ApiProperty({ description: '当前正文（含 {{数据项}} 占位符）' }) body: string;
  @ApiProperty({ description: '填入数据后的正文' }) filled: string;
  @ApiProperty({ example: 0, description: '当前版本；0 表示尚未保存、显示默认草稿' }) version: number;
  @ApiProperty({ type: [SectionVersionDto], description: '历次保存的版本，新的在前' }) versions: SectionVersionDto[];
}

export class AnnualReportDto {
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ enum: ['office', 'department'] }) scope: 'office' | 'department';
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) departmentId: string | null;
  @ApiProperty({ example: 'X市司法局', description: '报告单位（落款）' }) issuer: string;
  @ApiProperty({ example: 'X市司法局关于2026年度法治政府建设情况的报告' }) title: string;
  @ApiProperty({ format: 'date-time', description: '报送期限' }) dueAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: '报送时间；未报送为 null' }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: '报送人' }) submittedBy: string | null;
  @ApiProperty({ type: [AnnualReportSectionDto] }) sections: AnnualReportSectionDto[];
  @ApiProperty({ type: [AnnualReportFigureDto] }) figures: AnnualReportFigureDto[];
}

export class MyAnnualReportDto {
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ example: '2026年度法治督察' }) campaignTitle: string;
  @ApiProperty({ format: 'date-time', description: '报送期限' }) dueAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) submittedAt: string | null;
}
