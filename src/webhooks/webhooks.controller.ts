import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequirePermission } from '../access/access.decorators';
import { CurrentAuth } from '../auth/auth-context';
import type { AuthContext } from '../auth/auth-context';
import { ApiErrors, NoBody } from '../common/http/api-errors.decorator';
import { IdPipe } from '../common/http/id.pipe';
import { CreatesResource } from '../common/http/location';
import { ListQuery, PageOf, toPage } from '../common/http/pagination';
import type { Page } from '../common/http/pagination';
import {
  CreatedWebhookDto,
  CreateWebhookDto,
  DeliveryDto,
  DeliveryListQueryDto,
  ReplayDto,
  ReplayResultDto,
  TestEventDto,
  UpdateWebhookDto,
  WebhookDto,
  WebhookSecretDto,
} from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Webhook endpoints (at most 16 per company)' })
  @ApiOkResponse({ type: PageOf(WebhookDto) })
  @ApiErrors(400, 401)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: ListQuery, @Req() req: FastifyRequest): Promise<Page<WebhookDto>> {
    const { count, results } = await this.webhooks.list(auth, query.page, query.page_size);
    return toPage(req, query, count, results);
  }

  @Post()
  @CreatesResource()
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Subscribe an endpoint to events; the answer holds its signing secret, shown only this once' })
  @ApiCreatedResponse({ type: CreatedWebhookDto })
  @ApiErrors(400, 401, 409)
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateWebhookDto): Promise<CreatedWebhookDto> {
    return this.webhooks.create(auth, dto);
  }

  @Post('deliveries/:id/retry')
  @HttpCode(202)
  @NoBody()
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Attempt a delivery again now (a failed one too)' })
  @ApiAcceptedResponse({ type: DeliveryDto })
  @ApiErrors(401, 404, 409)
  retry(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<DeliveryDto> {
    return this.webhooks.retry(auth, id);
  }

  @Get(':id')
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'A webhook endpoint' })
  @ApiOkResponse({ type: WebhookDto })
  @ApiErrors(401, 404)
  get(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<WebhookDto> {
    return this.webhooks.get(auth, id);
  }

  @Patch(':id')
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Change the URL, the events or turn the endpoint on or off' })
  @ApiOkResponse({ type: WebhookDto })
  @ApiErrors(400, 401, 404)
  update(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number, @Body() dto: UpdateWebhookDto): Promise<WebhookDto> {
    return this.webhooks.update(auth, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Remove a webhook endpoint and its delivery log' })
  @ApiNoContentResponse()
  @ApiErrors(401, 404)
  async remove(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<void> {
    await this.webhooks.remove(auth, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @NoBody()
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'A new signing secret; for 24 hours deliveries carry signatures by both the old and the new one' })
  @ApiOkResponse({ type: WebhookSecretDto })
  @ApiErrors(401, 404)
  rotateSecret(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<WebhookSecretDto> {
    return this.webhooks.rotateSecret(auth, id);
  }

  @Post(':id/test')
  @HttpCode(202)
  @NoBody()
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Send a webhook.test event to this endpoint only' })
  @ApiAcceptedResponse({ type: TestEventDto })
  @ApiErrors(401, 404)
  test(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<TestEventDto> {
    return this.webhooks.test(auth, id);
  }

  @Get(':id/deliveries')
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: "The endpoint's delivery log, newest first: each event's attempts and the last answer" })
  @ApiOkResponse({ type: PageOf(DeliveryDto) })
  @ApiErrors(400, 401, 404)
  async deliveries(
    @CurrentAuth() auth: AuthContext,
    @Param('id', IdPipe) id: number,
    @Query() query: DeliveryListQueryDto,
    @Req() req: FastifyRequest,
  ): Promise<Page<DeliveryDto>> {
    const { count, results } = await this.webhooks.deliveriesOf(auth, id, query);
    return toPage(req, query, count, results);
  }

  @Post(':id/replay')
  @HttpCode(202)
  @RequirePermission('integrations.manage')
  @ApiOperation({ summary: 'Deliver the events of a time range again (from the events feed, which keeps 30 days)' })
  @ApiAcceptedResponse({ type: ReplayResultDto })
  @ApiErrors(400, 401, 404)
  replay(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number, @Body() dto: ReplayDto): Promise<ReplayResultDto> {
    return this.webhooks.replay(auth, id, dto);
  }
}
