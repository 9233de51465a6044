import { ApiProperty } from '@nestjs/swagger';
import { WAREHOUSE_TYPES } from '../entities/warehouse.entity';
import type { WarehouseType } from '../entities/warehouse.entity';

export class WarehouseDto {
  id: number;
  /** @example WH-001 */
  code: string;
  /** @example Main Warehouse */
  name: string;
  description: string;
  company_id: number;
  address_line1: string;
  address_line2: string;
  city: string;
  state: string;
  postal_code: string;
  country: string;
  time_zone: string;
  @ApiProperty({ type: String, nullable: true, example: '40.712800', description: 'Six decimals, as a string' })
  latitude: string | null;
  @ApiProperty({ type: String, nullable: true, example: '-74.006000', description: 'Six decimals, as a string' })
  longitude: string | null;
  @ApiProperty({ enum: WAREHOUSE_TYPES })
  type: WarehouseType;
  is_active: boolean;
  allow_negative_stock: boolean;
  uses_bins: boolean;
  /** Free-text location (an address line or area). */
  location: string;
  /** Capacity in units. */
  capacity: number | null;
  created_at: string;
  updated_at: string;
}

export class WarehouseCreatedDto {
  warehouse: WarehouseDto;
  /** @example Warehouse created successfully. */
  message: string;
}
