import { Injectable } from '@nestjs/common';
import { User } from '../../accounts/entities/user.entity';
import { AccessService } from '../../access/access.service';
import { NotFound } from '../../common/errors/app-error';
import { InjectTenantRepository, TenantRepository } from '../../database/tenant-repository';
import type { AuthContext } from '../auth-context';
import { CredentialsService } from '../credentials.service';
import { CredentialRevocation } from '../revocation/credential-revocation.service';
import { ApiToken } from './api-token.entity';
import { ApiTokenStore } from './api-token.store';
import { ApiTokenDto, CreatedApiTokenDto, CreateIntegrationKeyDto, SessionTokenDto, TokenStatusDto } from './dto/api-tokens.dto';
import { newOpaqueToken, SESSION_TOKEN_TTL_MS } from './opaque-token';
import { toApiTokenDto } from './api-tokens.mapper';
import { ApiTokensRepository } from './api-tokens.repository';

const unixSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

@Injectable()
export class ApiTokensService {
  constructor(
    @InjectTenantRepository(ApiToken) private readonly tokens: TenantRepository<ApiToken>,
    @InjectTenantRepository(User) private readonly users: TenantRepository<User>,
    private readonly repository: ApiTokensRepository,
    private readonly store: ApiTokenStore,
    private readonly credentials: CredentialsService,
    private readonly access: AccessService,
    private readonly revocation: CredentialRevocation,
  ) {}

  /** 001: a 24-hour token for the X-Token header. */
  async createSessionToken(username: string, password: string): Promise<SessionTokenDto> {
    const { user } = await this.credentials.verify({ username }, password, { status: 401, message: 'invalid credentials' });
    const expiresAt = new Date(Date.now() + SESSION_TOKEN_TTL_MS);
    const { token } = await this.store.issue(user, 'session', expiresAt);
    return { token, expiry_time: unixSeconds(expiresAt) };
  }

  /** 001: whether the token is live and until when. */
  async status(token: string): Promise<TokenStatusDto> {
    const row = await this.store.status(token);
    if (!row) return { valid: false, expiry_time: null };
    return { valid: true, expiry_time: row.expiresAt ? unixSeconds(row.expiresAt) : null };
  }

  /** 001: holding the token is the credential for deleting it; always succeeds. */
  async deleteToken(token: string | undefined): Promise<void> {
    if (token) await this.store.revoke(token);
  }

  /** 000: expires the user's login keys: the caller's own, or, for a team manager, any user of the company. */
  async expireLoginKeys(auth: AuthContext, username: string): Promise<void> {
    const user = await this.repository.userByUsername(auth, username);
    const allowed = user && (user.id === auth.userId || this.access.holdsCompanyWide(auth, 'team.manage'));
    if (!allowed) throw new NotFound('User not found.');
    await this.revocation.revokeApiTokens(auth, user.id, { kind: 'login_key' });
  }

  /** The caller's live tokens. */
  async listOwn(auth: AuthContext, page: number, pageSize: number): Promise<{ count: number; results: ApiTokenDto[] }> {
    const [rows, count] = await this.repository.liveTokensOf(auth, auth.userId, page, pageSize);
    return { count, results: rows.map(toApiTokenDto) };
  }

  async revokeOwn(auth: AuthContext, id: number): Promise<void> {
    if ((await this.revocation.revokeApiTokens(auth, auth.userId, { id })) === 0) throw new NotFound('Token not found.');
  }

  /** An integration key for a partner, acting as a member of the company; the token is shown once. */
  async createIntegrationKey(auth: AuthContext, dto: CreateIntegrationKeyDto): Promise<CreatedApiTokenDto> {
    const userId = dto.user_id ?? auth.userId;
    if (!(await this.users.exists(auth, { id: userId, isActive: true }))) throw new NotFound('User not found.');
    const { token, hash, prefix } = newOpaqueToken();
    const row = await this.tokens.insert(auth, {
      userId,
      kind: 'integration',
      name: dto.name,
      tokenHash: hash,
      prefix,
      expiresAt: dto.expires_at ?? null,
    });
    return { ...toApiTokenDto(row), token };
  }
}
