import { Injectable } from '@nestjs/common';
import { containsPattern } from '../common/http/search';
import { fetchPage } from '../database/paged-query';
import type { TenantKey } from '../database/tenant-key';
import { InjectTenantRepository, TenantRepository } from '../database/tenant-repository';
import { Order } from '../orders/entities/order.entity';
import type { CustomerListQueryDto } from './dto/customer.dto';
import { Customer } from './entities/customer.entity';

const ORDERING: Record<string, string> = { id: 'c.id', name: 'c.name', email: 'c.email', created_at: 'c.created_at' };

/** The customers domain's queries beyond simple CRUD, each taking the tenant key first. */
@Injectable()
export class CustomersRepository {
  constructor(
    @InjectTenantRepository(Customer) private readonly customers: TenantRepository<Customer>,
    @InjectTenantRepository(Order) private readonly orders: TenantRepository<Order>,
  ) {}

  /** One page of the list: search over name, email, phone and company, the requested ordering, then id. */
  async page(key: TenantKey, query: CustomerListQueryDto): Promise<[Customer[], number]> {
    const qb = this.customers.query(key, 'c');
    if (query.search) {
      qb.andWhere('(c.name ilike :p or c.email ilike :p or c.phone ilike :p or c.company_name ilike :p)', { p: containsPattern(query.search) });
    }
    return fetchPage(qb, query, ORDERING, 'id', 'c.id');
  }

  hasOrders(key: TenantKey, customerId: number): Promise<boolean> {
    return this.orders.exists(key, { customerId });
  }
}
