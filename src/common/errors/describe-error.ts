import { HttpException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import type { ErrorCode, FieldErrors } from './app-error';
import { AppError } from './app-error';

export interface DescribedError {
  status: number;
  code: ErrorCode;
  message: string;
  fields?: FieldErrors;
  details?: unknown;
  headers?: Record<string, string>;
  /** True when this is our bug (5xx): log it with its stack. */
  unexpected: boolean;
}

const BY_STATUS: Record<number, { code: ErrorCode; message: string }> = {
  400: { code: 'VALIDATION_ERROR', message: 'Bad request - please check your input' },
  401: { code: 'NOT_AUTHENTICATED', message: 'Authentication credentials were not provided.' },
  403: { code: 'PERMISSION_DENIED', message: 'You do not have permission to perform this action.' },
  404: { code: 'NOT_FOUND', message: 'Not found.' },
  405: { code: 'METHOD_NOT_ALLOWED', message: 'Method not allowed.' },
  409: { code: 'CONFLICT', message: 'Conflict.' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large.' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported media type.' },
  429: { code: 'RATE_LIMITED', message: 'Request was throttled.' },
  503: { code: 'SERVICE_UNAVAILABLE', message: 'Service unavailable.' },
};

function byStatus(status: number, message?: string, details?: unknown): DescribedError {
  const known = BY_STATUS[status] ?? (status >= 500 ? { code: 'INTERNAL' as const, message: 'Internal server error.' } : BY_STATUS[400]);
  const fields = status === 400 && message ? { non_field_errors: [message] } : undefined;
  return { status, code: known.code, message: message ?? known.message, fields, details, unexpected: status >= 500 };
}

/** PostgreSQL errors a client can cause even when every input was validated (races, references). */
function describeQueryFailure(err: QueryFailedError): DescribedError | undefined {
  const code = (err.driverError as { code?: string } | undefined)?.code;
  switch (code) {
    case '23503':
      return { ...byStatus(409), message: 'This object is referenced by other objects or references a missing one.' };
    case '23505':
      return { ...byStatus(409), message: 'An object with these values already exists.' };
    case '23514':
      return { ...byStatus(409), message: 'The change would break a rule of the data.' };
    case '22003':
      return byStatus(400, 'A number is out of range.');
    case '40001':
    case '40P01':
      return { ...byStatus(409), message: 'The request conflicted with a concurrent change; retry it.' };
    default:
      return undefined;
  }
}

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Maps anything thrown while serving a request to what the client is told. */
export function describeError(err: unknown): DescribedError {
  if (err instanceof AppError) {
    const details = (err as { details?: unknown }).details;
    return { status: err.status, code: err.code, message: err.message, fields: err.fields, details, headers: err.headers, unexpected: false };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const response = err.getResponse();
    const text = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    if (status === 404) return byStatus(404);
    if (status === 503) return byStatus(503, undefined, typeof response === 'object' ? response : undefined);
    if (status === 401) return { ...byStatus(401), headers: { 'WWW-Authenticate': 'Bearer realm="api"' } };
    return byStatus(status, typeof text === 'string' ? text : Array.isArray(text) ? text.join('; ') : undefined);
  }
  if (err instanceof QueryFailedError) {
    const known = describeQueryFailure(err);
    if (known) return known;
  }
  // Errors raised by Fastify before a route runs (body parsing, size, media type).
  const fastify = err as FastifyLikeError;
  if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    if (fastify.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/i.test(fastify.message ?? '')) {
      return byStatus(400, `JSON parse error - ${fastify.message}`);
    }
    if (fastify.statusCode === 400) return byStatus(400, fastify.message);
    return byStatus(fastify.statusCode);
  }
  return byStatus(500);
}
