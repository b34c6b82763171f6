import { Global, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Env } from '@spotcheck/common';
import { dataSourceOptions } from './data-source';
import { runMigrations } from './migrate';

@Injectable()
class MigrateOnStart implements OnModuleInit {
  private readonly logger = new Logger('Migrations');
  constructor(
    private readonly ds: DataSource,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.get('MIGRATIONS_RUN', { infer: true })) return;
    const ran = await runMigrations(this.ds);
    if (ran.length) this.logger.log(`applied ${ran.join(', ')}`);
  }
}

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) =>
        dataSourceOptions(
          config.get('DATABASE_URL', { infer: true }),
          config.get('DATABASE_POOL_SIZE', { infer: true }),
          {
            connectTimeoutMs: config.get('DATABASE_CONNECT_TIMEOUT_MS', { infer: true }),
            answerCheckMs: config.get('DATABASE_ANSWER_CHECK_MS', { infer: true }),
          },
        ),
    }),
  ],
  providers: [MigrateOnStart],
})
export class DatabaseModule {}
