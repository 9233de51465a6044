import type { Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { redactUrl } from '../../logging/redaction';
import { describeError } from './describe-error';

/**
 * What a log line may say about an error. A failed statement's parameters, and PostgreSQL's
 * `detail` ("Failing row contains (...)"), can hold a password hash or a token: a query
 * error is logged by its code, message, place and SQL text only.
 */
export function loggableError(err: unknown): unknown {
  if (!(err instanceof QueryFailedError)) return err;
  const driver = err.driverError as { code?: string; table?: string; column?: string; constraint?: string; routine?: string } | undefined;
  return {
    type: 'QueryFailedError',
    message: err.message,
    stack: err.stack,
    code: driver?.code,
    table: driver?.table,
    column: driver?.column,
    constraint: driver?.constraint,
    routine: driver?.routine,
    query: err.query,
  };
}

export function requestIdOf(request: FastifyRequest): string | undefined {
  return typeof request.id === 'string' ? request.id : undefined;
}

/**
 * Writes the error envelope: `{error: {code, status, message, details?,
 * request_id}}`, with validation field arrays repeated at the top level as DRF clients read them.
 */
export function sendError(err: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const described = describeError(err);
  const requestId = requestIdOf(request);
  if (described.unexpected) {
    logger.error({ err: loggableError(err), requestId, method: request.method, url: redactUrl(request.url) }, 'Unhandled error');
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
