import { Controller, Get, Global, Headers, HttpStatus, Module, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Env } from '../config/env';
import { AppException } from '../errors/app.exception';
import { ErrorDto } from '../http/error.dto';
import { Public } from '../http/public';
import { Metrics, metricsRefusal } from './metrics';

@ApiTags('metrics')
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly config: ConfigService<Env, true>,
  ) {}

  /**
   * Prometheus metrics in the text exposition format. No JWT: Prometheus does not hold one.
   * Guarded by METRICS_TOKEN instead (see metricsRefusal).
   */
  @Public()
  @Get('metrics')
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Prometheus text exposition format 0.0.4',
    schema: { type: 'string' },
  })
  @ApiUnauthorizedResponse({
    type: ErrorDto,
    description: 'METRICS_TOKEN is set and the request does not carry it as a bearer token',
  })
  @ApiForbiddenResponse({ type: ErrorDto, description: 'Production without METRICS_TOKEN' })
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const refused = metricsRefusal(
      {
        NODE_ENV: this.config.get('NODE_ENV', { infer: true }),
        METRICS_TOKEN: this.config.get('METRICS_TOKEN', { infer: true }),
      },
      authorization,
    );
    if (refused) {
      if (refused.status === HttpStatus.UNAUTHORIZED) reply.header('www-authenticate', 'Bearer');
      throw new AppException(refused.status, refused.code, refused.message);
    }
    const { contentType, body } = await this.metrics.scrape();
    reply.header('content-type', contentType);
    return body;
  }
}

/**
 * The app's Prometheus registry ({@link Metrics}) and, in the HTTP apps, `GET /metrics`. The
 * worker serves the same registry from its health server.
 */
@Global()
@Module({
  providers: [Metrics],
  controllers: [MetricsController],
  exports: [Metrics],
})
export class MetricsModule {}
