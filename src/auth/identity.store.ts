import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { Company } from '../accounts/entities/company.entity';
import { User } from '../accounts/entities/user.entity';
import type { AheadStatement } from '../database/read-ahead';
import { Sessions } from '../database/sessions';
import { RefreshToken } from './entities/refresh-token.entity';
import { IssuedRefreshToken, TokenSubject } from './token.service';

export type RefreshOutcome = { status: 'rotated'; user: User } | { status: 'reused' } | { status: 'invalid' };

/**
 * The identity door: reads and writes that happen before a company is known (sign-up,
 * login, token checks), run as the identity role, which may touch only companies, users
 * and refresh tokens. Everything after the guard runs as the app role under RLS.
 */
@Injectable()
export class IdentityStore {
  constructor(private readonly sessions: Sessions) {}

  /** A user by email or username (case-insensitive), with their company. */
  findForLogin(login: { email?: string; username?: string }): Promise<{ user: User; company: Company } | null> {
    return this.sessions.identity(async (m) => {
      const column = login.email !== undefined ? 'email' : 'username';
      const value = login.email ?? login.username ?? '';
      const user = await m.createQueryBuilder(User, 'u').where(`lower(u.${column}) = lower(:value)`, { value }).getOne();
      if (!user) return null;
      const company = await m.findOneByOrFail(Company, { id: user.companyId });
      return { user, company };
    });
  }

  /** The account a login form names (by username or email), for counting attempts per account. */
  accountIdFor(login: string): Promise<number | null> {
    return this.sessions.identity(async (m) => {
      const rows = (await m.query('select id from users where lower(username) = lower($1) or lower(email) = lower($1) order by id limit 1', [login])) as Array<{
        id: number;
      }>;
      return rows[0]?.id ?? null;
    });
  }

  /** The caller of a verified access token, if they are still active and neither the token nor its session was revoked. */
  async activeUser(userId: number, companyId: number, jti: string, sessionId: string): Promise<Pick<User, 'id' | 'companyId' | 'role'> | null> {
    const [row] = await this.sessions.identityFunction<{ id: number; company_id: number; role: User['role'] }>(
      'select * from identity_active_user($1, $2, $3, $4)',
      [userId, companyId, jti, sessionId],
    );
    return row ? { id: row.id, companyId: row.company_id, role: row.role } : null;
  }

  /**
   * The same check as activeUser, made while opening `request`'s tenant transaction (one round
   * trip for both, Sessions.openWithCheck): on success the transaction stays open for the
   * request's work, which the caller must arrange to close if the request ends before using it.
   * With `ahead`, the request's read is done in that round trip as well.
   */
  async activeUserOpening(
    request: object,
    userId: number,
    companyId: number,
    jti: string,
    sessionId: string,
    ahead?: AheadStatement,
  ): Promise<Pick<User, 'id' | 'companyId' | 'role'> | null> {
    const [row] = await this.sessions.openWithCheck<{ id: number; company_id: number; role: User['role'] }>(
      request,
      companyId,
      'identity_active_user',
      [userId, companyId, jti, sessionId],
      ahead,
    );
    return row ? { id: row.id, companyId: row.company_id, role: row.role } : null;
  }

  /** Which of these identifiers are already taken (username, email, company name). */
  taken(values: { username: string; email: string; companyName: string }): Promise<{ username: boolean; email: boolean; companyName: boolean }> {
    return this.sessions.identity(async (m) => {
      const [row] = (await m.query(
        `select exists(select 1 from users where lower(username) = lower($1)) as username,
                exists(select 1 from users where lower(email) = lower($2)) as email,
                exists(select 1 from companies where lower(name) = lower($3)) as company_name`,
        [values.username, values.email, values.companyName],
      )) as Array<{ username: boolean; email: boolean; company_name: boolean }>;
      return { username: row.username, email: row.email, companyName: row.company_name };
    });
  }

  /** Creates a company and its owner, and the owner's first refresh token, in one transaction. */
  register(
    company: Partial<Company>,
    owner: Partial<User>,
    issueRefresh: (subject: TokenSubject) => IssuedRefreshToken,
  ): Promise<{ company: Company; user: User; refresh: IssuedRefreshToken }> {
    return this.sessions.identity(async (m) => {
      const savedCompany = await m.save(Company, m.create(Company, company));
      const user = await m.save(User, m.create(User, { ...owner, companyId: savedCompany.id }));
      const refresh = issueRefresh(user);
      await this.storeRefresh(m, user, refresh);
      return { company: savedCompany, user, refresh };
    });
  }

  /** Records a login and stores the session's first refresh token. */
  startSession(user: User, refresh: IssuedRefreshToken): Promise<void> {
    return this.sessions.identity(async (m) => {
      // Raw on purpose: the identity role may update only last_login, not updated_at.
      await m.query('update users set last_login = now() where id = $1', [user.id]);
      await this.storeRefresh(m, user, refresh);
    });
  }

  /**
   * Marks the refresh token used and stores its successor, atomically: of two concurrent
   * refreshes with one token, one wins. A token that was already used or revoked is a
   * replay: its whole family is revoked (committed, even though the caller is refused).
   */
  rotateRefresh(
    jti: string,
    userId: number,
    issueNext: (user: User, familyId: string) => IssuedRefreshToken,
  ): Promise<RefreshOutcome & { next?: IssuedRefreshToken }> {
    return this.sessions.identity(async (m) => {
      // A CTE makes the UPDATE answer rows like a SELECT (TypeORM wraps UPDATE results).
      const claimed = (await m.query(
        `with claimed as (
           update refresh_tokens set used_at = now()
            where id = $1 and user_id = $2 and used_at is null and revoked_at is null and expires_at > now()
           returning family_id
         ) select family_id from claimed`,
        [jti, userId],
      )) as Array<{ family_id: string }>;
      if (claimed.length === 1) {
        const user = await m.findOneBy(User, { id: userId, isActive: true });
        if (!user) return { status: 'invalid' };
        const familyId = claimed[0].family_id;
        const next = issueNext(user, familyId);
        await this.storeRefresh(m, user, next);
        return { status: 'rotated', user, next };
      }
      const known = await m.findOneBy(RefreshToken, { id: jti, userId });
      if (known && (known.usedAt || known.revokedAt)) {
        await m.update(RefreshToken, { familyId: known.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
        return { status: 'reused' };
      }
      return { status: 'invalid' };
    });
  }

  private async storeRefresh(m: EntityManager, user: TokenSubject, refresh: IssuedRefreshToken): Promise<void> {
    await m.insert(RefreshToken, {
      id: refresh.jti,
      companyId: user.companyId,
      userId: user.id,
      familyId: refresh.familyId,
      expiresAt: refresh.expiresAt,
    });
  }
}
