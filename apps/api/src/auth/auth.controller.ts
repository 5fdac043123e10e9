import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Public } from '../common/decorators';
import { TokenRequestDto, TokenResponseDto } from './auth.dto';
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
}
