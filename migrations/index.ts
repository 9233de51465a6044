import { Foundation1764133200000 } from './1764133200000-foundation';
import { RolesAndAssignments1764136800000 } from './1764136800000-roles-and-assignments';
import { ApiTokens1764140400000 } from './1764140400000-api-tokens';
import { CatalogAndInventory1764144000000 } from './1764144000000-catalog-and-inventory';
import { LeanerStockIndexes1764147600000 } from './1764147600000-leaner-stock-indexes';
import { IdentityLookupFunction1764151200000 } from './1764151200000-identity-lookup-function';
import { StockCompanyIdIndex1764154800000 } from './1764154800000-stock-company-id-index';
import { CustomersAndOrders1764158400000 } from './1764158400000-customers-and-orders';
import { Shipments1764162000000 } from './1764162000000-shipments';
import { Payments1764165600000 } from './1764165600000-payments';
import { OrderPlacementFunctions1764169200000 } from './1764169200000-order-placement-functions';
import { SessionBoundAccessTokens1764172800000 } from './1764172800000-session-bound-access-tokens';
import { MaskShortSecrets1764176400000 } from './1764176400000-mask-short-secrets';
import { Webhooks1764180000000 } from './1764180000000-webhooks';
import { StockLists1764183600000 } from './1764183600000-stock-lists';
import { Marketplace1764187200000 } from './1764187200000-marketplace';
import { OrderTotals1764190800000 } from './1764190800000-order-totals';
import { DashboardTotals1764194400000 } from './1764194400000-dashboard-totals';
import { StockStatistics1764198000000 } from './1764198000000-stock-statistics';
import { HeapOnlyStockWrites1764201600000 } from './1764201600000-heap-only-stock-writes';
import { StockTypes1764205200000 } from './1764205200000-stock-types';
import { BulkStockWrites1764208800000 } from './1764208800000-bulk-stock-writes';
import { CommitFlush1764212400000 } from './1764212400000-commit-flush';

/** Every migration, oldest first. A new migration is added at the end. */
export const migrations = [
  Foundation1764133200000,
  RolesAndAssignments1764136800000,
  ApiTokens1764140400000,
  CatalogAndInventory1764144000000,
  LeanerStockIndexes1764147600000,
  IdentityLookupFunction1764151200000,
  StockCompanyIdIndex1764154800000,
  CustomersAndOrders1764158400000,
  Shipments1764162000000,
  Payments1764165600000,
  OrderPlacementFunctions1764169200000,
  SessionBoundAccessTokens1764172800000,
  MaskShortSecrets1764176400000,
  Webhooks1764180000000,
  StockLists1764183600000,
  Marketplace1764187200000,
  OrderTotals1764190800000,
  DashboardTotals1764194400000,
  StockStatistics1764198000000,
  HeapOnlyStockWrites1764201600000,
  StockTypes1764205200000,
  BulkStockWrites1764208800000,
  CommitFlush1764212400000,
];
