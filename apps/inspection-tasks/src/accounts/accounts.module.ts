import { Module } from '@nestjs/common';
import { SessionModule } from '@spotcheck/auth';
import { AccountImportService } from './account-import.service';
import { AccountController } from './account.controller';
import { AccountService } from './account.service';

@Module({
  imports: [SessionModule],
  controllers: [AccountController],
  providers: [AccountService, AccountImportService],
})
export class AccountsModule {}
