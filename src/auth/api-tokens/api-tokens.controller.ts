import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Authenticated, RequirePermission } from '../../access/access.decorators';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { IdPipe } from '../../common/http/id.pipe';
import { Page, PageOf, toPage } from '../../common/http/pagination';
import { CurrentAuth } from '../auth-context';
import type { AuthContext } from '../auth-context';
import { ApiTokensService } from './api-tokens.service';
import { ApiTokenDto, ApiTokenListQueryDto, CreatedApiTokenDto, CreateIntegrationKeyDto, ExpireTokenDto } from './dto/api-tokens.dto';
import { CreatesResource } from '../../common/http/location';

/** Opaque keys: 000's expire-token, and a user's own list of keys. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller()
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Post('expire-token')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ summary: "Expire a user's login keys: your own, or any user's of your company as a team manager" })
  @ApiNoContentResponse({ description: 'Expired' })
  @ApiErrors(400, 401, 404)
  expire(@CurrentAuth() auth: AuthContext, @Body() dto: ExpireTokenDto): Promise<void> {
    return this.tokens.expireLoginKeys(auth, dto.username);
  }

  @Get('auth/tokens')
  @Authenticated()
  @ApiOperation({ summary: 'Your live opaque tokens (login keys, X-Tokens, integration keys)' })
  @ApiOkResponse({ type: PageOf(ApiTokenDto) })
  @ApiErrors(400, 401)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: ApiTokenListQueryDto, @Req() req: FastifyRequest): Promise<Page<ApiTokenDto>> {
    const { count, results } = await this.tokens.listOwn(auth, query.page, query.page_size);
    return toPage(req, query, count, results);
  }

  @Post('auth/tokens')
  @CreatesResource('auth/tokens/{id}/')
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Create an integration key for a partner; the token is shown only in this answer' })
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  @ApiErrors(400, 401, 404)
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateIntegrationKeyDto): Promise<CreatedApiTokenDto> {
    return this.tokens.createIntegrationKey(auth, dto);
  }

  @Delete('auth/tokens/:id')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ summary: 'Revoke one of your tokens' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrors(401, 404)
  revoke(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<void> {
    return this.tokens.revokeOwn(auth, id);
  }
}
