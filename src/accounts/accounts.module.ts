import { Module } from '@nestjs/common';
import { AccountsService } from './accounts.service';
import { CompanyController } from './company.controller';
import { ProfileController } from './profile.controller';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  controllers: [ProfileController, CompanyController, UsersController],
  providers: [AccountsService, UsersService],
  exports: [AccountsService],
})
export class AccountsModule {}
