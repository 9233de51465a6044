import { IsEmail, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { Trim } from '../../common/validation/trim.decorator';

/** The caller's company. */
export class CompanyDto {
  id: number;
  name: string;
  legal_name: string;
  email: string;
  phone: string;
  website: string;
  address_line1: string;
  address_line2: string;
  city: string;
  state: string;
  postal_code: string;
  country: string;
  tax_id: string;
  registration_number: string;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

/** Where the company stands with onboarding. */
export class OnboardingStatusDto {
  /** Company info complete and at least one active warehouse. */
  is_complete: boolean;
  /** The company has an email and a country. */
  company_info_complete: boolean;
  has_warehouse: boolean;
  /** @example ["email", "country"] */
  missing_fields: string[];
  /** Active warehouses. */
  warehouse_count: number;
}

/** Onboarding details: email and country are required while the company has none. */
export class UpdateOnboardingDto {
  @IsOptional() @Trim() @IsEmail() @MaxLength(254) email?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(100) country?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(255) legal_name?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(50) phone?: string;
  @IsOptional() @Trim() @IsUrl() @MaxLength(255) website?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(255) address_line1?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(255) address_line2?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(100) city?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(100) state?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(20) postal_code?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(50) tax_id?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(50) registration_number?: string;
}

export class OnboardingUpdatedDto {
  company: CompanyDto;
  /** @example Company onboarding information updated successfully. */
  message: string;
}
