import { Module } from '@nestjs/common';
import { AccountRepository } from './account.repository';
import { SessionController } from './session.controller';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';

/**
 * Sign-in with accounts and browser sessions under /api/v1/auth, for every app people sign in
 * to (inspection-tasks, lab-results). The accounts themselves are managed by admins through
 * inspection-tasks, which uses the repository exported here.
 */
@Module({
  controllers: [SessionController],
  providers: [AccountRepository, SessionRepository, SessionService],
  exports: [AccountRepository, SessionRepository],
})
export class SessionModule {}
