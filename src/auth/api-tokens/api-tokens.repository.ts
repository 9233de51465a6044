import { Injectable } from '@nestjs/common';
import { Brackets } from 'typeorm';
import { User } from '../../accounts/entities/user.entity';
import type { TenantKey } from '../../database/tenant-key';
import { InjectTenantRepository, TenantRepository } from '../../database/tenant-repository';
import { ApiToken } from './api-token.entity';

/** Opaque tokens' queries inside a company (the identity door's are in api-token.store.ts). */
@Injectable()
export class ApiTokensRepository {
  constructor(
    @InjectTenantRepository(ApiToken) private readonly tokens: TenantRepository<ApiToken>,
    @InjectTenantRepository(User) private readonly users: TenantRepository<User>,
  ) {}

  /** A user's tokens that still work (not revoked, not expired), newest first, one page. */
  liveTokensOf(key: TenantKey, userId: number, page: number, pageSize: number): Promise<[ApiToken[], number]> {
    return this.tokens
      .query(key, 't')
      .andWhere('t.user_id = :userId and t.revoked_at is null', { userId })
      .andWhere(new Brackets((b) => b.where('t.expires_at is null').orWhere('t.expires_at > now()')))
      .orderBy('t.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }

  /** The company's user with this username, in any letter case. */
  userByUsername(key: TenantKey, username: string): Promise<User | null> {
    return this.users.query(key, 'u').andWhere('lower(u.username) = lower(:username)', { username }).getOne();
  }
}
