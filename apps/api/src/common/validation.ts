import type { ValidationError } from 'class-validator';
import { validationFailed, type FieldError } from '@rol/domain';

interface Rule {
  /** The stable code clients see (UPPER_SNAKE), never the library's rule name. */
  code: string;
  /** Lower runs first: a field gets one reason, the most basic one (a number is "not text" before "too long"). */
  rank: number;
  message: (field: string, constraint: string) => string;
}

const number = (text: string, pattern: RegExp) => pattern.exec(text)?.[1] ?? '';

/**
 * Every class-validator rule the DTOs use, with its stable code and Chinese wording.
 * A DTO using a rule missing here fails the unit test that reads every DTO's metadata.
 */
export const RULES: Record<string, Rule> = {
  whitelistValidation: { code: 'UNKNOWN_FIELD', rank: 0, message: (f) => `不允许的字段 ${f}，请删除` },
  isDefined: { code: 'REQUIRED', rank: 1, message: (f) => `${f} 为必填项` },
  isString: { code: 'NOT_STRING', rank: 2, message: (f) => `${f} 必须是文字（字符串）` },
  isInt: { code: 'NOT_INTEGER', rank: 2, message: (f) => `${f} 必须是整数` },
  isNumber: { code: 'NOT_NUMBER', rank: 2, message: (f) => `${f} 必须是数字` },
  isBoolean: { code: 'NOT_BOOLEAN', rank: 2, message: (f) => `${f} 必须是 true 或 false` },
  isArray: { code: 'NOT_ARRAY', rank: 2, message: (f) => `${f} 必须是数组` },
  isObject: { code: 'NOT_OBJECT', rank: 2, message: (f) => `${f} 必须是对象` },
  nestedValidation: { code: 'NOT_OBJECT', rank: 2, message: (f) => `${f} 必须是对象或对象数组` },
  isUuid: { code: 'NOT_UUID', rank: 3, message: (f) => `${f} 必须是 UUID（如 0b1e4c6a-…）` },
  isDateTime: { code: 'NOT_DATETIME', rank: 3, message: (f) => `${f} 必须是带时区的日期时间（如 2026-03-31T17:00:00+08:00；年份 1900–9999，时区不超过 ±14:00）` },
  isCalendarDate: { code: 'NOT_DATE', rank: 3, message: (f) => `${f} 必须是真实存在的日期，格式 YYYY-MM-DD（如 2026-03-31）` },
  isHttpUrl: { code: 'NOT_HTTP_URL', rank: 3, message: (f) => `${f} 必须是 http:// 或 https:// 开头的链接` },
  isSafeText: { code: 'CONTROL_CHARACTER', rank: 3, message: (f) => `${f} 不能含有换行、制表符等不可见字符` },
  isIn: { code: 'NOT_ALLOWED_VALUE', rank: 3, message: (f, c) => `${f} 取值不在允许范围内（可选：${c.replace(/^.*one of the following values: /, '')}）` },
  isDepartmentScope: { code: 'NOT_DEPARTMENT_SCOPE', rank: 3, message: (f) => `${f} 必须是 "all" 或不重复的部门 ID（UUID）数组` },
  matches: { code: 'BAD_FORMAT', rank: 3, message: (f) => `${f} 格式不正确` },
  min: { code: 'TOO_SMALL', rank: 4, message: (f, c) => `${f} 不能小于 ${number(c, /not be less than (\S+)/)}` },
  max: { code: 'TOO_LARGE', rank: 4, message: (f, c) => `${f} 不能大于 ${number(c, /not be greater than (\S+)/)}` },
  minLength: { code: 'TOO_SHORT', rank: 4, message: (f, c) => `${f} 长度不能少于 ${number(c, /longer than or equal to (\d+)/)} 个字符` },
  maxLength: { code: 'TOO_LONG', rank: 4, message: (f, c) => `${f} 长度不能超过 ${number(c, /shorter than or equal to (\d+)/)} 个字符` },
  arrayMinSize: { code: 'TOO_FEW_ITEMS', rank: 4, message: (f, c) => `${f} 至少需要 ${number(c, /at least (\d+)/)} 项` },
  arrayMaxSize: { code: 'TOO_MANY_ITEMS', rank: 4, message: (f, c) => `${f} 不能超过 ${number(c, /no more than (\d+)/)} 项` },
  arrayUnique: { code: 'DUPLICATE_ITEMS', rank: 4, message: (f) => `${f} 不能有重复项` },
};

function fieldPath(parent: string, property: string): string {
  if (!parent) return property;
  return /^\d+$/.test(property) ? `${parent}[${property}]` : `${parent}.${property}`;
}

/** The one reason a field is refused: missing, null, or its most basic broken rule. */
function reasonFor(field: string, error: ValidationError): FieldError | undefined {
  const constraints = Object.entries(error.constraints ?? {});
  if (constraints.length === 0) return undefined;
  if (constraints.some(([rule]) => rule === 'whitelistValidation')) return { field, code: 'UNKNOWN_FIELD', message: RULES.whitelistValidation.message(field, '') };
  if (error.value === undefined) return { field, code: 'REQUIRED', message: `${field} 为必填项` };
  if (error.value === null) return { field, code: 'NOT_NULL', message: `${field} 不能为 null（不修改请省略该字段）` };
  const [rule, english] = constraints
    .map(([name, text]) => [name, text] as const)
    .sort(([a], [b]) => (RULES[a]?.rank ?? 9) - (RULES[b]?.rank ?? 9))[0];
  const known = RULES[rule];
  return known ? { field, code: known.code, message: known.message(field, english) } : { field, code: 'INVALID', message: `${field} 不符合要求` };
}

/** Flattens nested class-validator errors into one list: each refused field once, with its path and reason. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const field = fieldPath(parent, error.property);
    const reason = reasonFor(field, error);
    if (reason) result.push(reason);
    else if (error.children?.length) result.push(...flattenValidationErrors(error.children, field));
  }
  return result;
}

/** ValidationPipe's exceptionFactory: every refused field at once, as a domain error. */
export function validationExceptionFactory(errors: ValidationError[]) {
  return validationFailed(flattenValidationErrors(errors));
}
