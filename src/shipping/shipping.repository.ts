import { Injectable } from '@nestjs/common';
import { Sessions } from '../database/sessions';
import { sqlRows } from '../database/sql';
import type { TenantKey } from '../database/tenant-key';

export interface ShippingTotals {
  total: number;
  /** On-time share of the delivered shipments that had an estimate; null without any. */
  rate: string | null;
  cost: string | null;
}

export interface CarrierFigures {
  carrier: string;
  total: number;
  on_time: number;
  cost: string;
  days: string | null;
}

const ON_TIME = `delivered_at is not null and estimated_delivery is not null and delivered_at::date <= estimated_delivery`;
const SCOPE = `from shipments where company_id = $1 and shipped_at >= now() - make_interval(days => $2)`;

/** Shipping analytics, computed in SQL over the shipments of the last `days` days. */
@Injectable()
export class ShippingRepository {
  constructor(private readonly sessions: Sessions) {}

  async totals(key: TenantKey, days: number): Promise<ShippingTotals> {
    const [totals] = await sqlRows<ShippingTotals>(
      this.sessions.managerFor(key),
      `select count(*)::int as total,
              round(count(*) filter (where ${ON_TIME})::numeric
                    / nullif(count(*) filter (where delivered_at is not null and estimated_delivery is not null), 0), 4) as rate,
              round(avg(shipping_cost), 2) as cost
       ${SCOPE}`,
      [key.companyId, days],
    );
    return totals;
  }

  /** Per carrier, busiest first. */
  byCarrier(key: TenantKey, days: number): Promise<CarrierFigures[]> {
    return sqlRows<CarrierFigures>(
      this.sessions.managerFor(key),
      `select carrier, count(*)::int as total, (count(*) filter (where ${ON_TIME}))::int as on_time,
              round(avg(shipping_cost), 2) as cost,
              round((avg(extract(epoch from delivered_at - shipped_at)) / 86400)::numeric, 2) as days
       ${SCOPE} group by carrier order by count(*) desc, carrier`,
      [key.companyId, days],
    );
  }
}
