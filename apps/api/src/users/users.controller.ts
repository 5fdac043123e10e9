import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Role } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { CreateUserDto, UserDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('用户 users')
@ApiBearerAuth()
@Roles(Role.OfficeAdmin)
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** 新建用户（仅监督科管理员）。 */
  @Post()
  @ApiCreatedResponse({ type: UserDto })
  create(@CurrentUser() actor: AuthUser, @Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(actor, body);
  }

  @Get()
  @ApiOkResponse({ type: [UserDto] })
  list(): Promise<UserDto[]> {
    return this.users.list();
  }
}
