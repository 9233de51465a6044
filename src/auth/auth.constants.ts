export const JWT_ISSUER = 'stockroom';
export const JWT_AUDIENCE = 'stockroom-api';
export const REFRESH_TOKEN_TTL_SECONDS = 7 * 24 * 60 * 60;
