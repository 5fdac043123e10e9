import { Body, Controller, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Role } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { AnyRole, CurrentUser, Roles } from '../common/decorators';
import { UuidParam } from '../common/validators';
import { ChangeOwnPasswordDto, CreateUserDto, ResetPasswordDto, UpdateUserDto, UserDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('用户 users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @ApiOperation({ summary: '新建用户' })
  @Post()
  @Roles(Role.OfficeAdmin)
  @ApiCreatedResponse({ type: UserDto })
  create(@CurrentUser() actor: AuthUser, @Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(actor, body);
  }

  @ApiOperation({ summary: '用户列表' })
  @Get()
  @Roles(Role.OfficeAdmin)
  @ApiOkResponse({ type: [UserDto] })
  list(): Promise<UserDto[]> {
    return this.users.list();
  }

  @ApiOperation({ summary: '修改用户：姓名、角色、所属部门、停用或重新启用（立即生效：已登录的会话下一次请求即按新状态处理）' })
  @Patch(':id')
  @Roles(Role.OfficeAdmin)
  @ApiOkResponse({ type: UserDto })
  update(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: UpdateUserDto): Promise<UserDto> {
    return this.users.update(actor, id, body);
  }

  @ApiOperation({ summary: '解除登录锁定（多次登录失败后的临时锁定）' })
  @Post(':id/unlock')
  @HttpCode(200)
  @Roles(Role.OfficeAdmin)
  @ApiOkResponse({ type: UserDto, description: '已解除' })
  unlock(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<UserDto> {
    return this.users.unlock(actor, id);
  }

  @ApiOperation({ summary: '重置用户密码（管理员）', description: '重置后该用户此前的所有登录失效。' })
  @Post(':id/password')
  @HttpCode(200)
  @Roles(Role.OfficeAdmin)
  @ApiOkResponse({ type: UserDto, description: '已重置' })
  resetPassword(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: ResetPasswordDto): Promise<UserDto> {
    return this.users.resetPassword(actor, id, body.password);
  }
}

@ApiTags('用户 users')
@ApiBearerAuth()
@Controller('me/password')
export class OwnPasswordController {
  constructor(private readonly users: UsersService) {}

  @ApiOperation({ summary: '修改本人密码（须提供当前密码）', description: '修改后本账号的所有登录（包括当前这次）失效，须用新密码重新登录。' })
  @Put()
  @AnyRole()
  @ApiOkResponse({ type: UserDto, description: '已修改' })
  change(@CurrentUser() actor: AuthUser, @Body() body: ChangeOwnPasswordDto): Promise<UserDto> {
    return this.users.changeOwnPassword(actor, body.currentPassword, body.newPassword);
  }
}
