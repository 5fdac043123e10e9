import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Optional, PageQueryDto } from '../common/validators';

export class NotificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: '只看未读' })
  @Optional() @IsIn(['true', 'false'])
  unreadOnly?: 'true' | 'false';
}

/** 一条消息：发生了什么、关于哪一项、去哪里办理。 */
export class NotificationDto {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ example: 'rectification.return', description: '事件（操作留痕中的操作代码）' }) kind: string;
  @ApiProperty({ example: '整改报告被退回，请按意见补充后重新报送' }) title: string;
  @ApiProperty({ example: '行政处罚决定书未载明救济途径', description: '关于哪一项：任务名称、文号或整改问题' }) subject: string;
  @ApiProperty({ example: '国家机关部门', description: '所涉部门' }) departmentName: string;
  @ApiProperty({ example: '/rectifications/0b1e4c6a-…', description: '控制台中办理该事项的页面' }) link: string;
  @ApiProperty() read: boolean;
}

export class UnreadCountDto {
  @ApiProperty({ example: 3 }) unread: number;
}

export class MarkedReadDto {
  @ApiProperty({ example: 5, description: '本次新标为已读的条数' }) marked: number;
}
