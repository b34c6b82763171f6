import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { DrawController, PlanDrawController } from './draw.controller';
import { DrawRepository } from './draw.repository';
import { DrawService } from './draw.service';

/** The double-random draw of a plan, its record and verification, and the plan's tasks list. */
@Module({
  imports: [PlansModule],
  controllers: [PlanDrawController, DrawController],
  providers: [DrawService, DrawRepository],
})
export class DrawsModule {}
