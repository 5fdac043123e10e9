import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user';
import { AnyRole, CurrentUser, Public } from '../common/decorators';
import { MeDto, TokenRequestDto, TokenResponseDto } from './auth.dto';
import { AuthService } from './auth.service';

@ApiTags('认证 auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @ApiOperation({ summary: '登录：用户名和密码换取访问令牌' })
  @Public()
  @Post('token')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenResponseDto })
  token(@Body() body: TokenRequestDto): Promise<TokenResponseDto> {
    return this.auth.issueToken(body);
  }

  @ApiOperation({ summary: '当前登录用户：姓名、角色与所在部门' })
  @ApiBearerAuth()
  @Get('me')
  @AnyRole()
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() actor: AuthUser): Promise<MeDto> {
    return this.auth.me(actor);
  }
}
