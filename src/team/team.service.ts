import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AccessService } from '../access/access.service';
import { WarehouseAssignment } from '../access/entities/warehouse-assignment.entity';
import { Role } from '../access/entities/role.entity';
import { LEGACY_ROLES, User } from '../accounts/entities/user.entity';
import { withUniqueIdentifiers } from '../accounts/identity-uniqueness';
import { fromProfileInput } from '../accounts/users.mapper';
import type { AuthContext } from '../auth/auth-context';
import { CredentialRevocation } from '../auth/revocation/credential-revocation.service';
import { hashPassword, passwordFieldErrors } from '../auth/passwords';
import { FieldErrors, NotFound, ValidationFailed } from '../common/errors/app-error';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import { Warehouse } from '../warehouses/entities/warehouse.entity';
import { TeamMemberDto } from './dto/team-member.dto';
import { CreateMemberDto, ReplaceRolesDto, TeamListQueryDto, UpdateMemberDto } from './dto/team-input.dto';
import { LastAdmin, MemberNotFound, RoleNotFound } from './team.errors';
import { toTeamMember } from './team.mapper';
import type { MemberRoleFilter } from './team.repository';
import { TeamRepository } from './team.repository';

/** `?role=`: a custom role id or a legacy role name; anything else is a 400. */
function roleFilter(role: string | undefined): MemberRoleFilter | null {
  if (role === undefined) return null;
  if (/^\d{1,9}$/.test(role)) return { roleId: Number(role) };
  if ((LEGACY_ROLES as readonly string[]).includes(role)) return { legacy: role };
  throw ValidationFailed.field('role', 'Select a valid role: a role id, or admin, manager, operator or viewer.');
}

@Injectable()
export class TeamService {
  constructor(
    @InjectTenantRepository(User) private readonly users: TenantRepository<User>,
    @InjectTenantRepository(WarehouseAssignment) private readonly assignments: TenantRepository<WarehouseAssignment>,
    @InjectTenantRepository(Warehouse) private readonly warehouses: TenantRepository<Warehouse>,
    @InjectTenantRepository(Role) private readonly roles: TenantRepository<Role>,
    private readonly repository: TeamRepository,
    private readonly access: AccessService,
    private readonly revocation: CredentialRevocation,
  ) {}

  async list(auth: AuthContext, query: TeamListQueryDto): Promise<{ count: number; results: TeamMemberDto[] }> {
    const [users, count] = await this.repository.page(auth, query, roleFilter(query.role));
    const byUser = await this.access.assignmentsOf(
      auth,
      users.map((u) => u.id),
    );
    return { count, results: users.map((u) => toTeamMember(u, byUser.get(u.id) ?? [])) };
  }

  async get(auth: AuthContext, id: number): Promise<TeamMemberDto> {
    const user = await this.load(auth, id);
    return toTeamMember(user, (await this.access.assignmentsOf(auth, [id])).get(id) ?? []);
  }

  async create(auth: AuthContext, dto: CreateMemberDto): Promise<TeamMemberDto> {
    const problems = passwordFieldErrors('password', dto.password, dto);
    if (Object.keys(problems).length > 0) throw new ValidationFailed(problems);
    const passwordHash = await hashPassword(dto.password);
    const user = await withUniqueIdentifiers(() =>
      this.users.insert(auth, { ...fromProfileInput(dto), username: dto.username, email: dto.email, role: dto.role ?? 'viewer', passwordHash }),
    );
    return this.get(auth, user.id);
  }

  async update(auth: AuthContext, id: number, dto: UpdateMemberDto): Promise<TeamMemberDto> {
    const user = await this.load(auth, id);
    const losesAdmin = user.role === 'admin' && user.isActive && ((dto.role && dto.role !== 'admin') || dto.is_active === false);
    if (losesAdmin) await this.assertAnotherAdmin(auth, id);
    Object.assign(user, fromProfileInput(dto));
    if (dto.email !== undefined) user.email = dto.email;
    if (dto.role !== undefined) user.role = dto.role;
    if (dto.is_active !== undefined) user.isActive = dto.is_active;
    await withUniqueIdentifiers(() => this.users.save(auth, user));
    if (dto.is_active === false) await this.revocation.endEverything(auth, id);
    return this.get(auth, id);
  }

  /** Deactivates the member (their history stays); every session and key of theirs ends for good. */
  async deactivate(auth: AuthContext, id: number): Promise<void> {
    const user = await this.load(auth, id);
    if (user.role === 'admin' && user.isActive) await this.assertAnotherAdmin(auth, id);
    user.isActive = false;
    await this.users.save(auth, user);
    await this.revocation.endEverything(auth, id);
  }

  async replaceRoles(auth: AuthContext, id: number, dto: ReplaceRolesDto): Promise<TeamMemberDto> {
    await this.load(auth, id);
    const items = dto.roles;
    const fields: FieldErrors = {};
    const warehouseIds = items.map((i) => i.warehouse_id);
    if (new Set(warehouseIds).size !== warehouseIds.length) fields.roles = ['Each warehouse may appear only once.'];
    if (items.length > 0 && items.filter((i) => i.is_primary).length !== 1) {
      (fields.roles ??= []).push('Exactly one assignment must be primary.');
    }
    items.forEach((item, i) => {
      if (item.role !== undefined && item.role_id !== undefined) fields[`roles[${i}]`] = ['Give either role or role_id, not both.'];
    });
    if (Object.keys(fields).length > 0) throw new ValidationFailed(fields);

    const found = new Set((await this.warehouses.find(auth, { where: { id: In(warehouseIds) } })).map((w) => w.id));
    const missingWarehouse = warehouseIds.find((w) => !found.has(w));
    if (missingWarehouse !== undefined) throw new NotFound(`Warehouse ${missingWarehouse} not found.`);
    const roleIds = items.flatMap((i) => (i.role_id === undefined ? [] : [i.role_id]));
    const roles = new Set((await this.roles.find(auth, { where: { id: In(roleIds) } })).map((r) => r.id));
    const missingRole = roleIds.find((r) => !roles.has(r));
    if (missingRole !== undefined) throw new RoleNotFound(missingRole);

    await this.assignments.delete(auth, { userId: id });
    for (const item of items) {
      await this.assignments.insert(auth, {
        userId: id,
        warehouseId: item.warehouse_id,
        legacyRole: item.role ?? null,
        roleId: item.role_id ?? null,
        isPrimary: item.is_primary ?? false,
      });
    }
    return this.get(auth, id);
  }

  private async load(auth: AuthContext, id: number): Promise<User> {
    const user = await this.users.findOne(auth, { id });
    if (!user) throw new MemberNotFound();
    return user;
  }

  /** Locks the company's active admins, so two admins cannot demote each other at once. */
  private async assertAnotherAdmin(auth: AuthContext, leaving: number): Promise<void> {
    const admins = await this.repository.lockActiveAdmins(auth);
    if (!admins.some((a) => a.id !== leaving)) throw new LastAdmin();
  }
}
