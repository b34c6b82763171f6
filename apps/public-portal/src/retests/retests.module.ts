import { Module } from '@nestjs/common';
import { PublicRetestController } from './public-retest.controller';
import { PublicRetestRepository } from './public-retest.repository';
import { PublicRetestService } from './public-retest.service';

/** The retest-lab draws of closed objections. */
@Module({
  controllers: [PublicRetestController],
  providers: [PublicRetestService, PublicRetestRepository],
})
export class RetestsModule {}
