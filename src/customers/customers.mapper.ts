import { isoTime } from '../common/http/serialize';
import type { CustomerDto } from './dto/customer.dto';
import type { Customer } from './entities/customer.entity';

export function toCustomerDto(c: Customer): CustomerDto {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    phone: c.phone,
    company_name: c.companyName,
    shipping_address: c.shippingAddress,
    billing_address: c.billingAddress,
    notes: c.notes,
    created_at: isoTime(c.createdAt),
    updated_at: isoTime(c.updatedAt),
  };
}
