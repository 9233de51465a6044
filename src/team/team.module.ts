import { Module } from '@nestjs/common';
import { Role } from '../access/entities/role.entity';
import { WarehouseAssignment } from '../access/entities/warehouse-assignment.entity';
import { TenantRepository } from '../database/tenant-repository';
import { RolesController } from './roles.controller';
import { RolesRepository } from './roles.repository';
import { RolesService } from './roles.service';
import { TeamController } from './team.controller';
import { TeamService } from './team.service';

@Module({
  controllers: [TeamController, RolesController],
  providers: [TeamService, RolesService, RolesRepository, TenantRepository.for(Role), TenantRepository.for(WarehouseAssignment)],
  exports: [TeamService],
})
export class TeamModule {}
