import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ListQuery } from '../../common/http/pagination';
import { Trim } from '../../common/validation/trim.decorator';
import { AddressDto } from './address.dto';
import { MultiLine } from '../../common/validation/input-rules';

export class CustomerDto {
  id: number;
  name: string;
  email: string;
  phone: string;
  company_name: string;
  @ApiProperty({ type: AddressDto, nullable: true })
  shipping_address: AddressDto | null;
  @ApiProperty({ type: AddressDto, nullable: true })
  billing_address: AddressDto | null;
  notes: string;
  created_at: string;
  updated_at: string;
}

export class CreateCustomerDto {
  /** @example Acme Retail */
  @Trim() @IsString() @IsNotEmpty() @MaxLength(255) name: string;
  @IsOptional() @Trim() @IsEmail() @MaxLength(254) email?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(50) phone?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(255) company_name?: string;

  /** The default for its orders. */
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

export class UpdateCustomerDto extends PartialType(CreateCustomerDto) {}

export class CustomerListQueryDto extends ListQuery {
  /** Name, email, phone or company name contains this, case-insensitive. */
  @IsOptional() @IsString() @MaxLength(100) search?: string;
}
