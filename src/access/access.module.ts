import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessService } from './access.service';
import { PermissionGuard } from './permission.guard';

/** Roles and permissions for every module: registered after the auth guard, so it runs second. */
@Global()
@Module({
  providers: [AccessService, { provide: APP_GUARD, useClass: PermissionGuard }],
  exports: [AccessService],
})
export class AccessModule {}
