import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { ValidationError, getMetadataStorage, validateSync } from 'class-validator';
import { ErrorCode } from '@rol/domain';
import { statusOf } from './domain-error.filter';
import { RULES, flattenValidationErrors } from './validation';
import { IsDateTime } from './validators';

function error(property: string, value: unknown, constraints?: Record<string, string>, children: ValidationError[] = []): ValidationError {
  return Object.assign(new ValidationError(), { property, value, constraints, children });
}

describe('validation errors', () => {
  it('names nested fields with their path, one stable UPPER_SNAKE code and a Chinese message each', () => {
    const flat = flattenValidationErrors([
      error('priorities', [{}], undefined, [error('0', {}, undefined, [error('dueAt', 'tomorrow', { isDateTime: 'dueAt is not valid' })])]),
      error('title', 'x'.repeat(300), { maxLength: 'title must be shorter than or equal to 200 characters' }),
    ]);
    expect(flat).toEqual([
      { field: 'priorities[0].dueAt', code: 'NOT_DATETIME', message: expect.stringContaining('日期时间') },
      { field: 'title', code: 'TOO_LONG', message: 'title 长度不能超过 200 个字符' },
    ]);
  });

  it('says a missing field is missing and a null one is null, not that it is too long', () => {
    const constraints = { maxLength: 'password must be shorter than or equal to 200 characters', isString: 'password must be a string' };
    expect(flattenValidationErrors([error('password', undefined, constraints)])).toEqual([{ field: 'password', code: 'REQUIRED', message: 'password 为必填项' }]);
    expect(flattenValidationErrors([error('name', null, constraints)])).toEqual([{ field: 'name', code: 'NOT_NULL', message: expect.stringContaining('不能为 null') }]);
  });

  it('reports the most basic broken rule of a field: a number is "not text" before "too long"', () => {
    const flat = flattenValidationErrors([error('note', 12, { maxLength: 'note must be shorter than or equal to 10 characters', isString: 'note must be a string' })]);
    expect(flat).toEqual([{ field: 'note', code: 'NOT_STRING', message: expect.any(String) }]);
  });

  it('has a code and a message for every rule any DTO uses', () => {
    const root = path.join(__dirname, '..');
    for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(dto|controller)\.ts$/.test(f))) require(path.join(root, file)); // eslint-disable-line @typescript-eslint/no-require-imports
    const used = new Set<string>();
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, { name?: string; type: string }[]>; constraintMetadatas: Map<unknown, { name: string }[]> };
    for (const list of storage.validationMetadatas.values()) for (const m of list) if (m.type !== 'conditionalValidation') used.add(m.name ?? m.type);
    for (const list of storage.constraintMetadatas.values()) for (const c of list) used.add(c.name);
    const unmapped = [...used].filter((rule) => !RULES[rule] && !['customValidation', 'nestedValidation', 'whitelistValidation'].includes(rule));
    expect(used.size).toBeGreaterThan(10);
    expect(unmapped).toEqual([]);
    for (const rule of Object.values(RULES)) expect(rule.code).toMatch(/^[A-Z][A-Z_]+$/);
  });

  it('takes a date-time PostgreSQL can store as meant, and refuses offsets and years it cannot', () => {
    class Probe {
      @IsDateTime() at: string;
    }
    const ok = (at: string) => validateSync(Object.assign(new Probe(), { at })).length === 0;
    for (const at of ['2026-03-31T17:00:00+08:00', '2026-03-31T09:00:00Z', '2026-03-31T17:00+08:00', '2026-03-31T17:00:00.123+14:00']) expect(ok(at)).toBe(true);
    for (const at of ['0587-10-29T09:25:54-19:32', '2026-03-31T17:00:00+15:00', '2026-03-31T17:00:00', '2026-02-30T17:00:00+08:00', '2026-03-31', '10000-01-01T00:00:00Z', '2026-03-31T17:00:00+08:75'])
      expect([at, ok(at)]).toEqual([at, false]);
  });

  it('maps every error code to an HTTP status', () => {
    for (const code of Object.values(ErrorCode)) expect(statusOf(code)).toBeGreaterThanOrEqual(400);
    expect(statusOf(ErrorCode.TaskAlreadyCompleted)).toBe(409);
    expect(statusOf(ErrorCode.ForbiddenDepartment)).toBe(403);
    expect(statusOf(ErrorCode.DatabaseUnavailable)).toBe(503);
  });
});
