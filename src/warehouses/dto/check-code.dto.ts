import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { Trim } from '../../common/validation/trim.decorator';

/** Whether a warehouse code is free, as a POST body or GET query. Another company's ids answer 404. */
export class CheckCodeDto {
  /** @example WH-001 */
  @Trim() @IsString() @IsNotEmpty() @MaxLength(50) warehouse_code: string;

  /** Check in this user's company; only users of the caller's company are found. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) user_id?: number;

  /** Check in this company; only the caller's own company is found. Wins over user_id. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) company_id?: number;
}

export class CheckCodeResultDto {
  exists: boolean;
  warehouse_code: string;
  company_id: number;
  company_name: string;
}
