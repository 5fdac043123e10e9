import { ValidationError } from 'class-validator';
import { flattenValidationErrors } from './validation';
import { statusOf } from './domain-error.filter';
import { ErrorCode } from '@rol/domain';

function error(property: string, constraints?: Record<string, string>, children: ValidationError[] = []): ValidationError {
  return Object.assign(new ValidationError(), { property, constraints, children });
}

describe('validation errors', () => {
  it('names nested fields with their path and the rule, in Chinese', () => {
    const flat = flattenValidationErrors([
      error('priorities', undefined, [error('0', undefined, [error('dueAt', { isIso8601: 'dueAt must be a valid ISO 8601 date string' })])]),
      error('title', { maxLength: 'title must be shorter than or equal to 200 characters' }),
    ]);
    expect(flat).toEqual([
      { field: 'priorities[0].dueAt', code: 'isIso8601', message: expect.stringContaining('ISO 8601') },
      { field: 'title', code: 'maxLength', message: 'title 长度不能超过 200 个字符' },
    ]);
  });

  it('maps every error code to an HTTP status', () => {
    for (const code of Object.values(ErrorCode)) expect(statusOf(code)).toBeGreaterThanOrEqual(400);
    expect(statusOf(ErrorCode.TaskAlreadyCompleted)).toBe(409);
    expect(statusOf(ErrorCode.ForbiddenDepartment)).toBe(403);
  });
});
