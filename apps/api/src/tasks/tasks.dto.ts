import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { TaskStatus } from '@rol/domain';
import { EvidenceDto, StoredEvidenceDto } from '../common/evidence.dto';
import { Optional, PageQueryDto } from '../common/validators';

export class CompleteTaskDto {
  @ApiProperty({ example: '已在政府网站公示执法主体、人员、职责、权限等信息。' })
  @IsString() @MinLength(1) @MaxLength(5000)
  note: string;

  @ApiProperty({ type: [EvidenceDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceDto)
  evidence: EvidenceDto[];
}

export class TaskQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: Object.values(TaskStatus) })
  @Optional() @IsIn(Object.values(TaskStatus))
  status?: TaskStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @Optional() @IsUUID()
  campaignId?: string;
}

export class TaskDto {
  @ApiProperty() id: string;
  @ApiProperty() campaignId: string;
  @ApiProperty() departmentId: string;
  @ApiProperty() priorityCode: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() dueAt: Date;
  @ApiProperty() evidenceRequired: boolean;
  @ApiProperty({ enum: Object.values(TaskStatus) }) status: TaskStatus;
  @ApiProperty({ description: '已逾期未完成' }) overdue: boolean;
  @ApiProperty({ nullable: true, type: Boolean, description: '逾期完成' }) late: boolean | null;
  @ApiProperty({ nullable: true, type: Date }) remindedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) completedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) completionNote: string | null;
  @ApiProperty({ type: [StoredEvidenceDto] }) evidence: StoredEvidenceDto[];
}

/** One task as its page shows it: with whether the department's workflow is in trouble now. */
export class TaskDetailDto extends TaskDto {
  @ApiProperty({ description: '本部门流程的后台步骤暂时失败、正在等待自动重试或运维处理（此时报送可能失败，请稍后再试）' }) processingTrouble: boolean;
}

export class CompleteTaskResultDto {
  @ApiProperty() taskId: string;
  @ApiProperty() completedAt: string;
  @ApiProperty({ description: '逾期完成' }) late: boolean;
}
