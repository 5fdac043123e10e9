import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode, type Role } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { IS_PUBLIC, ROLES } from '../common/decorators';

interface TokenClaims {
  sub: string;
  username: string;
  role: Role;
  departmentId: string | null;
  /** The account's session epoch at sign-in (users.session_epoch). */
  epoch?: number;
}

/**
 * Every endpoint needs a valid access token unless marked @Public(); @Roles() narrows who may call.
 * A token names its user; the user's current row decides, so a deactivated account (or one that no
 * longer exists) is refused on its next request, and a changed role or department applies at once.
 * A password reset or change moves the account's session epoch on: tokens from before it are refused.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly dataSource: DataSource,
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
    const [user]: { id: string; username: string; role: Role; department_id: string | null; active: boolean; session_epoch: number }[] = await this.dataSource.query(
      `SELECT id, username, role, department_id, active, session_epoch FROM users WHERE id = $1::uuid`,
      [/^[0-9a-f-]{36}$/i.test(claims.sub ?? '') ? claims.sub : '00000000-0000-0000-0000-000000000000'],
    );
    if (!user || !user.active) throw new DomainError(ErrorCode.Unauthenticated, '账号已停用或不存在，请重新登录；如有疑问请联系管理员');
    if ((claims.epoch ?? 0) !== user.session_epoch) throw new DomainError(ErrorCode.Unauthenticated, '密码已更改，此前的登录已失效，请用新密码重新登录');
    request.user = { id: user.id, username: user.username, role: user.role, departmentId: user.department_id };

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(user.role)) {
      throw new DomainError(ErrorCode.Forbidden, '当前角色无权执行此操作');
    }
    return true;
  }
}
