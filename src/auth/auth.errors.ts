import { AppError, NotAuthenticated, ValidationFailed } from '../common/errors/app-error';

/** Wrong email/username or password. 004's login answers 400, the other dialects 401. */
export class InvalidCredentials extends AppError {
  constructor(status: 400 | 401, message = 'Unable to log in with provided credentials.') {
    super(status, 'INVALID_CREDENTIALS', message, status === 400 ? { non_field_errors: [message] } : undefined);
  }
}

export class InvalidRefreshToken extends NotAuthenticated {
  constructor() {
    super('Token is invalid or expired');
  }
}

/** The account clients' logout answers these as {"error": "..."}; the text stays in error.message. */
export class LogoutRefused extends ValidationFailed {
  static missing(): LogoutRefused {
    return new LogoutRefused({ refresh: ['Refresh token is required.'] }, 'Refresh token is required.');
  }

  static invalid(): LogoutRefused {
    const message = 'Invalid token or token already blacklisted.';
    return new LogoutRefused({ non_field_errors: [message] }, message);
  }
}
