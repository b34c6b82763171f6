import { Module } from '@nestjs/common';
import { TargetsModule } from '../targets/targets.module';
import { RatesController } from './rates.controller';
import { RatesQueries } from './rates.queries';
import { RatesService } from './rates.service';

@Module({
  imports: [TargetsModule],
  controllers: [RatesController],
  providers: [RatesQueries, RatesService],
})
export class RatesModule {}
