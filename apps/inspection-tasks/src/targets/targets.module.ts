import { Module } from '@nestjs/common';
import { TargetController } from './target.controller';
import { TargetRepository } from './target.repository';
import { TargetService } from './target.service';

@Module({
  controllers: [TargetController],
  providers: [TargetRepository, TargetService],
  exports: [TargetRepository],
})
export class TargetsModule {}
