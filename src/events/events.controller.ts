import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Authenticated, RequirePermission } from '../access/access.decorators';
import { CurrentAuth } from '../auth/auth-context';
import type { AuthContext } from '../auth/auth-context';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { IdPipe } from '../common/http/id.pipe';
import { PageOf, toCursorPage, toPage } from '../common/http/pagination';
import type { Page } from '../common/http/pagination';
import { EventDto, EventListQueryDto } from './dto/event.dto';
import { EventTypeDto } from './dto/event-type.dto';
import { EVENT_TYPES } from './event-types';
import { EventsFeedService } from './events-feed.service';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly feed: EventsFeedService) {}

  @Get('types')
  @Authenticated()
  @ApiOperation({ summary: 'Every type of event the service emits, with a description and an example of its data' })
  @ApiOkResponse({ type: EventTypeDto, isArray: true })
  types(): EventTypeDto[] {
    return Object.entries(EVENT_TYPES).map(([type, { description, example }]) => ({ type, description, example }));
  }

  @Get()
  @RequirePermission('events.read')
  @ApiOperation({ summary: 'The events feed, newest first: what webhooks deliver, kept 30 days, for partners who poll or catch up' })
  @ApiOkResponse({ type: PageOf(EventDto) })
  @ApiErrors(400, 401)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: EventListQueryDto, @Req() req: FastifyRequest): Promise<Page<EventDto>> {
    const { count, results } = await this.feed.list(auth, query);
    return query.cursor === undefined ? toPage(req, query, count, results) : toCursorPage(req, query, count, results);
  }

  @Get(':id')
  @RequirePermission('events.read')
  @ApiOperation({ summary: 'An event' })
  @ApiOkResponse({ type: EventDto })
  @ApiErrors(401, 404)
  get(@CurrentAuth() auth: AuthContext, @Param('id', IdPipe) id: number): Promise<EventDto> {
    return this.feed.get(auth, id);
  }
}
