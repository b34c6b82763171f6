import { Module } from '@nestjs/common';
import { PublicationStoreModule } from '@spotcheck/database';
import { QueueModule } from '@spotcheck/queue';
import { PublicationRenderService } from './publication-render.service';
import { PublicationScheduleService } from './publication-schedule.service';
import { RiskFeedbackRepository } from './risk-feedback.repository';
import { RiskFeedbackService } from './risk-feedback.service';
import { PublicationsProcessor } from './publications.processor';

@Module({
  imports: [QueueModule, PublicationStoreModule],
  providers: [
    PublicationScheduleService,
    PublicationRenderService,
    RiskFeedbackRepository,
    RiskFeedbackService,
    PublicationsProcessor,
  ],
  exports: [PublicationScheduleService, PublicationRenderService, RiskFeedbackService],
})
export class PublicationsModule {}
