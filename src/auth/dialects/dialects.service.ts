import { AppConfig } from '../../config/app-config';
import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { RegisterResponseDto } from '../dto/auth-responses.dto';
import { ApiTokenStore } from '../api-tokens/api-token.store';
import { LOGIN_KEY_TTL_MS } from '../api-tokens/opaque-token';
import { AuthContext } from '../auth-context';
import { AuthService } from '../auth.service';
import { CredentialsService } from '../credentials.service';
import { IdentityStore } from '../identity.store';
import { CredentialRevocation } from '../revocation/credential-revocation.service';
import { AccessTokenResponseDto, SharedLoginDto, SharedLoginResponseDto, SimpleRegisterDto } from './dto/dialects.dto';

/** What documents 000, 002 and 003 add to the 004 flows. */
@Injectable()
export class DialectsService {
  constructor(
    private readonly auth: AuthService,
    private readonly credentials: CredentialsService,
    private readonly identities: IdentityStore,
    private readonly apiTokens: ApiTokenStore,
    private readonly revocation: CredentialRevocation,
    private readonly config: AppConfig,
  ) {}

  /** The login of 000, 002 and 003: one body that each document's client can read. */
  async login(dto: SharedLoginDto): Promise<SharedLoginResponseDto> {
    const login = dto.email !== undefined && dto.username === undefined ? { email: dto.email } : { username: dto.username };
    const { user } = await this.credentials.verify(login, dto.password, { status: 401, message: 'The provided credentials are invalid.' });
    const session = await this.credentials.startSession(user);
    const key = await this.apiTokens.issue(user, 'login_key', new Date(Date.now() + LOGIN_KEY_TTL_MS));
    return {
      key: key.token,
      token: session.access,
      access: session.access,
      refresh: session.refresh,
      access_token: session.access,
      refresh_token: session.refresh,
      token_type: 'Bearer',
      expires_in: session.expiresIn,
      user: { id: user.id, username: user.username, email: user.email, role: user.role },
    };
  }

  /** 003: sign-up without company fields; the company is named after the user. */
  async register(dto: SimpleRegisterDto): Promise<RegisterResponseDto> {
    const taken = await this.identities.taken({ username: '', email: '', companyName: dto.username });
    const companyName = taken.companyName ? `${dto.username}-${randomBytes(3).toString('hex')}` : dto.username;
    return this.auth.register({ ...dto, company_name: companyName, password_confirm: dto.password });
  }

  /** 002: `{refresh_token}` → `{access_token, expires_in}` (plus the rotated refresh token). */
  async refresh(refreshToken: string): Promise<AccessTokenResponseDto> {
    const pair = await this.auth.refresh(refreshToken);
    return { access_token: pair.access, expires_in: this.config.accessTokenTtlSeconds, refresh_token: pair.refresh, token_type: 'Bearer' };
  }

  /** 002: the credential presented is refused from now on, and its session ends. */
  logoutBearer(auth: AuthContext): Promise<void> {
    return this.revocation.endCurrentCredential(auth);
  }
}
