import { ApiProperty, ApiPropertyOptional, type OpenAPIObject } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'priorities[0].dueAt', description: '出错的字段（嵌套字段带路径）' }) field: string;
  @ApiProperty({ example: 'NOT_DATETIME', description: '规则代码（稳定的大写代码）' }) code: string;
  @ApiProperty({ example: 'priorities[0].dueAt 必须是带时区的日期时间（如 2026-03-31T17:00:00+08:00）' }) message: string;
  @ApiPropertyOptional({ example: 38, description: '导入时：出错的行号（与 Excel 显示的一致，表头为第 1 行）' }) row?: number;
}

/** Every error answer has this shape: a stable code, a Chinese message that says what to do, and the fields at fault. */
export class ErrorResponseDto {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'VALIDATION_FAILED', description: '错误代码（稳定的大写代码）' }) code: string;
  @ApiProperty({ example: '请求参数不合法：请按 errors 中的说明修改' }) message: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}

type Operation = { parameters?: { in: string }[]; requestBody?: unknown; responses: Record<string, unknown>; 'x-roles'?: string[] };

const ERROR = { $ref: '#/components/schemas/ErrorResponseDto' };
const answer = (description: string) => ({ description, content: { 'application/json': { schema: ERROR } } });

/**
 * Adds to every operation the error answers it can give, each with the error body's schema, where
 * the operation does not document its own: 400 when it takes input, 401 unless public, 403 when
 * only some roles may call it, 404 when its path names an object, 409 for actions, and 503 while
 * PostgreSQL or Temporal is down.
 */
export function documentErrors(document: OpenAPIObject, allRoles: readonly string[]): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item as Record<string, Operation>)) {
      const roles = op['x-roles'] ?? [];
      const add = (status: string, description: string) => (op.responses[status] ??= answer(description));
      if (op.requestBody || op.parameters?.some((p) => p.in !== 'header')) add('400', 'VALIDATION_FAILED 等：请求不合法，errors 列出每个字段及其规则');
      if (!roles.includes('public')) add('401', 'UNAUTHENTICATED：未登录或登录已过期，请重新登录');
      if (!roles.includes('public') && allRoles.some((r) => !roles.includes(r))) add('403', 'FORBIDDEN：当前角色无权执行；FORBIDDEN_DEPARTMENT：不属于本部门的事项');
      if (path.includes('{')) add('404', '*_NOT_FOUND：路径中的对象不存在');
      if (method !== 'get') add('409', '状态冲突（如已办理、已关闭、正在处理中），见 code 与 message');
      add('503', 'DATABASE_UNAVAILABLE / TEMPORAL_UNAVAILABLE：依赖服务暂不可用，请稍后重试');
    }
  }
  return document;
}
