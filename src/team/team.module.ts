import { Module } from '@nestjs/common';
import { RolesController } from './roles.controller';
import { RolesService } from './roles.service';
import { TeamController } from './team.controller';
import { TeamService } from './team.service';

@Module({
  controllers: [TeamController, RolesController],
  providers: [TeamService, RolesService],
  exports: [TeamService],
})
export class TeamModule {}
