import { isoTime } from '../../common/http/serialize';
import type { ApiToken } from './api-token.entity';
import type { ApiTokenDto } from './dto/api-tokens.dto';

export function toApiTokenDto(t: ApiToken): ApiTokenDto {
  return {
    id: t.id,
    name: t.name,
    kind: t.kind,
    prefix: t.prefix,
    created_at: isoTime(t.createdAt),
    expires_at: isoTime(t.expiresAt),
    last_used_at: isoTime(t.lastUsedAt),
  };
}
