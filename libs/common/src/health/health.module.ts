import { Controller, Get, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TerminusModule,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Redis } from 'ioredis';
import type { Env } from '../config/env';
import { Public } from '../http/public';
import { DependencyStatusDto, LiveDto, ReadyDto } from './health.dto';

/** A short-lived Redis connection just for readiness; it never queues commands while down. */
@Injectable()
export class RedisHealthIndicator implements OnApplicationShutdown {
  private readonly redis: Redis;
  constructor(
    private readonly indicators: HealthIndicatorService,
    config: ConfigService<Env, true>,
  ) {
    this.redis = new Redis(config.get('REDIS_URL', { infer: true }), {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1000,
      retryStrategy: () => 1000,
    });
    this.redis.on('error', () => undefined);
  }

  check(key: 'redis') {
    return this.indicators
      .check(key)
      .attempt(async () => {
        if (this.redis.status === 'wait') await this.redis.connect();
        await this.redis.ping();
      })
      .withTimeout(1500);
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}

@Injectable()
export class Health {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  ready() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 1500 }),
      () => this.redis.check('redis'),
    ]);
  }
}

@ApiTags('health')
@ApiExtraModels(DependencyStatusDto)
@Controller('health')
export class HealthController {
  constructor(private readonly health: Health) {}

  /** The process is up and serving. */
  @Public()
  @Get('live')
  @ApiOkResponse({ type: LiveDto })
  live(): LiveDto {
    return { status: 'ok' };
  }

  /** PostgreSQL and Redis both answer. */
  @Public()
  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOkResponse({ type: ReadyDto, description: 'PostgreSQL and Redis both answer' })
  @ApiServiceUnavailableResponse({ type: ReadyDto, description: 'One of them does not' })
  ready() {
    return this.health.ready();
  }
}

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  providers: [RedisHealthIndicator, Health],
  controllers: [HealthController],
  exports: [Health],
})
export class HealthModule {}
