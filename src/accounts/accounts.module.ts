import { Module } from '@nestjs/common';
import { AccountsService } from './accounts.service';
import { CompanyController } from './company.controller';
import { ProfileController } from './profile.controller';

@Module({ controllers: [ProfileController, CompanyController], providers: [AccountsService], exports: [AccountsService] })
export class AccountsModule {}
