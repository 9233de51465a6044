import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { PermissionDenied } from '../common/errors/app-error';
import type { TenantKey } from '../database/tenant-key';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import { WarehouseAssignment } from './entities/warehouse-assignment.entity';
import { LEGACY_ROLE_PERMISSIONS, Permission } from './permissions';

/** Which permissions a user holds in which warehouse, from their assignments. */
export type WarehouseGrants = Map<number, ReadonlySet<Permission>>;

@Injectable()
export class AccessService {
  constructor(@InjectTenantRepository(WarehouseAssignment) private readonly assignments: TenantRepository<WarehouseAssignment>) {}

  /** Held company-wide through the user's company role (admins hold everything). */
  holdsCompanyWide(auth: AuthContext, permission: Permission): boolean {
    return LEGACY_ROLE_PERMISSIONS[auth.role].has(permission);
  }

  /** Warehouse assignments (with warehouse and role) of some users of the caller's company, primary first. */
  async assignmentsOf(key: TenantKey, userIds: number[]): Promise<Map<number, WarehouseAssignment[]>> {
    const byUser = new Map<number, WarehouseAssignment[]>();
    if (userIds.length === 0) return byUser;
    const rows = await this.assignments.find(key, {
      where: { userId: In(userIds) },
      relations: { warehouse: true, role: true },
      order: { isPrimary: 'DESC', warehouseId: 'ASC' },
    });
    for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
    return byUser;
  }

  /** The user's per-warehouse grants, read in the caller's tenant transaction. */
  async warehouseGrants(auth: AuthContext): Promise<WarehouseGrants> {
    const assignments = (await this.assignmentsOf(auth, [auth.userId])).get(auth.userId) ?? [];
    const grants: WarehouseGrants = new Map();
    for (const a of assignments) {
      const held = a.legacyRole ? LEGACY_ROLE_PERMISSIONS[a.legacyRole] : new Set(a.role?.permissions ?? []);
      grants.set(a.warehouseId, held);
    }
    return grants;
  }

  /** Whether the user holds `permission` company-wide or in at least one warehouse. */
  async holdsAnywhere(auth: AuthContext, permission: Permission): Promise<boolean> {
    if (this.holdsCompanyWide(auth, permission)) return true;
    for (const held of (await this.warehouseGrants(auth)).values()) if (held.has(permission)) return true;
    return false;
  }

  /** Whether the user may use `permission` on the data of one warehouse. */
  async can(auth: AuthContext, permission: Permission, warehouseId: number): Promise<boolean> {
    if (this.holdsCompanyWide(auth, permission)) return true;
    return (await this.warehouseGrants(auth)).get(warehouseId)?.has(permission) ?? false;
  }

  /** The warehouses where the user holds `permission`; null when they hold it company-wide. */
  async warehousesWith(auth: AuthContext, permission: Permission): Promise<number[] | null> {
    if (this.holdsCompanyWide(auth, permission)) return null;
    return [...(await this.warehouseGrants(auth)).entries()].filter(([, held]) => held.has(permission)).map(([id]) => id);
  }

  async assert(auth: AuthContext, permission: Permission, warehouseId: number): Promise<void> {
    if (!(await this.can(auth, permission, warehouseId))) throw PermissionDenied.missing(permission, warehouseId);
  }
}
