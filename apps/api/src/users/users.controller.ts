import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Role } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { CreateUserDto, UserDto } from './users.dto';
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
}
