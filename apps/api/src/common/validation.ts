import type { ValidationError } from 'class-validator';
import { validationFailed, type FieldError } from '@rol/domain';

/** Chinese wording for each class-validator rule; the rule name itself is the stable code. */
const RULE_MESSAGES: Record<string, (field: string, constraint: string) => string> = {
  isString: (f) => `${f} 必须是字符串`,
  isNotEmpty: (f) => `${f} 不能为空`,
  isDefined: (f) => `${f} 为必填项`,
  isInt: (f) => `${f} 必须是整数`,
  min: (f, c) => `${f} ${c.replace(/^.*must not be less than (\S+).*$/, '不能小于 $1')}`,
  max: (f, c) => `${f} ${c.replace(/^.*must not be greater than (\S+).*$/, '不能大于 $1')}`,
  isBoolean: (f) => `${f} 必须是布尔值（true/false）`,
  isIn: (f, c) => `${f} 取值不在允许范围内（${c.replace(/^.*one of the following values: /, '')}）`,
  isEnum: (f, c) => `${f} 取值不在允许范围内（${c.replace(/^.*one of the following values: /, '')}）`,
  isUuid: (f) => `${f} 必须是 UUID`,
  isIso8601: (f) => `${f} 必须是 ISO 8601 日期时间（如 2026-03-31T17:00:00+08:00）`,
  maxLength: (f, c) => `${f} ${c.replace(/^.*shorter than or equal to (\d+).*$/, '长度不能超过 $1 个字符')}`,
  minLength: (f, c) => `${f} ${c.replace(/^.*longer than or equal to (\d+).*$/, '长度不能少于 $1 个字符')}`,
  isArray: (f) => `${f} 必须是数组`,
  arrayMinSize: (f, c) => `${f} ${c.replace(/^.*at least (\d+).*$/, '至少需要 $1 项')}`,
  arrayMaxSize: (f, c) => `${f} ${c.replace(/^.*no more than (\d+).*$/, '不能超过 $1 项')}`,
  arrayUnique: (f) => `${f} 不能有重复项`,
  isObject: (f) => `${f} 必须是对象`,
  nestedValidation: (f) => `${f} 必须是对象或对象数组`,
  matches: (f) => `${f} 格式不正确`,
  whitelistValidation: (f) => `不允许的字段 ${f}`,
  isDepartmentScope: (f) => `${f} 必须是 "all" 或部门 ID（UUID）数组`,
};

function fieldPath(parent: string, property: string): string {
  if (!parent) return property;
  return /^\d+$/.test(property) ? `${parent}[${property}]` : `${parent}.${property}`;
}

/** Flattens nested class-validator errors into one list naming each field and rule. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const field = fieldPath(parent, error.property);
    for (const [rule, english] of Object.entries(error.constraints ?? {})) {
      const describe = RULE_MESSAGES[rule];
      result.push({ field, code: rule, message: describe ? describe(field, english) : `${field} 不符合规则 ${rule}` });
    }
    if (error.children?.length) result.push(...flattenValidationErrors(error.children, field));
  }
  return result;
}

/** ValidationPipe's exceptionFactory: every refused field at once, as a domain error. */
export function validationExceptionFactory(errors: ValidationError[]) {
  return validationFailed(flattenValidationErrors(errors));
}
