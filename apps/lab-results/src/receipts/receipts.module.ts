import { Module } from '@nestjs/common';
import { SectorRuleModule, WorkCalendarModule } from '@spotcheck/database';
import { LabModule } from '../lab/lab.module';
import { StaffModule } from '../staff/staff.module';
import { ReceiptController } from './receipt.controller';
import { ReceiptRepository } from './receipt.repository';
import { ReceiptService } from './receipt.service';

@Module({
  imports: [LabModule, StaffModule, WorkCalendarModule, SectorRuleModule],
  controllers: [ReceiptController],
  providers: [ReceiptRepository, ReceiptService],
})
export class ReceiptsModule {}
