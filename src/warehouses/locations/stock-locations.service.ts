import { Injectable } from '@nestjs/common';
import { Not } from 'typeorm';
import { AccessService } from '../../access/access.service';
import type { AuthContext } from '../../auth/auth-context';
import { Conflict, NotFound, ValidationFailed } from '../../common/errors/app-error';
import { definedOnly } from '../../common/defined';
import { InjectTenantRepository, TenantRepository } from '../../database/tenant-repository';
import { StockLevel } from '../../inventory/entities/stock-level.entity';
import { Warehouse } from '../entities/warehouse.entity';
import { StockLocation } from './stock-location.entity';
import { STANDARD_STOCK_TYPE } from './stock-type';
import { CreateWarehouseLocationDto, StockLocationDto, StockLocationListQueryDto, UpdateStockLocationDto } from './stock-location.dto';
import { toStockLocationDto } from './stock-locations.mapper';

const duplicateCode = () => ValidationFailed.field('code', 'A location with this code already exists in this warehouse.');

@Injectable()
export class StockLocationsService {
  constructor(
    @InjectTenantRepository(StockLocation) private readonly locations: TenantRepository<StockLocation>,
    @InjectTenantRepository(Warehouse) private readonly warehouses: TenantRepository<Warehouse>,
    @InjectTenantRepository(StockLevel) private readonly stock: TenantRepository<StockLevel>,
    private readonly access: AccessService,
  ) {}

  async list(auth: AuthContext, query: StockLocationListQueryDto): Promise<{ count: number; results: StockLocationDto[] }> {
    if (query.provider !== undefined) await this.loadWarehouse(auth, query.provider);
    const [rows, count] = await this.locations.findAndCount(auth, {
      where: definedOnly({ warehouseId: query.provider, code: query.code, stockType: query.stock_type, isActive: query.is_active }),
      order: { warehouseId: 'ASC', code: 'ASC', id: 'ASC' },
      skip: (query.page - 1) * query.page_size,
      take: query.page_size,
    });
    return { count, results: rows.map(toStockLocationDto) };
  }

  async get(auth: AuthContext, id: number): Promise<StockLocationDto> {
    return toStockLocationDto(await this.load(auth, id));
  }

  async create(auth: AuthContext, warehouseId: number, dto: CreateWarehouseLocationDto): Promise<StockLocationDto> {
    await this.loadWarehouse(auth, warehouseId);
    await this.access.assert(auth, 'warehouses.write', warehouseId);
    const location = await this.locations.insertIfAbsent(auth, {
      warehouseId,
      code: dto.code,
      name: dto.name,
      stockType: dto.stock_type ?? STANDARD_STOCK_TYPE,
      isActive: dto.is_active ?? true,
    });
    if (!location) throw duplicateCode();
    return toStockLocationDto(location);
  }

  async update(auth: AuthContext, id: number, dto: UpdateStockLocationDto): Promise<StockLocationDto> {
    const location = await this.load(auth, id);
    await this.access.assert(auth, 'warehouses.write', location.warehouseId);
    if (dto.code !== undefined && dto.code !== location.code) {
      if (await this.locations.exists(auth, { warehouseId: location.warehouseId, code: dto.code, id: Not(id) })) throw duplicateCode();
    }
    Object.assign(location, definedOnly({ name: dto.name, code: dto.code, stockType: dto.stock_type, isActive: dto.is_active }));
    await this.locations.save(auth, location);
    return this.get(auth, id);
  }

  async remove(auth: AuthContext, id: number): Promise<void> {
    const location = await this.load(auth, id);
    await this.access.assert(auth, 'warehouses.write', location.warehouseId);
    if (await this.stock.exists(auth, { locationId: id })) {
      throw new Conflict('This location holds stock records; move the stock or deactivate the location instead.');
    }
    await this.locations.delete(auth, { id });
  }

  private async load(auth: AuthContext, id: number): Promise<StockLocation> {
    const location = await this.locations.findOne(auth, { id });
    if (!location) throw new NotFound('Stock location not found.');
    return location;
  }

  private async loadWarehouse(auth: AuthContext, id: number): Promise<Warehouse> {
    const warehouse = await this.warehouses.findOne(auth, { id });
    if (!warehouse) throw new NotFound('Warehouse not found.');
    return warehouse;
  }
}
