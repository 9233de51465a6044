import { Injectable } from '@nestjs/common';
import { Not } from 'typeorm';
import { AccessService } from '../access/access.service';
import { User } from '../accounts/entities/user.entity';
import type { AuthContext } from '../auth/auth-context';
import { Conflict, NotFound } from '../common/errors/app-error';
import { StockLevel } from '../inventory/entities/stock-level.entity';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import { CheckCodeDto, CheckCodeResultDto } from './dto/check-code.dto';
import { WarehouseDto } from './dto/warehouse.dto';
import { CreateWarehouseDto, UpdateWarehouseDto } from './dto/warehouse-input.dto';
import { WarehouseListQueryDto } from './dto/warehouse-list.query.dto';
import { Warehouse } from './entities/warehouse.entity';
import { fromWarehouseInput, toWarehouseDto } from './warehouses.mapper';
import { WarehousesRepository } from './warehouses.repository';
import { DuplicateWarehouseCode, WarehouseNotFound } from './warehouses.errors';

/** How many generated codes to try before giving up (each try is one INSERT ... ON CONFLICT). */
const CODE_ATTEMPTS = 20;

@Injectable()
export class WarehousesService {
  constructor(
    @InjectTenantRepository(Warehouse) private readonly warehouses: TenantRepository<Warehouse>,
    @InjectTenantRepository(User) private readonly users: TenantRepository<User>,
    @InjectTenantRepository(StockLevel) private readonly stock: TenantRepository<StockLevel>,
    private readonly repository: WarehousesRepository,
    private readonly access: AccessService,
  ) {}

  async list(auth: AuthContext, query: WarehouseListQueryDto): Promise<{ count: number; results: WarehouseDto[] }> {
    const [rows, count] = await this.repository.page(auth, query);
    return { count, results: rows.map(toWarehouseDto) };
  }

  async get(auth: AuthContext, id: number): Promise<WarehouseDto> {
    return toWarehouseDto(await this.load(auth, id));
  }

  async create(auth: AuthContext, dto: CreateWarehouseDto): Promise<WarehouseDto> {
    const fields = fromWarehouseInput(dto);
    if (dto.code !== undefined) {
      const created = await this.warehouses.insertIfAbsent(auth, { ...fields, code: dto.code });
      if (!created) throw new DuplicateWarehouseCode();
      return toWarehouseDto(created);
    }
    // No code given: WH-001, WH-002, ... starting after the company's warehouse count,
    // skipping codes already taken (also by a concurrent request).
    const start = (await this.warehouses.count(auth)) + 1;
    for (let n = start; n < start + CODE_ATTEMPTS; n++) {
      const created = await this.warehouses.insertIfAbsent(auth, { ...fields, code: `WH-${String(n).padStart(3, '0')}` });
      if (created) return toWarehouseDto(created);
    }
    throw new DuplicateWarehouseCode();
  }

  async update(auth: AuthContext, id: number, dto: UpdateWarehouseDto): Promise<WarehouseDto> {
    const warehouse = await this.load(auth, id);
    await this.access.assert(auth, 'warehouses.write', id);
    if (dto.code !== undefined && dto.code !== warehouse.code) {
      if (await this.warehouses.exists(auth, { code: dto.code, id: Not(id) })) throw new DuplicateWarehouseCode();
    }
    Object.assign(warehouse, fromWarehouseInput(dto));
    await this.warehouses.save(auth, warehouse);
    // Read back what PostgreSQL stored (coordinates rounded to numeric(9,6), updated_at).
    return this.get(auth, id);
  }

  async remove(auth: AuthContext, id: number): Promise<void> {
    await this.load(auth, id);
    await this.access.assert(auth, 'warehouses.write', id);
    if (await this.stock.exists(auth, { warehouseId: id })) {
      throw new Conflict('This warehouse holds stock records; deactivate it (is_active: false) instead of deleting it.');
    }
    await this.warehouses.delete(auth, { id });
  }

  /** Code check: user_id and company_id are honoured only inside the caller's company. */
  async checkCode(auth: AuthContext, dto: CheckCodeDto): Promise<CheckCodeResultDto> {
    if (dto.company_id !== undefined) {
      if (dto.company_id !== auth.companyId) throw new NotFound('Company not found.');
    } else if (dto.user_id !== undefined) {
      if (!(await this.users.exists(auth, { id: dto.user_id }))) throw new NotFound('User not found.');
    }
    const company = await this.repository.company(auth);
    return {
      exists: await this.warehouses.exists(auth, { code: dto.warehouse_code }),
      warehouse_code: dto.warehouse_code,
      company_id: company.id,
      company_name: company.name,
    };
  }

  private async load(auth: AuthContext, id: number): Promise<Warehouse> {
    const warehouse = await this.warehouses.findOne(auth, { id });
    if (!warehouse) throw new WarehouseNotFound();
    return warehouse;
  }
}
