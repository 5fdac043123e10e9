import { ApiProperty } from '@nestjs/swagger';
import { CreateCampaignDto } from '../campaigns/campaigns.dto';

export const DRAFT_STATUS_LABELS = { pending: '待确认', confirmed: '已确认发布', discarded: '已放弃' } as const;

export class DraftCopyDto {
  @ApiProperty({ example: '自查表', description: '确认时复制到新周期的内容' }) label: string;
  @ApiProperty({ example: '沿用 2026 年度的自查表（共 12 项）' }) detail: string;
}

export class CampaignDraftDto {
  @ApiProperty({ example: 2027, description: '草稿对应的年度' }) year: number;
  @ApiProperty({ description: '复制自的工作周期' }) sourceCampaignId: string;
  @ApiProperty({ example: 2026, description: '复制自的年度' }) sourceYear: number;
  @ApiProperty({ enum: Object.keys(DRAFT_STATUS_LABELS), description: 'pending 待确认，confirmed 已确认发布，discarded 已放弃' }) status: keyof typeof DRAFT_STATUS_LABELS;
  @ApiProperty({ example: '待确认' }) statusLabel: string;
  @ApiProperty() preparedAt: Date;
  @ApiProperty({ nullable: true, type: String, description: '确认后发布的工作周期' }) confirmedCampaignId: string | null;
  @ApiProperty({ nullable: true, type: Date }) discardedAt: Date | null;
  @ApiProperty({ type: CreateCampaignDto, description: '发布请求（与发布年度工作周期的请求相同），可修改后确认' }) launch: CreateCampaignDto;
  @ApiProperty({ type: [DraftCopyDto], description: '确认时一并复制的起点：自查表、整改规则、抽查规则（不含随机种子）、评查标准、指标体系' }) copies: DraftCopyDto[];
}
