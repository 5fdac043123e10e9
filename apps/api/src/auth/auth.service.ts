import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import type { Repository } from 'typeorm';
import { DomainError, ErrorCode } from '@rol/domain';
import { UserEntity } from '@rol/db';
import { ApiConfig } from '../common/api-config';
import type { AuthUser } from '../common/auth-user';
import type { MeDto, TokenRequestDto, TokenResponseDto } from './auth.dto';

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly jwt: JwtService,
    private readonly config: ApiConfig,
  ) {}

  async issueToken({ username, password }: TokenRequestDto): Promise<TokenResponseDto> {
    const user = await this.users.findOneBy({ username });
    // Compare even when the user is unknown, so timing does not tell which usernames exist.
    const ok = await bcrypt.compare(password, user?.passwordHash ?? '$2b$10$invalidinvalidinvalidinvalidinvalidinvalidinvalidinv');
    if (!user || !ok || !user.active) throw new DomainError(ErrorCode.InvalidCredentials, '用户名或密码错误');
    const accessToken = await this.jwt.signAsync({
      sub: user.id,
      username: user.username,
      role: user.role,
      departmentId: user.departmentId,
    });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.value.jwt.expiresIn };
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
