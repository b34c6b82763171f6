import { Module } from '@nestjs/common';
import { OwnLabController } from './lab.controller';
import { LabRepository } from './lab.repository';
import { LabService } from './lab.service';

@Module({
  controllers: [OwnLabController],
  providers: [LabRepository, LabService],
  exports: [LabRepository],
})
export class LabModule {}
