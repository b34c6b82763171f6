import type { IncomingMessage } from 'node:http';
import { isHealthCheck, logFormatOf, pinoHttpOptions } from './logging.module';

const req = (url: string) => ({ url, headers: {} }) as IncomingMessage;

describe('logging', () => {
  it('leaves health probes and metric scrapes out of the request log, and nothing else', () => {
    expect(isHealthCheck(req('/health/live'))).toBe(true);
    expect(isHealthCheck(req('/health/ready'))).toBe(true);
    expect(isHealthCheck(req('/health/ready?x=1'))).toBe(true);
    expect(isHealthCheck(req('/api/v1/plans'))).toBe(false);
    expect(isHealthCheck(req('/healthz'))).toBe(false);
    expect(isHealthCheck(req('/api/v1/health/live'))).toBe(false);
    expect(isHealthCheck(req('/metrics'))).toBe(true);
    expect(isHealthCheck(req('/metricsx'))).toBe(false);
  });

  it('is readable in development and JSON in production and tests, unless LOG_FORMAT says', () => {
    expect(logFormatOf({ NODE_ENV: 'development' })).toBe('pretty');
    expect(logFormatOf({ NODE_ENV: 'production' })).toBe('json');
    expect(logFormatOf({ NODE_ENV: 'test' })).toBe('json');
    expect(logFormatOf({ NODE_ENV: 'development', LOG_FORMAT: 'json' })).toBe('json');
    expect(logFormatOf({ NODE_ENV: 'production', LOG_FORMAT: 'pretty' })).toBe('pretty');
  });

  it('sends readable logs through pino-pretty and JSON straight to stdout', () => {
    const pretty = pinoHttpOptions({ NODE_ENV: 'development', LOG_LEVEL: 'info' });
    expect(pretty.transport).toMatchObject({ target: 'pino-pretty' });
    const json = pinoHttpOptions({ NODE_ENV: 'production', LOG_LEVEL: 'info' });
    expect(json.transport).toBeUndefined();
    expect(json.customSuccessMessage).toBeUndefined();
  });
});
