import { Module } from '@nestjs/common';
import { Role } from '../access/entities/role.entity';
import { WarehouseAssignment } from '../access/entities/warehouse-assignment.entity';
import { TenantRepository } from '../database/tenant-repository';
import { RolesController } from './roles.controller';
import { RolesRepository } from './roles.repository';
import { RolesService } from './roles.service';
import { TeamController } from './team.controller';
import { TeamRepository } from './team.repository';
import { TeamService } from './team.service';
import { User } from '../accounts/entities/user.entity';
import { Warehouse } from '../warehouses/entities/warehouse.entity';

@Module({
  controllers: [TeamController, RolesController],
  providers: [
    TeamService,
    TeamRepository,
    RolesService,
    RolesRepository,
    TenantRepository.for(Role),
    TenantRepository.for(WarehouseAssignment),
    TenantRepository.for(User),
    TenantRepository.for(Warehouse),
  ],
  exports: [TeamService],
})
export class TeamModule {}
