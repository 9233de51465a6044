import { join } from 'node:path';
import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions, runMigrations } from './data-source';
import { DatabaseHealth } from './database.health';
import { EmbeddedServer, startEmbeddedPostgres } from './embedded-postgres';
import { Sessions } from './sessions';

const EMBEDDED = Symbol('EMBEDDED_POSTGRES');

/**
 * Connects to DATABASE_URL, or without it starts an embedded PostgreSQL whose data lives
 * under DATA_DIR/pg, then applies pending migrations before anything else runs.
 */
@Global()
@Module({
  providers: [
    {
      provide: EMBEDDED,
      inject: [AppConfig],
      useFactory: async (config: AppConfig): Promise<EmbeddedServer | null> => {
        if (config.databaseUrl) return null;
        const logger = new Logger('EmbeddedPostgres');
        const dataDir = join(config.dataDir, 'pg');
        logger.log(`No DATABASE_URL: starting embedded PostgreSQL in ${dataDir}`);
        return startEmbeddedPostgres({ dataDir, database: 'stockroom', persistent: true, log: (l) => logger.debug(l.trim()) });
      },
    },
    {
      provide: DataSource,
      inject: [AppConfig, EMBEDDED],
      useFactory: async (config: AppConfig, embedded: EmbeddedServer | null): Promise<DataSource> => {
        const url = config.databaseUrl ?? embedded!.url('stockroom');
        const dataSource = await new DataSource(dataSourceOptions(url, config.databasePoolSize)).initialize();
        const applied = await runMigrations(dataSource);
        if (applied.length > 0) new Logger('Migrations').log(`Applied ${applied.join(', ')}`);
        return dataSource;
      },
    },
    Sessions,
    DatabaseHealth,
  ],
  exports: [Sessions, DatabaseHealth],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EMBEDDED) private readonly embedded: EmbeddedServer | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded?.stop();
  }
}
