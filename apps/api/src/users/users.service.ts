import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode, passwordProblem, Role, validationFailed } from '@rol/domain';
import { DepartmentEntity, UserEntity, recordAudit } from '@rol/db';
import { ApiConfig } from '../common/api-config';
import type { AuthUser } from '../common/auth-user';
import type { CreateUserDto, UserDto } from './users.dto';

export const BCRYPT_ROUNDS = 10;

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ApiConfig,
  ) {}

  /** On an empty database the first office_admin comes from BOOTSTRAP_ADMIN_USERNAME / _PASSWORD. */
  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.value.bootstrapAdmin;
    if (!admin) return;
    await this.dataSource.transaction(async (m) => {
      await m.query('LOCK TABLE users IN EXCLUSIVE MODE');
      if ((await m.count(UserEntity)) > 0) return;
      const user = await m.save(UserEntity, {
        username: admin.username,
        passwordHash: await bcrypt.hash(admin.password, BCRYPT_ROUNDS),
        role: Role.OfficeAdmin,
        displayName: '系统管理员',
        departmentId: null,
      });
      await recordAudit(m, { actorId: null, action: 'user.bootstrap', targetType: 'user', targetId: user.id, detail: { username: user.username } });
      this.logger.log(`created the first office_admin "${admin.username}"`);
    });
  }

  async create(actor: AuthUser, dto: CreateUserDto): Promise<UserDto> {
    if (dto.role === Role.DepartmentUser && !dto.departmentId) {
      throw validationFailed([{ field: 'departmentId', code: 'DEPARTMENT_REQUIRED', message: '部门用户必须指定所属部门 departmentId' }]);
    }
    if (dto.role !== Role.DepartmentUser && dto.role !== Role.Reviewer && dto.departmentId) {
      throw validationFailed([{ field: 'departmentId', code: 'DEPARTMENT_NOT_ALLOWED', message: '只有部门用户和评查人员（其所在单位，用于回避）可以指定所属部门' }]);
    }
    const weak = passwordProblem(dto.password, dto.username);
    if (weak) throw validationFailed([weak]);
    return this.dataSource.transaction(async (m) => {
      if (dto.departmentId && !(await m.existsBy(DepartmentEntity, { id: dto.departmentId }))) {
        throw validationFailed([{ field: 'departmentId', code: 'DEPARTMENT_NOT_FOUND', message: '所属部门不存在' }]);
      }
      if (await m.existsBy(UserEntity, { username: dto.username })) {
        throw new DomainError(ErrorCode.UsernameTaken, `用户名 ${dto.username} 已被使用`);
      }
      const user = await m.save(UserEntity, {
        username: dto.username,
        passwordHash: await bcrypt.hash(dto.password, BCRYPT_ROUNDS),
        role: dto.role,
        displayName: dto.displayName,
        departmentId: dto.departmentId ?? null,
      });
      await recordAudit(m, {
        actorId: actor.id,
        action: 'user.create',
        targetType: 'user',
        targetId: user.id,
        detail: { username: user.username, role: user.role, departmentId: user.departmentId },
      });
      return toUserDto(user);
    });
  }

  async list(): Promise<UserDto[]> {
    const users = await this.dataSource.getRepository(UserEntity).find({ order: { createdAt: 'ASC' } });
    return users.map(toUserDto);
  }
}

function toUserDto(u: UserEntity): UserDto {
  return { id: u.id, username: u.username, role: u.role, displayName: u.displayName, departmentId: u.departmentId, active: u.active, createdAt: u.createdAt };
}
