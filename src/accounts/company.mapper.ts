import { definedOnly } from '../common/defined';
import { isoTime } from '../common/http/serialize';
import type { CompanyDto, UpdateOnboardingDto } from './dto/company.dto';
import type { Company } from './entities/company.entity';

export function toCompanyDto(c: Company): CompanyDto {
  return {
    id: c.id,
    name: c.name,
    legal_name: c.legalName,
    email: c.email,
    phone: c.phone,
    website: c.website,
    address_line1: c.addressLine1,
    address_line2: c.addressLine2,
    city: c.city,
    state: c.state,
    postal_code: c.postalCode,
    country: c.country,
    tax_id: c.taxId,
    registration_number: c.registrationNumber,
    is_active: c.isActive,
    created_at: isoTime(c.createdAt),
    updated_at: isoTime(c.updatedAt),
  };
}

export function fromOnboardingInput(dto: UpdateOnboardingDto): Partial<Company> {
  return definedOnly({
    email: dto.email,
    country: dto.country,
    legalName: dto.legal_name,
    phone: dto.phone,
    website: dto.website,
    addressLine1: dto.address_line1,
    addressLine2: dto.address_line2,
    city: dto.city,
    state: dto.state,
    postalCode: dto.postal_code,
    taxId: dto.tax_id,
    registrationNumber: dto.registration_number,
  });
}
