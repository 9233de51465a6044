import { Injectable } from '@nestjs/common';
import { AuthContext } from '../auth/auth-context';
import { NotAuthenticated } from '../common/errors/app-error';
import { Sessions } from '../database/sessions';
import { TenantRepository } from '../database/tenant-repository';
import { UserDetailDto } from './dto/user.dto';
import { Company } from './entities/company.entity';
import { User } from './entities/user.entity';
import { toUserDetail } from './users.mapper';

@Injectable()
export class AccountsService {
  private readonly users: TenantRepository<User>;

  constructor(private readonly sessions: Sessions) {
    this.users = new TenantRepository(User, sessions);
  }

  /** The caller's company; the tenant is the row itself, so it is looked up by its own id. */
  company(auth: AuthContext): Promise<Company> {
    return this.sessions.managerFor(auth).findOneByOrFail(Company, { id: auth.companyId });
  }

  /** 004 §4. */
  async me(auth: AuthContext): Promise<UserDetailDto> {
    const user = await this.users.findOne(auth, { id: auth.userId });
    if (!user) throw new NotAuthenticated('User not found');
    return toUserDetail(user, await this.company(auth), []);
  }
}
