import { Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describeError } from './describe-error';

export function requestIdOf(request: FastifyRequest): string | undefined {
  return typeof request.id === 'string' ? request.id : undefined;
}

/**
 * Writes the contract's error envelope (§4): `{error: {code, status, message, details?,
 * request_id}}`, with validation field arrays repeated at the top level as DRF clients read them.
 */
export function sendError(err: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const described = describeError(err);
  const requestId = requestIdOf(request);
  if (described.unexpected) {
    logger.error({ err, requestId, method: request.method, url: request.url }, 'Unhandled error');
  }
  const details = described.fields ?? described.details;
  const body = {
    error: {
      code: described.code,
      status: described.status,
      message: described.message,
      ...(details !== undefined && { details }),
      ...(requestId && { request_id: requestId }),
    },
    ...described.fields,
  };
  if (reply.sent) return;
  reply.headers(described.headers ?? {});
  reply.status(described.status).type('application/json; charset=utf-8').send(body);
}
