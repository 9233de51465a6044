import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

/** What a 403 was missing. */
export class PermissionDetailDto {
  @ApiProperty({ example: 'inventory.write', description: 'The permission the request needs' })
  permission: string;

  @ApiPropertyOptional({ type: 'integer', example: 3, description: 'The warehouse it is needed in, when the route is scoped to one' })
  warehouse_id?: number;
}

/** Field name → messages: validation errors, and the lines a stock or state conflict names. */
export const FIELD_ERRORS_SCHEMA = { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } } as const;

@ApiExtraModels(PermissionDetailDto)
export class ErrorDetailDto {
  @ApiProperty({ example: 'VALIDATION_ERROR', description: 'Stable UPPER_SNAKE error code' })
  code: string;

  @ApiProperty({ example: 400, description: 'The HTTP status' })
  status: number;

  @ApiProperty({ example: 'Bad request - please check your input' })
  message: string;

  @ApiPropertyOptional({
    description: 'Field name → messages for validation errors and conflicts that name lines; for 403, the permission that was missing',
    oneOf: [FIELD_ERRORS_SCHEMA, { $ref: getSchemaPath(PermissionDetailDto) }],
    example: { email: ['This field is required.'] },
  })
  details?: Record<string, string[]> | PermissionDetailDto;

  @ApiPropertyOptional({ description: 'Id of the request, also in the X-Request-Id header and the logs' })
  request_id?: string;
}

/** The error envelope; validation errors repeat their field arrays at the top level. */
export class ErrorBodyDto {
  @ApiProperty({ type: ErrorDetailDto })
  error: ErrorDetailDto;
}
