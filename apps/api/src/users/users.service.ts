import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode, passwordProblem, Role, validationFailed } from '@rol/domain';
import { DepartmentEntity, UserEntity, recordAudit } from '@rol/db';
import { ApiConfig } from '../common/api-config';
import { BCRYPT_ROUNDS } from '../common/passwords';
import type { AuthUser } from '../common/auth-user';
import { requireChanges } from '../common/validators';
import type { CreateUserDto, UpdateUserDto, UserDto } from './users.dto';

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

  /** Name, role, department, active: effective at once (the auth guard reads the user's row on every request). */
  async update(actor: AuthUser, id: string, dto: UpdateUserDto): Promise<UserDto> {
    requireChanges(dto);
    return this.dataSource.transaction(async (m) => {
      const user = await m.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new DomainError(ErrorCode.NotFound, '用户不存在');
      if (id === actor.id && ((dto.active === false) || (dto.role !== undefined && dto.role !== user.role))) {
        throw new DomainError(ErrorCode.Forbidden, '不能停用自己或更改自己的角色，请由另一位管理员操作');
      }
      const role = dto.role ?? user.role;
      const departmentId = dto.departmentId !== undefined ? dto.departmentId : role === Role.DepartmentUser || role === Role.Reviewer ? user.departmentId : null;
      if (role === Role.DepartmentUser && !departmentId) throw validationFailed([{ field: 'departmentId', code: 'DEPARTMENT_REQUIRED', message: '部门用户必须指定所属部门 departmentId' }]);
      if (role !== Role.DepartmentUser && role !== Role.Reviewer && departmentId) {
        throw validationFailed([{ field: 'departmentId', code: 'DEPARTMENT_NOT_ALLOWED', message: '只有部门用户和评查人员可以指定所属部门' }]);
      }
      if (departmentId && !(await m.existsBy(DepartmentEntity, { id: departmentId }))) throw validationFailed([{ field: 'departmentId', code: 'DEPARTMENT_NOT_FOUND', message: '所属部门不存在' }]);
      const next = { displayName: dto.displayName ?? user.displayName, role, departmentId, active: dto.active ?? user.active };
      const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => v !== (user as unknown as Record<string, unknown>)[k]));
      if (Object.keys(changed).length > 0) {
        await m.update(UserEntity, { id }, next);
        await recordAudit(m, { actorId: actor.id, action: 'active' in changed ? (next.active ? 'user.reactivate' : 'user.deactivate') : 'user.update', targetType: 'user', targetId: id, detail: changed });
      }
      return toUserDto({ ...user, ...next });
    });
  }

  /** Lifts the temporary lock after repeated failed sign-ins (the next sign-in is judged afresh). */
  async unlock(actor: AuthUser, id: string): Promise<UserDto> {
    return this.dataSource.transaction(async (m) => {
      const user = await m.findOneBy(UserEntity, { id });
      if (!user) throw new DomainError(ErrorCode.NotFound, '用户不存在');
      await recordAudit(m, { actorId: actor.id, action: 'user.unlock', targetType: 'user', targetId: id, detail: { username: user.username } });
      return toUserDto(user);
    });
  }

  /** The office admin sets a new password for a user (who forgot theirs). */
  async resetPassword(actor: AuthUser, id: string, password: string): Promise<UserDto> {
    return this.dataSource.transaction(async (m) => {
      const user = await m.findOneBy(UserEntity, { id });
      if (!user) throw new DomainError(ErrorCode.NotFound, '用户不存在');
      const weak = passwordProblem(password, user.username);
      if (weak) throw validationFailed([weak]);
      await m.update(UserEntity, { id }, { passwordHash: await bcrypt.hash(password, BCRYPT_ROUNDS), sessionEpoch: () => 'session_epoch + 1' });
      await recordAudit(m, { actorId: actor.id, action: 'user.password_reset', targetType: 'user', targetId: id, detail: {} });
      return toUserDto(user);
    });
  }

  /** Every user changes their own password, knowing the current one. */
  async changeOwnPassword(actor: AuthUser, current: string, next: string): Promise<UserDto> {
    return this.dataSource.transaction(async (m) => {
      const user = await m.findOneByOrFail(UserEntity, { id: actor.id });
      if (!(await bcrypt.compare(current, user.passwordHash))) throw validationFailed([{ field: 'currentPassword', code: 'PASSWORD_WRONG', message: 'currentPassword 当前密码不正确' }]);
      const weak = passwordProblem(next, user.username, 'newPassword');
      if (weak) throw validationFailed([weak]);
      if (await bcrypt.compare(next, user.passwordHash)) throw validationFailed([{ field: 'newPassword', code: 'PASSWORD_UNCHANGED', message: 'newPassword 新密码不能与当前密码相同' }]);
      await m.update(UserEntity, { id: actor.id }, { passwordHash: await bcrypt.hash(next, BCRYPT_ROUNDS), sessionEpoch: () => 'session_epoch + 1' });
      await recordAudit(m, { actorId: actor.id, action: 'user.password_change', targetType: 'user', targetId: actor.id, detail: {} });
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
