import { Module } from '@nestjs/common';
import { QueueModule } from '@spotcheck/queue';
import { DeadlineNotifier } from './deadline-notifier.service';
import { NotificationRepository } from './notification.repository';
import { NotificationsProcessor } from './notifications.processor';

/** Raises notifications: deadlines to regulators here; failed jobs to admins (../failures.ts). */
@Module({
  imports: [QueueModule],
  providers: [NotificationRepository, DeadlineNotifier, NotificationsProcessor],
  exports: [DeadlineNotifier],
})
export class NotificationsModule {}
