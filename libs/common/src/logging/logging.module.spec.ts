import { type IncomingMessage, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pinoHttp } from 'pino-http';
import { isHealthCheck, logFormatOf, pinoHttpOptions, writesRequestLines } from './logging.module';

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

  it('writes one line per answered request at info and below, none above', async () => {
    expect(writesRequestLines('info')).toBe(true);
    expect(writesRequestLines('debug')).toBe(true);
    expect(writesRequestLines('warn')).toBe(false);
    expect(writesRequestLines('silent')).toBe(false);
    const linesAt = async (level: 'info' | 'warn' | 'debug') => {
      const lines: string[] = [];
      const out = new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString());
          done();
        },
      });
      const log = pinoHttp(pinoHttpOptions({ NODE_ENV: 'production', LOG_LEVEL: level }), out);
      const server = createServer((req, res) => {
        log(req, res);
        req.log.warn('inside the request');
        (req as IncomingMessage & { user?: unknown }).user = { sub: 'a' };
        res.end('ok');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const { port } = server.address() as AddressInfo;
      for (const path of ['/api/v1/plans', '/health/live'])
        await (await fetch(`http://127.0.0.1:${port}${path}`)).text();
      await new Promise((r) => server.close(r));
      return lines.map((l) => JSON.parse(l) as { msg: string; user?: unknown });
    };
    for (const level of ['info', 'debug'] as const) {
      const lines = await linesAt(level);
      expect(lines.map((l) => l.msg)).toEqual([
        'inside the request',
        'request completed',
        'inside the request',
      ]);
      expect(lines[1].user).toEqual({ sub: 'a' });
    }
    expect((await linesAt('warn')).map((l) => l.msg)).toEqual([
      'inside the request',
      'inside the request',
    ]);
  });
});
