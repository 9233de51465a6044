import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { LoginRateLimit } from '../../rate-limit/rate-limit.decorators';
import { MessageDto } from '../dto/auth-responses.dto';
import { Public } from '../public.decorator';
import { ApiTokensService } from './api-tokens.service';
import { CreateSessionTokenDto, DeleteTokenDto, SessionTokenDto, TokenQueryDto, TokenStatusDto } from './dto/api-tokens.dto';

/** Document 001: 24-hour tokens for the X-Token header. Holding a token is the credential for it. */
@ApiTags('auth')
@Public()
@Controller('token')
export class TokenApiController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Post()
  @LoginRateLimit()
  @HttpCode(200)
  @ApiOperation({ summary: 'Create a 24-hour token, used in the X-Token header' })
  @ApiOkResponse({ type: SessionTokenDto })
  @ApiErrors(400, 401, 429)
  create(@Body() dto: CreateSessionTokenDto): Promise<SessionTokenDto> {
    return this.tokens.createSessionToken(dto.username, dto.password);
  }

  @Get()
  @ApiOperation({ summary: 'Whether a 24-hour token is still valid, and until when' })
  @ApiOkResponse({ type: TokenStatusDto })
  @ApiErrors(400)
  status(@Query() query: TokenQueryDto): Promise<TokenStatusDto> {
    return this.tokens.status(query.token);
  }

  @Delete()
  @HttpCode(200)
  @ApiOperation({ summary: 'Invalidate a 24-hour token before it expires; always succeeds' })
  @ApiOkResponse({ type: MessageDto })
  async remove(@Body() dto: DeleteTokenDto): Promise<MessageDto> {
    await this.tokens.deleteToken(dto.token);
    return { message: 'Token deleted.' };
  }
}
