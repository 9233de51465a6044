import { Role } from '../access/entities/role.entity';
import { WarehouseAssignment } from '../access/entities/warehouse-assignment.entity';
import { Company } from '../accounts/entities/company.entity';
import { User } from '../accounts/entities/user.entity';
import { ApiToken } from '../auth/api-tokens/api-token.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { RevokedAccessToken } from '../auth/sessions/revoked-access-token.entity';
import { Customer } from '../customers/entities/customer.entity';
import { OutboxEvent } from '../events/event.entity';
import { MarketplaceConnection } from '../marketplace/entities/marketplace-connection.entity';
import { MarketplaceListing } from '../marketplace/entities/marketplace-listing.entity';
import { SyncJob } from '../marketplace/entities/sync-job.entity';
import { StockListRule } from '../stock-lists/entities/stock-list-rule.entity';
import { StockList } from '../stock-lists/entities/stock-list.entity';
import { WebhookDelivery } from '../webhooks/entities/webhook-delivery.entity';
import { WebhookEndpoint } from '../webhooks/entities/webhook-endpoint.entity';
import { IdempotencyKey } from '../idempotency/idempotency-key.entity';
import { ImportJob } from '../inventory/entities/import-job.entity';
import { StockCount, StockCountLine } from '../inventory/entities/stock-count.entity';
import { StockLevel } from '../inventory/entities/stock-level.entity';
import { StockMovement } from '../inventory/entities/stock-movement.entity';
import { Order, OrderEvent, OrderLine } from '../orders/entities/order.entity';
import { PaymentGateway, PaymentTransaction } from '../payments/payment.entities';
import { Product } from '../products/entities/product.entity';
import { Shipment } from '../shipping/shipment.entity';
import { Warehouse } from '../warehouses/entities/warehouse.entity';
import { StockLocation } from '../warehouses/locations/stock-location.entity';

/** Every mapped table; a new entity is added here and created by a migration. */
export const entities = [
  Company,
  User,
  RefreshToken,
  Warehouse,
  Role,
  WarehouseAssignment,
  ApiToken,
  RevokedAccessToken,
  Product,
  StockLocation,
  StockLevel,
  StockMovement,
  OutboxEvent,
  StockCount,
  StockCountLine,
  ImportJob,
  Customer,
  Order,
  OrderLine,
  OrderEvent,
  IdempotencyKey,
  Shipment,
  PaymentGateway,
  PaymentTransaction,
  WebhookEndpoint,
  WebhookDelivery,
  StockListRule,
  StockList,
  MarketplaceConnection,
  MarketplaceListing,
  SyncJob,
];
