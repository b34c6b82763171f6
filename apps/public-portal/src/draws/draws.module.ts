import { Module } from '@nestjs/common';
import { PublicDrawController } from './public-draw.controller';
import { PublicDrawRepository } from './public-draw.repository';
import { PublicDrawService } from './public-draw.service';
import { PublishedDrawCache } from './published-draw.cache';

/** 一公开: the draws of closed plans, their verification and complete records. */
@Module({
  controllers: [PublicDrawController],
  providers: [PublicDrawService, PublicDrawRepository, PublishedDrawCache],
  exports: [PublicDrawService],
})
export class DrawsModule {}
