import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../access/access.decorators';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { LoginRateLimit } from '../../rate-limit/rate-limit.decorators';
import { CurrentAuth } from '../auth-context';
import type { AuthContext } from '../auth-context';
import { AuthService } from '../auth.service';
import { MessageDto, RefreshResponseDto, RegisterResponseDto } from '../dto/auth-responses.dto';
import { RefreshDto } from '../dto/credentials.dto';
import { Public } from '../public.decorator';
import { DialectsService } from './dialects.service';
import { AccessTokenResponseDto, BearerLogoutDto, RefreshTokenDto, SharedLoginDto, SharedLoginResponseDto, SimpleRegisterDto } from './dto/dialects.dto';
import { CreatesResource } from '../../common/http/location';

/** Sign-in as documents 000, 002 and 003 describe it, on the same users as 004. */
@ApiTags('auth')
@Controller('auth')
export class SessionDialectsController {
  constructor(
    private readonly dialects: DialectsService,
    private readonly auth: AuthService,
  ) {}

  @Public()
  @LoginRateLimit()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with username (or email) and password; one answer carries a login key, a JWT and a refresh token' })
  @ApiOkResponse({ type: SharedLoginResponseDto })
  @ApiErrors(400, 401, 429)
  login(@Body() dto: SharedLoginDto): Promise<SharedLoginResponseDto> {
    return this.dialects.login(dto);
  }

  @Public()
  @Post('register')
  @CreatesResource('users/{id}/', (body) => (body as { user?: { id?: number } }).user?.id)
  @ApiOperation({ summary: 'Sign up without company details; a company named after the user is created' })
  @ApiCreatedResponse({ type: RegisterResponseDto })
  @ApiErrors(400)
  register(@Body() dto: SimpleRegisterDto): Promise<RegisterResponseDto> {
    return this.dialects.register(dto);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new access token for a refresh token (answers access_token)' })
  @ApiOkResponse({ type: AccessTokenResponseDto })
  @ApiErrors(400, 401)
  refresh(@Body() dto: RefreshTokenDto): Promise<AccessTokenResponseDto> {
    return this.dialects.refresh(dto.refresh_token);
  }

  @Public()
  @Post('token/refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new access token, and the next refresh token (answers access and refresh)' })
  @ApiOkResponse({ type: RefreshResponseDto })
  @ApiErrors(400, 401)
  tokenRefresh(@Body() dto: RefreshDto): Promise<RefreshResponseDto> {
    return this.auth.refresh(dto.refresh);
  }

  @Authenticated()
  @Post('logout')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Log out: the presented token is refused from now on and its session ends' })
  @ApiOkResponse({ type: MessageDto })
  @ApiErrors(401)
  async logout(@CurrentAuth() auth: AuthContext, @Body() _dto: BearerLogoutDto): Promise<MessageDto> {
    await this.dialects.logoutBearer(auth);
    return { message: 'Successfully logged out.' };
  }
}
