import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AccountsModule } from '../accounts/accounts.module';
import { User } from '../accounts/entities/user.entity';
import { AppConfig } from '../config/app-config';
import { TenantRepository } from '../database/tenant-repository';
import { AccountsAuthController } from './accounts-auth.controller';
import { ApiTokenStore } from './api-tokens/api-token.store';
import { ApiTokensController } from './api-tokens/api-tokens.controller';
import { ApiTokensRepository } from './api-tokens/api-tokens.repository';
import { ApiTokensService } from './api-tokens/api-tokens.service';
import { ApiToken } from './api-tokens/api-token.entity';
import { TokenApiController } from './api-tokens/token-api.controller';
import { CredentialsService } from './credentials.service';
import { AccountDialectsController } from './dialects/account-dialects.controller';
import { DialectsService } from './dialects/dialects.service';
import { SessionDialectsController } from './dialects/session-dialects.controller';
import { JWT_AUDIENCE, JWT_ISSUER } from './auth.constants';
import { AuthGuard } from './auth.guard';
import { RefreshToken } from './entities/refresh-token.entity';
import { AuthService } from './auth.service';
import { IdentityStore } from './identity.store';
import { JwtStrategy } from './jwt.strategy';
import { TokenService } from './token.service';

@Module({
  imports: [
    AccountsModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtKey,
        signOptions: { algorithm: 'HS256', issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
        verifyOptions: { algorithms: ['HS256'], issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
      }),
    }),
  ],
  controllers: [AccountsAuthController, SessionDialectsController, AccountDialectsController, TokenApiController, ApiTokensController],
  providers: [
    AuthService,
    CredentialsService,
    DialectsService,
    TokenService,
    IdentityStore,
    ApiTokenStore,
    ApiTokensService,
    ApiTokensRepository,
    TenantRepository.for(ApiToken),
    TenantRepository.for(User),
    TenantRepository.for(RefreshToken),
    JwtStrategy,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenService, IdentityStore],
})
export class AuthModule {}
