import { Param, ParseUUIDPipe, type PipeTransform } from '@nestjs/common';
import { ApiParam, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min, ValidateIf, isISO8601, registerDecorator, type ValidationOptions } from 'class-validator';
import { isHttpUrl, parseCalendarDate, textProblem, validationFailed } from '@rol/domain';

/**
 * Validation rules the DTOs share. Each registers a named rule that `common/validation.ts` maps to
 * a stable code and a Chinese message.
 */

/** The field may be left out; when given it is validated, and null is refused (`@IsOptional` would let null through to the database). */
export const Optional = () => ValidateIf((_object, value) => value !== undefined);

function rule(name: string, validate: (value: unknown) => boolean, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({ name, target: object.constructor, propertyName, options, validator: { validate } });
}

/** A name, code or title: one line, no tabs or control characters. */
export const SingleLine = () => rule('isSafeText', (v) => typeof v !== 'string' || textProblem(v, true) === undefined);

/** A real calendar date written YYYY-MM-DD (2026-02-30 and 2026-13-45 are refused, not rolled over). */
export const IsCalendarDate = (options?: ValidationOptions) => rule('isCalendarDate', (v) => typeof v === 'string' && parseCalendarDate(v) === v, options);

const DATE_TIME = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * An instant written in ISO 8601 with its offset (2026-03-31T17:00:00+08:00), that PostgreSQL can
 * store as it means it: a real date and time, year 1900–9999, an offset no larger than ±14:00.
 */
export const IsDateTime = () =>
  rule('isDateTime', (v) => {
    const m = typeof v === 'string' ? DATE_TIME.exec(v) : null;
    if (!m || !isISO8601(v, { strict: true, strictSeparator: true }) || Number.isNaN(Date.parse(v as string))) return false;
    const year = Number(m[1]);
    const offsetMinutes = m[2] === 'Z' ? 0 : Number(m[3]) * 60 + Number(m[4]);
    return year >= 1900 && year <= 9999 && Number(m[4] ?? 0) < 60 && offsetMinutes <= 14 * 60;
  });

/** A link a browser may open safely: http(s) only (no javascript:, data:, file:). */
export const IsHttpUrl = () => rule('isHttpUrl', (v) => typeof v === 'string' && isHttpUrl(v));

/** The largest offset a list accepts: beyond it, narrow the filters instead. */
export const MAX_OFFSET = 10_000_000;

/** Paging shared by every list: `limit` rows from `offset`. */
export class PageQueryDto {
  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500, description: '每页条数' })
  @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: MAX_OFFSET, description: '跳过的条数' })
  @Optional() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_OFFSET)
  offset?: number;
}

/** A path parameter that must be a UUID; otherwise 400 naming the parameter. */
export const UuidParam = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => validationFailed([{ field: name, code: 'NOT_UUID', message: `路径参数 ${name} 必须是 UUID` }]),
    }),
  );

/** A path parameter that must be a whole number in [min, max]; otherwise 400 naming the parameter. */
export function IntParam(name: string, min: number, max: number) {
  const pipe: PipeTransform<string, number> = {
    transform(value) {
      const n = /^-?\d{1,16}$/.test(value) ? Number(value) : NaN;
      if (!(n >= min && n <= max)) {
        throw validationFailed([{ field: name, code: 'NOT_INTEGER', message: `路径参数 ${name} 必须是 ${min}–${max} 之间的整数` }]);
      }
      return n;
    },
  };
  return pathParam(name, pipe, { type: 'integer', minimum: min, maximum: max });
}

/** A path parameter that is a code or name: 1–maxLength characters on one line; otherwise 400 naming the parameter. */
export function TextParam(name: string, maxLength: number) {
  const pipe: PipeTransform<string, string> = {
    transform(value) {
      if (value.length === 0 || value.length > maxLength || textProblem(value, true)) {
        throw validationFailed([{ field: name, code: 'BAD_FORMAT', message: `路径参数 ${name} 须为 1–${maxLength} 个字符，且不含不可见字符` }]);
      }
      return value;
    },
  };
  return pathParam(name, pipe, { type: 'string', minLength: 1, maxLength });
}

/** The parameter with its pipe, and its schema in the OpenAPI document. */
function pathParam(name: string, pipe: PipeTransform, schema: { type: 'integer' | 'string'; [k: string]: unknown }): ParameterDecorator {
  return (target, method, index) => {
    Param(name, pipe)(target, method, index);
    if (method !== undefined) ApiParam({ name, schema })(target, method, Object.getOwnPropertyDescriptor(target, method)!);
  };
}

/** A PATCH must change something: an empty one is refused (400 EMPTY_UPDATE) and writes nothing. */
export function requireChanges(dto: object): void {
  if (!Object.values(dto).some((v) => v !== undefined)) {
    throw validationFailed([{ field: 'body', code: 'EMPTY_UPDATE', message: '请至少提供一个要修改的字段' }]);
  }
}
