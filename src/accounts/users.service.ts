import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import type { AuthContext } from '../auth/auth-context';
import { NotFound, PermissionDenied } from '../common/errors/app-error';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import { UpdateUserDto, UserBriefDto } from './dto/user-by-id.dto';
import { withUniqueIdentifiers } from './identity-uniqueness';
import { User } from './entities/user.entity';
import { toUserBrief } from './users.mapper';

/** Document 002's users by id: only the caller's company; a non-manager only themself. */
@Injectable()
export class UsersService {
  constructor(
    @InjectTenantRepository(User) private readonly users: TenantRepository<User>,
    private readonly access: AccessService,
  ) {}

  async get(auth: AuthContext, id: number): Promise<UserBriefDto> {
    const user = await this.load(auth, id);
    return toUserBrief(user);
  }

  async update(auth: AuthContext, id: number, dto: UpdateUserDto): Promise<void> {
    const user = await this.load(auth, id);
    if (user.id !== auth.userId && !this.access.holdsCompanyWide(auth, 'team.manage')) throw new PermissionDenied();
    if (dto.username !== undefined) user.username = dto.username;
    if (dto.email !== undefined) user.email = dto.email;
    await withUniqueIdentifiers(() => this.users.save(auth, user));
  }

  private async load(auth: AuthContext, id: number): Promise<User> {
    const user = await this.users.findOne(auth, { id });
    if (!user) throw new NotFound('User not found.');
    return user;
  }
}
