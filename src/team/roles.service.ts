import { Injectable } from '@nestjs/common';
import { Role } from '../access/entities/role.entity';
import { WarehouseAssignment } from '../access/entities/warehouse-assignment.entity';
import type { AuthContext } from '../auth/auth-context';
import { definedOnly } from '../common/defined';
import { ListQuery } from '../common/http/pagination';
import { uniqueViolation } from '../database/pg-errors';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import { CreateRoleDto, RoleDto, UpdateRoleDto } from './dto/role.dto';
import { toRoleDto } from './roles.mapper';
import { RolesRepository } from './roles.repository';
import { DuplicateRoleName, RoleInUse, RoleNotFound } from './team.errors';

/** Custom roles: a company's own named permission sets, assigned per warehouse. */
@Injectable()
export class RolesService {
  constructor(
    @InjectTenantRepository(Role) private readonly roles: TenantRepository<Role>,
    @InjectTenantRepository(WarehouseAssignment) private readonly assignments: TenantRepository<WarehouseAssignment>,
    private readonly repository: RolesRepository,
  ) {}

  async list(auth: AuthContext, query: ListQuery): Promise<{ count: number; results: RoleDto[] }> {
    const [rows, count] = await this.repository.page(auth, query);
    return { count, results: rows.map(toRoleDto) };
  }

  async get(auth: AuthContext, id: number): Promise<RoleDto> {
    return toRoleDto(await this.load(auth, id));
  }

  async create(auth: AuthContext, dto: CreateRoleDto): Promise<RoleDto> {
    await this.assertNameFree(auth, dto.name);
    const role = await this.uniqueName(() =>
      this.roles.insert(auth, { name: dto.name, description: dto.description ?? '', permissions: dto.permissions ?? [] }),
    );
    return toRoleDto(role);
  }

  async update(auth: AuthContext, id: number, dto: UpdateRoleDto): Promise<RoleDto> {
    const role = await this.load(auth, id);
    if (dto.name !== undefined && dto.name.toLowerCase() !== role.name.toLowerCase()) await this.assertNameFree(auth, dto.name);
    Object.assign(role, definedOnly({ name: dto.name, description: dto.description, permissions: dto.permissions }));
    return toRoleDto(await this.uniqueName(() => this.roles.save(auth, role)));
  }

  async remove(auth: AuthContext, id: number): Promise<void> {
    await this.load(auth, id);
    const uses = await this.assignments.count(auth, { roleId: id });
    if (uses > 0) throw new RoleInUse(uses);
    await this.roles.delete(auth, { id });
  }

  private async load(auth: AuthContext, id: number): Promise<Role> {
    const role = await this.roles.findOne(auth, { id });
    if (!role) throw new RoleNotFound();
    return role;
  }

  private async assertNameFree(auth: AuthContext, name: string): Promise<void> {
    if (await this.repository.nameTaken(auth, name)) throw new DuplicateRoleName();
  }

  /** Two concurrent creates with one name: the loser gets the same 400 as the pre-check. */
  private async uniqueName<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (uniqueViolation(err) === 'uq_roles_company_name') throw new DuplicateRoleName();
      throw err;
    }
  }
}
