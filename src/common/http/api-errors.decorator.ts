import { applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiResponse } from '@nestjs/swagger';
import { ErrorBodyDto } from '../errors/error-body.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Validation error: field arrays in error.details and at the top level',
  401: 'Missing or invalid credentials',
  403: "Not allowed for the caller's role",
  404: 'Not found, or belongs to another company',
  409: 'Conflicts with the current state',
  429: 'Rate limited',
};

/** Documents the error statuses a route can answer, all with the contract's envelope. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorBodyDto })));
}

/** An action (POST) that takes no body; the OpenAPI check accepts it without a request body. */
export const NoBody = () => ApiExtension('x-no-body', true);
