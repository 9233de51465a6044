import { Module } from '@nestjs/common';
import { TenantRepository } from '../database/tenant-repository';
import { Warehouse } from '../warehouses/entities/warehouse.entity';
import { AccountsService } from './accounts.service';
import { CompanyRepository } from './company.repository';
import { User } from './entities/user.entity';
import { CompanyController } from './company.controller';
import { ProfileController } from './profile.controller';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  controllers: [ProfileController, CompanyController, UsersController],
  providers: [AccountsService, UsersService, CompanyRepository, TenantRepository.for(User), TenantRepository.for(Warehouse)],
  exports: [AccountsService],
})
export class AccountsModule {}
