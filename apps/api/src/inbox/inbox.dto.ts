import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Optional, PageQueryDto } from '../common/validators';

export const INBOX_KINDS = ['task', 'self_check', 'letter', 'rectification'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];
export const INBOX_KIND_LABELS: Record<InboxKind, string> = { task: '工作任务', self_check: '自查', letter: '监督意见书', rectification: '整改事项' };

export class InboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INBOX_KINDS, description: '只看某一类' })
  @Optional() @IsIn(INBOX_KINDS)
  kind?: InboxKind;
}

/** One thing the department must do now, whatever its stage. */
export class InboxItemDto {
  @ApiProperty({ enum: INBOX_KINDS }) kind: InboxKind;
  @ApiProperty({ example: '工作任务' }) kindLabel: string;
  @ApiProperty({ format: 'uuid', description: '事项的 id（自查为年度工作周期的 id）' }) id: string;
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ example: '全面落实行政执法三项制度' }) title: string;
  @ApiProperty({ example: '待完成' }) statusLabel: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) dueAt: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ nullable: true, type: Number, description: '距截止还有几个工作日（不含今天；已逾期为负数，即逾期的工作日数）；官方日历缺该年时为空' })
  workingDaysLeft: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '距截止还有几个自然日（负数为逾期天数）；无截止时间为空' })
  daysLeft: number | null;
}
