import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AccessModule } from './access/access.module';
import { AccountsModule } from './accounts/accounts.module';
import { AuthModule } from './auth/auth.module';
import { ErrorFilter } from './common/errors/error.filter';
import { RevocationModule } from './auth/revocation/revocation.module';
import { LocationInterceptor } from './common/http/location';
import { UnknownRouteController } from './common/http/unknown-route.controller';
import { RequestValidationPipe } from './common/validation/request-validation.pipe';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { TenantTransactionInterceptor } from './database/tenant-transaction.interceptor';
import { CustomersModule } from './customers/customers.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyRepository } from './idempotency/idempotency.repository';
import { InventoryModule } from './inventory/inventory.module';
import { LoggingModule } from './logging/logging.module';
import { OrdersModule } from './orders/orders.module';
import { PaymentsModule } from './payments/payments.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { StockListsModule } from './stock-lists/stock-lists.module';
import { MarketplaceModule } from './marketplace/marketplace.module';
import { ProductsModule } from './products/products.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { ShippingModule } from './shipping/shipping.module';
import { TeamModule } from './team/team.module';
import { WarehousesModule } from './warehouses/warehouses.module';

@Module({})
export class AppModule {
  static forRoot(): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(),
        LoggingModule,
        DatabaseModule,
        EventsModule,
        // Global guards run in this order: identify the caller, count the request, check access.
        RevocationModule,
        AuthModule,
        RateLimitModule,
        AccessModule,
        AccountsModule,
        TeamModule,
        WarehousesModule,
        ProductsModule,
        InventoryModule,
        CustomersModule,
        OrdersModule,
        ShippingModule,
        PaymentsModule,
        WebhooksModule,
        DashboardModule,
        StockListsModule,
        MarketplaceModule,
        HealthModule,
      ],
      // Registered last, after every module's routes.
      controllers: [UnknownRouteController],
      providers: [
        IdempotencyRepository,
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_PIPE, useClass: RequestValidationPipe },
        // Outermost first: Location is set on replayed answers too; an idempotent POST stores its
        // response after the request's transaction committed.
        { provide: APP_INTERCEPTOR, useClass: LocationInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: TenantTransactionInterceptor },
      ],
    };
  }
}
