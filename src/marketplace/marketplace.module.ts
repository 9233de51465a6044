import { Module } from '@nestjs/common';
import { SecretBox } from '../common/secrets/secret-box';
import { TenantRepository } from '../database/tenant-repository';
import { Product } from '../products/entities/product.entity';
import { StockListsModule } from '../stock-lists/stock-lists.module';
import { MarketplaceConnection } from './entities/marketplace-connection.entity';
import { MarketplaceListing } from './entities/marketplace-listing.entity';
import { SyncJob } from './entities/sync-job.entity';
import { MarketplaceController } from './marketplace.controller';
import { MarketplaceRepository } from './marketplace.repository';
import { MarketplaceService } from './marketplace.service';
import { MarketplacePusher } from './pusher/marketplace-pusher';
import { PusherRepository } from './pusher/pusher.repository';

/** Document 003's marketplace: connections, listings kept in step with stock, sync jobs, analytics. */
@Module({
  imports: [StockListsModule],
  controllers: [MarketplaceController],
  providers: [
    MarketplaceService,
    MarketplaceRepository,
    PusherRepository,
    MarketplacePusher,
    SecretBox,
    ...[MarketplaceConnection, MarketplaceListing, SyncJob, Product].map((entity) => TenantRepository.for(entity)),
  ],
})
export class MarketplaceModule {}
