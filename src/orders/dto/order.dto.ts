import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ListQuery } from '../../common/http/pagination';
import { AddressDto } from '../../customers/dto/address.dto';
import { ORDER_STATUSES } from '../entities/order.entity';
import type { OrderStatus } from '../entities/order.entity';
import { IsMoney, MultiLine, MAX_MONEY } from '../../common/validation/input-rules';

export class OrderItemInputDto {
  @IsInt() @Min(1) product_id: number;
  @IsInt() @Min(1) @Max(1_000_000) quantity: number;
  /** Defaults to the product's price. */
  @ApiPropertyOptional({ type: 'number', example: 999.99, minimum: 0, maximum: MAX_MONEY, description: 'At most two decimals.' })
  @IsOptional()
  @IsMoney()
  unit_price?: number;
  /** Reserve in this warehouse; otherwise the one with the most available stock that covers the line. */
  @IsOptional() @IsInt() @Min(1) warehouse_id?: number;
}

/** 003's order. Addresses default to the customer's. */
export class CreateOrderDto {
  @IsInt() @Min(1) customer_id: number;

  /** The marketplace connection the order came through (GET marketplace/connections/). */
  @IsOptional() @IsInt() @Min(1) channel_connection_id?: number;

  @ApiProperty({ type: [OrderItemInputDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => OrderItemInputDto)
  items: OrderItemInputDto[];

  @ApiPropertyOptional({ type: AddressDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AddressDto)
  shipping_address?: AddressDto;

  @ApiPropertyOptional({ type: AddressDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AddressDto)
  billing_address?: AddressDto;

  @IsOptional() @IsString() @MaxLength(5000) @MultiLine() notes?: string;
}

export class OrderStatusUpdateDto {
  @ApiProperty({ enum: ORDER_STATUSES })
  @IsIn(ORDER_STATUSES)
  status: OrderStatus;

  /** @example Order shipped via UPS */
  @IsOptional() @IsString() @MaxLength(5000) @MultiLine() note?: string;
}

export class OrderNoteInputDto {
  /** @example Customer requested expedited shipping */
  @IsString() @IsNotEmpty() @MaxLength(5000) note: string;
}

export class OrderListQueryDto extends ListQuery {
  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) customer_id?: number;
  /** Orders that came through this marketplace connection. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) channel_connection_id?: number;
  /** Orders with a line of this product. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) product_id?: number;
  /** Orders with a line reserved in this warehouse. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) warehouse_id?: number;
  /** YYYY-MM-DD, inclusive. */
  @IsOptional() @IsISO8601({ strict: true }) date_from?: string;
  /** YYYY-MM-DD, inclusive. */
  @IsOptional() @IsISO8601({ strict: true }) date_to?: string;
  @ApiPropertyOptional({ type: 'number', minimum: 0, maximum: MAX_MONEY }) @IsOptional() @Type(() => Number) @IsMoney() min_total?: number;
  @ApiPropertyOptional({ type: 'number', minimum: 0, maximum: MAX_MONEY }) @IsOptional() @Type(() => Number) @IsMoney() max_total?: number;
}

export const PAYMENT_SUMMARY_STATUSES = ['unpaid', 'partially_paid', 'paid', 'refunded'] as const;
export type PaymentSummaryStatus = (typeof PAYMENT_SUMMARY_STATUSES)[number];

export class OrderItemDto {
  id: number;
  product_id: number;
  sku: string;
  name: string;
  warehouse_id: number;
  /** The bin the line's stock is reserved in; null for stock kept outside bins. */
  @ApiProperty({ type: 'integer', nullable: true })
  location_id: number | null;
  quantity: number;
  @ApiProperty({ type: 'number', example: 999.99 })
  unit_price: number;
  @ApiProperty({ type: 'number', example: 1999.98 })
  line_total: number;
}

export class OrderNoteDto {
  id: number;
  note: string;
  @ApiProperty({ type: 'integer', nullable: true })
  user_id: number | null;
  created_at: string;
}

export class OrderStatusChangeDto {
  @ApiProperty({ enum: ORDER_STATUSES, nullable: true })
  from_status: OrderStatus | null;
  @ApiProperty({ enum: ORDER_STATUSES })
  to_status: OrderStatus;
  note: string;
  @ApiProperty({ type: 'integer', nullable: true })
  user_id: number | null;
  created_at: string;
}

export class OrderDto {
  id: number;
  customer_id: number;
  @ApiProperty({ enum: ORDER_STATUSES })
  status: OrderStatus;
  @ApiProperty({ type: 'number', example: 1999.98 })
  total: number;
  /** From the order's completed payments (refunded: its payments were all refunded). */
  @ApiProperty({ enum: PAYMENT_SUMMARY_STATUSES })
  payment_status: PaymentSummaryStatus;
  @ApiProperty({ type: 'number', example: 500 })
  amount_paid: number;
  @ApiProperty({ type: 'number', example: 1499.98 })
  amount_due: number;
  /** Shipments of this order (GET shipping/{id}/). */
  @ApiProperty({ type: 'integer', isArray: true })
  shipment_ids: number[];
  /** The marketplace connection the order came through; null for direct orders. */
  @ApiProperty({ type: 'integer', nullable: true })
  channel_connection_id: number | null;
  @ApiProperty({ type: AddressDto, nullable: true })
  shipping_address: AddressDto | null;
  @ApiProperty({ type: AddressDto, nullable: true })
  billing_address: AddressDto | null;
  items: OrderItemDto[];
  notes: OrderNoteDto[];
  status_history: OrderStatusChangeDto[];
  created_at: string;
  updated_at: string;
}
