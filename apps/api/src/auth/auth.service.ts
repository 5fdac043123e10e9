import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { DataSource, type Repository } from 'typeorm';
import { DomainError, ErrorCode } from '@rol/domain';
import { recordAudit, UserEntity } from '@rol/db';
import { BCRYPT_ROUNDS } from '../common/passwords';
import { ApiConfig } from '../common/api-config';
import type { AuthUser } from '../common/auth-user';
import type { MeDto, TokenRequestDto, TokenResponseDto } from './auth.dto';

/** Repeated failures for one account: after LOCK_AFTER within LOCK_MINUTES it is locked for that long. */
export const LOCK_AFTER = 5;
export const LOCK_MINUTES = 15;

/** A hash of nothing anyone knows, at the cost real ones have (BCRYPT_ROUNDS). */
const UNKNOWN_USER_HASH = bcrypt.hashSync(randomUUID(), BCRYPT_ROUNDS);

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: ApiConfig,
  ) {}

  async issueToken({ username, password }: TokenRequestDto): Promise<TokenResponseDto> {
    const user = await this.users.findOneBy({ username });
    await this.refuseWhileLocked(username, user?.id);
    // Compare against a real hash of the same cost even when the user is unknown, so the answer
    // takes as long and timing does not tell which usernames exist.
    const ok = await bcrypt.compare(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!user || !ok || !user.active) {
      await this.dataSource.transaction((m) =>
        recordAudit(m, { actorId: null, action: 'auth.sign_in_failed', targetType: 'user', targetId: user?.id ?? username, detail: { username, reason: !user ? 'unknown_user' : !ok ? 'wrong_password' : 'inactive' } }),
      );
      throw new DomainError(ErrorCode.InvalidCredentials, '用户名或密码错误');
    }
    const accessToken = await this.jwt.signAsync({
      sub: user.id,
      username: user.username,
      role: user.role,
      departmentId: user.departmentId,
      epoch: user.sessionEpoch,
    });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.value.jwt.expiresIn };
  }

  /**
   * After LOCK_AFTER failed sign-ins within LOCK_MINUTES the account is locked for the rest of that
   * window, whatever the password (counted from the audit rows, since the last unlock by an admin).
   */
  private async refuseWhileLocked(username: string, userId?: string): Promise<void> {
    const [{ failures, last }] = await this.dataSource.query(
      `SELECT count(*)::int AS failures, max(at) AS last FROM audit_log f
        WHERE f.action = 'auth.sign_in_failed' AND f.detail->>'username' = $1 AND f.at > now() - make_interval(mins => $2)
          AND f.at > coalesce((SELECT max(u.at) FROM audit_log u WHERE u.action = 'user.unlock' AND u.target_id = $3), '-infinity')`,
      [username, LOCK_MINUTES, userId ?? ''],
    );
    if (failures >= LOCK_AFTER) {
      const until = new Date(new Date(last).getTime() + LOCK_MINUTES * 60_000).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, hour: '2-digit', minute: '2-digit' });
      throw new DomainError(ErrorCode.AccountLocked, `登录失败次数过多，账号已临时锁定，请于 ${until} 后再试，或联系管理员解除锁定`);
    }
  }

  async me(actor: AuthUser): Promise<MeDto> {
    const [row] = await this.users.query(
      `SELECT u.id, u.username, u.display_name AS "displayName", u.role, u.department_id AS "departmentId", d.name AS "departmentName"
         FROM users u LEFT JOIN departments d ON d.id = u.department_id WHERE u.id = $1 AND u.active`,
      [actor.id],
    );
    if (!row) throw new DomainError(ErrorCode.Unauthenticated, '账号已停用或不存在，请重新登录');
    return row as MeDto;
  }
}
