import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { DomainError, ErrorCode, type Role } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { IS_PUBLIC, ROLES } from '../common/decorators';

interface TokenClaims {
  sub: string;
  username: string;
  role: Role;
  departmentId: string | null;
}

/** Every endpoint needs a valid access token unless marked @Public(); @Roles() narrows who may call. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new DomainError(ErrorCode.Unauthenticated, '缺少访问令牌（Authorization: Bearer …）');
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new DomainError(ErrorCode.Unauthenticated, '访问令牌无效或已过期，请重新登录');
    }
    request.user = { id: claims.sub, username: claims.username, role: claims.role, departmentId: claims.departmentId };

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(claims.role)) {
      throw new DomainError(ErrorCode.Forbidden, '当前角色无权执行此操作');
    }
    return true;
  }
}
