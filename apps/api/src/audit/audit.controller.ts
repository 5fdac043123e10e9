import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags, ApiOperation } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { Optional } from '../common/validators';
import { DataSource } from 'typeorm';
import { Role } from '@rol/domain';
import { AuditLogEntity } from '@rol/db';
import { Roles } from '../common/decorators';

export class AuditQueryDto {
  @ApiPropertyOptional({ example: 'task' }) @Optional() @IsString() @MaxLength(50) targetType?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(100) targetId?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(100) action?: string;
  @ApiPropertyOptional({ default: 100 }) @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

/** 操作留痕：谁、何时、对什么、做了什么。 */
@ApiTags('操作日志 audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @ApiOperation({ summary: '操作留痕查询（谁、何时、对什么、做了什么）' })
  @Get()
  @Roles(Role.OfficeAdmin, Role.Operator)
  list(@Query() query: AuditQueryDto): Promise<AuditLogEntity[]> {
    return this.dataSource.getRepository(AuditLogEntity).find({
      where: { targetType: query.targetType, targetId: query.targetId, action: query.action },
      order: { id: 'DESC' },
      take: query.limit ?? 100,
    });
  }
}
