/** Stable machine-readable error codes. */
export type ErrorCode =
  | 'VALIDATION_ERROR'
  | 'INVALID_CREDENTIALS'
  | 'NOT_AUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'INSUFFICIENT_STOCK'
  | 'INVALID_STATUS_TRANSITION'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL';

/** Field name → messages, DRF style; general messages go under `non_field_errors`. */
export type FieldErrors = Record<string, string[]>;

/**
 * A failure the client caused or may act on. Domain code throws these (or subclasses);
 * the exception filter renders them. Anything else that escapes is a 500.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailed extends AppError {
  constructor(fields: FieldErrors, message = 'Bad request - please check your input') {
    super(400, 'VALIDATION_ERROR', message, fields);
  }

  static field(field: string, message: string): ValidationFailed {
    return new ValidationFailed({ [field]: [message] });
  }

  static general(message: string): ValidationFailed {
    return new ValidationFailed({ non_field_errors: [message] }, message);
  }
}

export class NotFound extends AppError {
  constructor(message = 'Not found.') {
    super(404, 'NOT_FOUND', message);
  }
}

export class NotAuthenticated extends AppError {
  constructor(message = 'Authentication credentials were not provided.') {
    super(401, 'NOT_AUTHENTICATED', message, undefined, { 'WWW-Authenticate': 'Bearer realm="api"' });
  }
}

export class PermissionDenied extends AppError {
  /** What was missing: `{permission, warehouse_id?}`, answered in `error.details`. */
  readonly details?: { permission: string; warehouse_id?: number };

  constructor(message = 'You do not have permission to perform this action.', details?: { permission: string; warehouse_id?: number }) {
    super(403, 'PERMISSION_DENIED', message);
    this.details = details;
  }

  /** The caller lacks `permission` (in one warehouse, when given). */
  static missing(permission: string, warehouseId?: number): PermissionDenied {
    return new PermissionDenied(undefined, {
      permission,
      ...(warehouseId !== undefined && { warehouse_id: warehouseId }),
    });
  }
}

export class PayloadTooLarge extends AppError {
  constructor(message: string) {
    super(413, 'PAYLOAD_TOO_LARGE', message);
  }
}

export class Conflict extends AppError {
  constructor(message: string, fields?: FieldErrors) {
    super(409, 'CONFLICT', message, fields);
  }
}
