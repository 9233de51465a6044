import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ListQuery } from '../../common/http/pagination';
import { QueryBoolean } from '../../common/validation/query-boolean.decorator';
import { WAREHOUSE_TYPES } from '../entities/warehouse.entity';
import type { WarehouseType } from '../entities/warehouse.entity';

export class WarehouseListQueryDto extends ListQuery {
  /** Matches code or name, case-insensitive. */
  @IsOptional() @IsString() @MaxLength(100) search?: string;
  @IsOptional() @QueryBoolean() @IsBoolean() is_active?: boolean;
  @IsOptional() @IsIn(WAREHOUSE_TYPES) type?: WarehouseType;
}
