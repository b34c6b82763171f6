import { Module } from '@nestjs/common';
import { QueueModule } from '@spotcheck/queue';
import { RateCellsRepository } from './rate-cells.repository';
import { RatesProcessor } from './rates.processor';
import { RatesService } from './rates.service';

@Module({
  imports: [QueueModule],
  providers: [RateCellsRepository, RatesService, RatesProcessor],
  exports: [RatesService],
})
export class RatesModule {}
