import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../access/access.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { LoginRateLimit } from '../rate-limit/rate-limit.decorators';
import { CurrentAuth } from './auth-context';
import type { AuthContext } from './auth-context';
import { AuthService } from './auth.service';
import { LoginResponseDto, MessageDto, RefreshResponseDto, RegisterResponseDto } from './dto/auth-responses.dto';
import { EmailLoginDto, LogoutDto, RefreshDto } from './dto/credentials.dto';
import { RegisterDto } from './dto/register.dto';
import { Public } from './public.decorator';
import { CreatesResource } from '../common/http/location';

/** Document 004's sign-up, login, refresh and logout. */
@ApiTags('accounts')
@Controller('accounts/auth')
export class AccountsAuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('register')
  @CreatesResource('users/{id}/', (body) => (body as { user?: { id?: number } }).user?.id)
  @ApiOperation({ summary: 'Sign up: create a company and its owner' })
  @ApiCreatedResponse({ type: RegisterResponseDto })
  @ApiErrors(400)
  register(@Body() dto: RegisterDto): Promise<RegisterResponseDto> {
    return this.auth.register(dto);
  }

  @Public()
  @LoginRateLimit()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with email and password' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors(400, 429)
  login(@Body() dto: EmailLoginDto): Promise<LoginResponseDto> {
    return this.auth.loginByEmail(dto);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new access token (the refresh token rotates)' })
  @ApiOkResponse({ type: RefreshResponseDto })
  @ApiErrors(400, 401)
  refresh(@Body() dto: RefreshDto): Promise<RefreshResponseDto> {
    return this.auth.refresh(dto.refresh);
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Blacklist a refresh token, ending its session' })
  @ApiOkResponse({ type: MessageDto })
  @ApiErrors(400, 401)
  logout(@CurrentAuth() auth: AuthContext, @Body() dto: LogoutDto): Promise<MessageDto> {
    return this.auth.logout(auth, dto);
  }
}
