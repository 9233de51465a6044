import { Injectable } from '@nestjs/common';
import { Company } from '../accounts/entities/company.entity';
import { User } from '../accounts/entities/user.entity';
import { InvalidCredentials } from './auth.errors';
import { IdentityStore } from './identity.store';
import { verifyPassword } from './passwords';
import { TokenService } from './token.service';

export interface StartedSession {
  access: string;
  refresh: string;
  sessionId: string;
  expiresIn: number;
}

/** The steps every login dialect shares: check a password, then open a session. */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly identities: IdentityStore,
    private readonly tokens: TokenService,
  ) {}

  /**
   * The user with this email or username and password. An unknown login and a wrong
   * password look the same (and take as long); 004 answers 400, the other dialects 401.
   */
  async verify(
    login: { email?: string; username?: string },
    password: string,
    failure: { status: 400 | 401; message?: string },
  ): Promise<{ user: User; company: Company }> {
    const found = await this.identities.findForLogin(login);
    const ok = await verifyPassword(found?.user.passwordHash, password);
    if (!found || !ok) throw new InvalidCredentials(failure.status, failure.message);
    if (!found.user.isActive) throw new InvalidCredentials(failure.status, 'User account is disabled.');
    if (!found.company.isActive) throw new InvalidCredentials(failure.status, 'No active company is assigned to this user.');
    return found;
  }

  /** A new login session: a refresh-token family, its first refresh token and an access token. */
  async startSession(user: User): Promise<StartedSession> {
    const refresh = this.tokens.issueRefresh(user);
    await this.identities.startSession(user, refresh);
    const access = this.tokens.issueAccess(user, refresh.familyId);
    return { access: access.token, refresh: refresh.token, sessionId: refresh.familyId, expiresIn: access.expiresIn };
  }
}
