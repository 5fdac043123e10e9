import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { REVIEWER_CATEGORIES, type ReviewerCategory } from '@rol/domain';
import { Optional, SingleLine } from '../common/validators';

/** 入库: the capacity a reviewer account serves in for this campaign. */
export class PoolEntryDto {
  @ApiProperty({ enum: REVIEWER_CATEGORIES, description: '类别：office_staff 机关工作人员 / department_officer 部门执法人员 / supervisor 特邀行政执法监督员 / lawyer 律师' })
  @IsIn(REVIEWER_CATEGORIES) category: ReviewerCategory;
  @ApiPropertyOptional({ format: 'uuid', description: '所在部门（部门执法人员必填；省略时取其账号的部门）。评查时回避本部门案卷' })
  @Optional() @IsUUID() departmentId?: string;
  @ApiPropertyOptional({ example: '河南某某律师事务所', description: '所在单位（律师必填）' })
  @Optional() @IsString() @MinLength(1) @MaxLength(200) @SingleLine() organisation?: string;
}

/** One member of a campaign's reviewer pool. */
export class PoolMemberDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: 'reviewer-1' }) username: string;
  @ApiProperty({ example: '周评查' }) displayName: string;
  @ApiProperty({ enum: REVIEWER_CATEGORIES }) category: ReviewerCategory;
  @ApiProperty({ example: '部门执法人员' }) categoryLabel: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) departmentId: string | null;
  @ApiProperty({ nullable: true, type: String, example: '交通运输局' }) departmentName: string | null;
  @ApiProperty({ nullable: true, type: String }) organisation: string | null;
  @ApiProperty({ description: '账号是否启用（停用的账号不参加抽取）' }) active: boolean;
  @ApiProperty({ description: '本周期当前分配的评查任务数' }) assigned: number;
  @ApiProperty({ format: 'date-time' }) addedAt: string;
}

/** A reviewer account the office may put into the pool. */
export class PoolCandidateDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: 'reviewer-1' }) username: string;
  @ApiProperty({ example: '周评查' }) displayName: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: '账号所属部门' }) departmentId: string | null;
  @ApiProperty({ nullable: true, type: String }) departmentName: string | null;
  @ApiProperty({ description: '已在本周期评查人员库中' }) inPool: boolean;
}
