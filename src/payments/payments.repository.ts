import { Injectable } from '@nestjs/common';
import { Sessions } from '../database/sessions';
import { sqlRows } from '../database/sql';
import type { TenantKey } from '../database/tenant-key';

/** The payments domain's queries beyond simple CRUD, each taking the tenant key first. */
@Injectable()
export class PaymentsRepository {
  constructor(private readonly sessions: Sessions) {}

  /** Whether `amount` on top of the order's completed payments would exceed `total` (SQL numerics, no float rounding). */
  async wouldExceed(key: TenantKey, orderId: number, amount: string, total: string): Promise<boolean> {
    const [{ over }] = await sqlRows<{ over: boolean }>(
      this.sessions.managerFor(key),
      `select coalesce(sum(amount), 0) + $3::numeric > $4::numeric as over from payment_transactions
        where company_id = $1 and order_id = $2 and status = 'completed'`,
      [key.companyId, orderId, amount, total],
    );
    return over;
  }
}
