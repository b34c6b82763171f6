import { Metrics, UNMATCHED_ROUTE, metricsRefusal, requestLabels } from './metrics';

describe('requestLabels', () => {
  it('keeps the route template and the status class, never what the client chose', () => {
    expect(requestLabels('GET', '/api/v1/plans/:id', 404)).toEqual({
      method: 'GET',
      route: '/api/v1/plans/:id',
      status_class: '4xx',
    });
    expect(requestLabels('BREW', undefined, 400)).toEqual({
      method: 'OTHER',
      route: UNMATCHED_ROUTE,
      status_class: '4xx',
    });
    expect(requestLabels('POST', '/x', 201).status_class).toBe('2xx');
    expect(requestLabels('POST', '/x', 503).status_class).toBe('5xx');
  });
});

describe('metricsRefusal', () => {
  const token = 't'.repeat(24);

  it('lets anyone read outside production when no token is set, nobody in production', () => {
    expect(metricsRefusal({ NODE_ENV: 'development' }, undefined)).toBeUndefined();
    expect(metricsRefusal({ NODE_ENV: 'test' }, 'Bearer whatever')).toBeUndefined();
    expect(metricsRefusal({ NODE_ENV: 'production' }, undefined)).toMatchObject({
      status: 403,
      code: 'METRICS_TOKEN_UNSET',
    });
  });

  it('wants the token as a bearer token once one is set, in every environment', () => {
    for (const NODE_ENV of ['development', 'production'] as const) {
      const env = { NODE_ENV, METRICS_TOKEN: token };
      expect(metricsRefusal(env, `Bearer ${token}`)).toBeUndefined();
      for (const wrong of [undefined, '', token, `Bearer ${token}x`, `Basic ${token}`])
        expect(metricsRefusal(env, wrong)).toMatchObject({ status: 401 });
    }
  });
});

describe('Metrics', () => {
  it('has the process series of its own registry, one registry per app', async () => {
    const a = new Metrics();
    const b = new Metrics();
    const { contentType, body } = await a.scrape();
    expect(contentType).toMatch(/^text\/plain/);
    expect(body).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(body).toMatch(/^nodejs_heap_size_used_bytes \d/m);
    expect((await b.scrape()).body).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });
});
