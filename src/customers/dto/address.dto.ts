import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from '../../common/validation/trim.decorator';

/** 003's address shape. */
export class AddressDto {
  @ApiProperty({ example: '123 Main St' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  street: string;
  /** @example Anytown */
  @Trim() @IsString() @IsNotEmpty() @MaxLength(100) city: string;
  /** @example CA */
  @IsOptional() @Trim() @IsString() @MaxLength(100) state?: string;
  @ApiPropertyOptional({ example: '12345' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(20)
  zip_code?: string;
  /** @example USA */
  @Trim() @IsString() @IsNotEmpty() @MaxLength(100) country: string;
}
