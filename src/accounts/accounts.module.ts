import { Module } from '@nestjs/common';
import { AccountsService } from './accounts.service';
import { ProfileController } from './profile.controller';

@Module({ controllers: [ProfileController], providers: [AccountsService], exports: [AccountsService] })
export class AccountsModule {}
