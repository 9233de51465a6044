import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../access/access.decorators';
import { EventTypeDto } from './dto/event-type.dto';
import { EVENT_TYPES } from './event-types';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  @Get('types')
  @Authenticated()
  @ApiOperation({ summary: 'Every type of event the service emits, with a description and an example of its data' })
  @ApiOkResponse({ type: EventTypeDto, isArray: true })
  types(): EventTypeDto[] {
    return Object.entries(EVENT_TYPES).map(([type, { description, example }]) => ({ type, description, example }));
  }
}
