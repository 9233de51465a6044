import { Role } from '../access/entities/role.entity';
import { WarehouseAssignment } from '../access/entities/warehouse-assignment.entity';
import { Company } from '../accounts/entities/company.entity';
import { User } from '../accounts/entities/user.entity';
import { ApiToken } from '../auth/api-tokens/api-token.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { RevokedAccessToken } from '../auth/sessions/revoked-access-token.entity';
import { Warehouse } from '../warehouses/entities/warehouse.entity';

/** Every mapped table; a new entity is added here and created by a migration. */
export const entities = [Company, User, RefreshToken, Warehouse, Role, WarehouseAssignment, ApiToken, RevokedAccessToken];
