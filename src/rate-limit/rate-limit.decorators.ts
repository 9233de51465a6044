import { SetMetadata } from '@nestjs/common';

export const LOGIN_LIMITED = 'stockroom:loginLimited';

/** Marks a login or token-creation route: also limited per (client IP, username or email). */
export const LoginRateLimit = () => SetMetadata(LOGIN_LIMITED, true);
