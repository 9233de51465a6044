import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule } from '@nestjs/config';
import { AppConfig } from './app-config';
import { validateEnv } from './env.schema';

@Global()
@Module({})
export class ConfigModule {
  /** Reads and validates the environment when the application is built (not at import time). */
  static forRoot(): DynamicModule {
    return {
      module: ConfigModule,
      imports: [NestConfigModule.forRoot({ validate: validateEnv, envFilePath: '.env', cache: true })],
      providers: [AppConfig],
      exports: [AppConfig],
    };
  }
}
