import { Module } from '@nestjs/common';
import { DirectoryStatsRepository } from './directory-stats.repository';
import { DirectoryProcessor } from './directory.processor';

@Module({ providers: [DirectoryStatsRepository, DirectoryProcessor] })
export class DirectoryModule {}
