import { Module } from '@nestjs/common';
import { PublicationStoreModule } from '@spotcheck/database';
import { QueueModule } from '@spotcheck/queue';
import { NotificationRepository } from '../notifications/notification.repository';
import { CaseKeeper } from './case-keeper.service';
import { CaseRepository } from './case.repository';
import { FollowupProcessor } from './followup.processor';
import { FollowupRepository } from './followup.repository';
import { FollowupService } from './followup.service';

/**
 * What follows a final outcome or a retest's conclusion (`outcome.finalized`): corrections of
 * published lists, and the follow-up cases of failures with their deadlines.
 */
@Module({
  imports: [QueueModule, PublicationStoreModule],
  providers: [
    FollowupRepository,
    FollowupService,
    FollowupProcessor,
    CaseRepository,
    CaseKeeper,
    NotificationRepository,
  ],
  exports: [FollowupService, CaseKeeper],
})
export class FollowupModule {}
