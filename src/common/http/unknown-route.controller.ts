import { All, Controller } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../auth/public.decorator';
import { NotFound } from '../errors/app-error';

/**
 * Any /api path no route answers. A real route, so the global guards run for it too: an
 * unknown path is counted and carries the rate-limit headers like every other /api answer.
 * Fastify matches every static route before this wildcard.
 */
@ApiExcludeController()
@Controller()
export class UnknownRouteController {
  @Public()
  @All('*')
  unknown(): never {
    throw new NotFound();
  }
}
