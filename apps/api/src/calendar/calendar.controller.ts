import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags, ApiOperation } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode, OFFICIAL_CALENDARS, Role, computeDeadline, shanghaiDate, validateCalendarYear, validationFailed, CalendarYearMissingError } from '@rol/domain';
import { loadCalendars, recordAudit } from '@rol/db';
import type { AuthUser } from '../common/auth-user';
import { AnyRole, CurrentUser, Roles } from '../common/decorators';
import { IntParam, IsCalendarDate, SingleLine } from '../common/validators';

export class CalendarYearDto {
  @ApiProperty({ example: ['2027-01-01'], description: '放假日（含周末），YYYY-MM-DD' }) @IsArray() @ArrayMaxSize(366) holidays: string[];
  @ApiProperty({ example: ['2027-02-06'], description: '调休上班的周末' }) @IsArray() @ArrayMaxSize(366) makeUpWorkdays: string[];
  @ApiProperty({ example: '国务院办公厅关于2027年部分节假日安排的通知' }) @IsString() @MaxLength(300) @SingleLine() source: string;
}

export class CalendarYearViewDto {
  @ApiProperty({ example: 2027 }) year: number;
  @ApiProperty({ description: '随系统发布（不可修改）' }) shipped: boolean;
  @ApiProperty() source: string;
  @ApiProperty({ type: [String] }) holidays: string[];
  @ApiProperty({ type: [String] }) makeUpWorkdays: string[];
}

export class DeadlineDto {
  @ApiProperty({ example: '2026-03-16', description: '期限届满日' }) deadline: string;
  @ApiProperty({ format: 'date-time', description: '期限届满的时刻（当日 24 时）' }) deadlineAt: string;
}

export class DeadlineQueryDto {
  @ApiProperty({ example: '2026-03-02', description: '起算日（当日不计入）' }) @IsCalendarDate() start: string;
  @ApiProperty({ example: 10 }) @Type(() => Number) @IsInt() @Min(0) @Max(3650) amount: number;
  @ApiProperty({ enum: ['calendar_days', 'working_days'] }) @IsIn(['calendar_days', 'working_days']) unit: 'calendar_days' | 'working_days';
}

/** 节假日安排（工作日计算的依据）: shipped years, plus years the office adds when the State Council publishes them. */
@ApiTags('工作日历 calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @ApiOperation({ summary: '节假日安排：已随系统发布及监督科录入的年份' })
  @Get('years')
  @AnyRole()
  @ApiOkResponse({ type: [CalendarYearViewDto] })
  async years(): Promise<CalendarYearViewDto[]> {
    const calendars = await loadCalendars(this.dataSource.manager);
    return Object.entries(calendars).map(([year, c]) => ({ year: Number(year), shipped: Number(year) in OFFICIAL_CALENDARS, source: c.source, holidays: c.holidays, makeUpWorkdays: c.makeUpWorkdays }));
  }

  @ApiOperation({ summary: '录入新一年的节假日安排（国务院办公厅通知发布后；随系统发布的年份不可修改）' })
  @Put('years/:year')
  @Roles(Role.OfficeAdmin)
  @ApiOkResponse({ type: CalendarYearDto })
  async putYear(@CurrentUser() actor: AuthUser, @IntParam('year', 2000, 2100) year: number, @Body() body: CalendarYearDto) {
    if (year in OFFICIAL_CALENDARS) throw new DomainError(ErrorCode.RulesLocked, `${year} 年的节假日安排随系统发布，不能修改`);
    const errors = validateCalendarYear(year, body);
    if (errors.length > 0) throw validationFailed(errors);
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO calendar_years (year, holidays, make_up_workdays, source, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (year) DO UPDATE SET holidays = excluded.holidays, make_up_workdays = excluded.make_up_workdays, source = excluded.source, updated_by = excluded.updated_by, updated_at = now()`,
        [year, body.holidays, body.makeUpWorkdays, body.source, actor.id],
      );
      await recordAudit(m, { actorId: actor.id, action: 'calendar.year', targetType: 'calendar_year', targetId: String(year), detail: { source: body.source } });
    });
    return { year, ...body };
  }

  @ApiOperation({ summary: '期限试算：起算日加若干自然日或工作日' })
  @Get('deadline')
  @AnyRole()
  @ApiOkResponse({ type: DeadlineDto })
  async deadline(@Query() q: DeadlineQueryDto) {
    try {
      const at = computeDeadline(Date.parse(`${q.start}T12:00:00+08:00`), { amount: q.amount, unit: q.unit }, await loadCalendars(this.dataSource.manager));
      return { deadline: shanghaiDate(at), deadlineAt: new Date(at).toISOString() };
    } catch (err) {
      if (err instanceof CalendarYearMissingError) throw new DomainError(ErrorCode.CalendarYearMissing, (err as Error).message);
      throw err;
    }
  }
}
