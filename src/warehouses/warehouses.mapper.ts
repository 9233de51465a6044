import { definedOnly } from '../common/defined';
import { isoTime } from '../common/http/serialize';
import type { WarehouseDto } from './dto/warehouse.dto';
import type { WarehouseFieldsDto } from './dto/warehouse-input.dto';
import type { Warehouse } from './entities/warehouse.entity';

export function toWarehouseDto(w: Warehouse): WarehouseDto {
  return {
    id: w.id,
    code: w.code,
    name: w.name,
    description: w.description,
    company_id: w.companyId,
    address_line1: w.addressLine1,
    address_line2: w.addressLine2,
    city: w.city,
    state: w.state,
    postal_code: w.postalCode,
    country: w.country,
    time_zone: w.timeZone,
    latitude: w.latitude,
    longitude: w.longitude,
    type: w.type,
    is_active: w.isActive,
    allow_negative_stock: w.allowNegativeStock,
    uses_bins: w.usesBins,
    location: w.location,
    capacity: w.capacity,
    created_at: isoTime(w.createdAt),
    updated_at: isoTime(w.updatedAt),
  };
}

/** The entity fields a request sets; fields the request leaves out stay undefined (unchanged). */
export function fromWarehouseInput(dto: WarehouseFieldsDto & { code?: string; name?: string }): Partial<Warehouse> {
  return definedOnly<Partial<Warehouse>>({
    code: dto.code,
    name: dto.name,
    description: dto.description,
    addressLine1: dto.address_line1,
    addressLine2: dto.address_line2,
    city: dto.city,
    state: dto.state,
    postalCode: dto.postal_code,
    country: dto.country,
    timeZone: dto.time_zone,
    latitude: dto.latitude,
    longitude: dto.longitude,
    type: dto.type,
    isActive: dto.is_active,
    allowNegativeStock: dto.allow_negative_stock,
    usesBins: dto.uses_bins,
    location: dto.location,
    capacity: dto.capacity,
  });
}
