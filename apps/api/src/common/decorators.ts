import { SetMetadata, applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiExtension, ApiHeader } from '@nestjs/swagger';
import { ROLES as ALL_ROLES, validationFailed, type Role } from '@rol/domain';
import type { AuthUser } from './auth-user';

export const IS_PUBLIC = 'isPublic';
export const ROLES = 'roles';

/**
 * Who may call an operation, in one place: the guard enforces it, and the OpenAPI document
 * carries it as `x-roles` (the README's endpoint table is generated from that). On methods only.
 */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES, roles), ApiExtension('x-roles', roles));

/** Any signed-in user, whatever the role (what they see is still scoped by the service). */
export const AnyRole = () => Roles(...ALL_ROLES);

/** No access token needed (login, health). */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension('x-roles', ['public']));

/** The caller, as the auth guard verified them. */
export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest<{ user: AuthUser }>().user,
);

const readIdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const value = ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(value)) {
    throw validationFailed([{ field: 'Idempotency-Key', code: 'BAD_FORMAT', message: 'Idempotency-Key 须为 1–200 个可见 ASCII 字符' }]);
  }
  return value;
});

/**
 * The optional `Idempotency-Key` header: a client that retries an action with the same key and the
 * same body gets the first attempt's outcome instead of doing it twice (or being told it is done).
 */
export const IdempotencyKey = (): ParameterDecorator => (target, method, index) => {
  readIdempotencyKey()(target, method, index);
  if (method !== undefined) {
    ApiHeader({ name: 'Idempotency-Key', required: false, description: '重试同一操作时带上相同的值（与相同的请求内容）：返回第一次的结果，不会重复办理' })(target, method, Object.getOwnPropertyDescriptor(target, method)!);
  }
};
