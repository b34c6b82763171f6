import { Module } from '@nestjs/common';
import { PublicAnswersModule } from '../public-answers.module';
import { PublicRatesController } from './public-rates.controller';
import { PublicRatesRepository } from './public-rates.repository';
import { PublicRatesService } from './public-rates.service';

/** Qualification rates against targets, from the rate cells of closed plans. */
@Module({
  imports: [PublicAnswersModule],
  controllers: [PublicRatesController],
  providers: [PublicRatesService, PublicRatesRepository],
  exports: [PublicRatesService],
})
export class PublicRatesModule {}
