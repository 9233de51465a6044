import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context';
import { Conflict, NotFound } from '../common/errors/app-error';
import { definedOnly } from '../common/defined';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import { CreateCustomerDto, CustomerDto, CustomerListQueryDto, UpdateCustomerDto } from './dto/customer.dto';
import { Customer } from './entities/customer.entity';
import { toCustomerDto } from './customers.mapper';
import { CustomersRepository } from './customers.repository';

function fromCustomerInput(dto: Partial<CreateCustomerDto>): Partial<Customer> {
  return definedOnly({
    name: dto.name,
    email: dto.email,
    phone: dto.phone,
    companyName: dto.company_name,
    shippingAddress: dto.shipping_address && { ...dto.shipping_address },
    billingAddress: dto.billing_address && { ...dto.billing_address },
    notes: dto.notes,
  });
}

@Injectable()
export class CustomersService {
  constructor(
    @InjectTenantRepository(Customer) private readonly customers: TenantRepository<Customer>,
    private readonly repository: CustomersRepository,
  ) {}

  async list(auth: AuthContext, query: CustomerListQueryDto): Promise<{ count: number; results: CustomerDto[] }> {
    const [rows, count] = await this.repository.page(auth, query);
    return { count, results: rows.map(toCustomerDto) };
  }

  async get(auth: AuthContext, id: number): Promise<CustomerDto> {
    return toCustomerDto(await this.load(auth, id));
  }

  async create(auth: AuthContext, dto: CreateCustomerDto): Promise<CustomerDto> {
    return toCustomerDto(await this.customers.insert(auth, fromCustomerInput(dto)));
  }

  async update(auth: AuthContext, id: number, dto: UpdateCustomerDto): Promise<CustomerDto> {
    const customer = await this.load(auth, id);
    Object.assign(customer, fromCustomerInput(dto));
    await this.customers.save(auth, customer);
    return this.get(auth, id);
  }

  async remove(auth: AuthContext, id: number): Promise<void> {
    await this.load(auth, id);
    if (await this.repository.hasOrders(auth, id)) throw new Conflict('This customer has orders and cannot be deleted.');
    await this.customers.delete(auth, { id });
  }

  /** The customer, for an order: 404 for one of another company. */
  async load(auth: AuthContext, id: number): Promise<Customer> {
    const customer = await this.customers.findOne(auth, { id });
    if (!customer) throw new NotFound('Customer not found.');
    return customer;
  }
}
