import { Module } from '@nestjs/common';
import { QueueModule } from '@spotcheck/queue';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutcomeRepository } from './outcome.repository';
import { OutcomeService } from './outcome.service';
import { OutcomesProcessor } from './outcomes.processor';

@Module({
  imports: [QueueModule, NotificationsModule],
  providers: [OutcomeRepository, OutcomeService, OutcomesProcessor],
  exports: [OutcomeService],
})
export class OutcomesModule {}
