import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TenantRepository } from '../database/tenant-repository';
import { AccessService } from './access.service';
import { WarehouseAssignment } from './entities/warehouse-assignment.entity';
import { PermissionGuard } from './permission.guard';

/** Roles and permissions for every module: registered after the auth guard, so it runs second. */
@Global()
@Module({
  providers: [AccessService, TenantRepository.for(WarehouseAssignment), { provide: APP_GUARD, useClass: PermissionGuard }],
  exports: [AccessService],
})
export class AccessModule {}
