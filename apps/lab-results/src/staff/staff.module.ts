import { Module } from '@nestjs/common';
import { LabModule } from '../lab/lab.module';
import { LabStaffRepository } from './lab-staff.repository';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';

@Module({
  imports: [LabModule],
  controllers: [StaffController],
  providers: [LabStaffRepository, StaffService],
  exports: [LabStaffRepository],
})
export class StaffModule {}
