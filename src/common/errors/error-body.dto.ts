import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ErrorDetailDto {
  @ApiProperty({ example: 'VALIDATION_ERROR', description: 'Stable UPPER_SNAKE error code' })
  code: string;

  @ApiProperty({ example: 400, description: 'The HTTP status' })
  status: number;

  @ApiProperty({ example: 'Bad request - please check your input' })
  message: string;

  @ApiPropertyOptional({
    description: 'Field name → messages, for validation errors',
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    example: { email: ['This field is required.'] },
  })
  details?: Record<string, string[]>;

  @ApiPropertyOptional({ description: 'Id of the request, also in the X-Request-Id header and the logs' })
  request_id?: string;
}

/** The error envelope; validation errors repeat their field arrays at the top level. */
export class ErrorBodyDto {
  @ApiProperty({ type: ErrorDetailDto })
  error: ErrorDetailDto;
}
