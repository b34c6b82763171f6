import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { EpcisModule } from '../../../apps/inspection-tasks/src/epcis/epcis.module';
import { NoticesModule } from '../../../apps/inspection-tasks/src/notices/notices.module';
import { SamplesModule } from '../../../apps/inspection-tasks/src/samples/samples.module';
import { TraceModule } from '../../../apps/inspection-tasks/src/trace/trace.module';
import { Medium, medium } from '../support';

/** Every route of samples, custody, notices, trace and EPCIS documents its answers. */
describe('OpenAPI of samples, notices, trace and EPCIS (medium)', () => {
  let m: Medium;
  let app: NestFastifyApplication;
  let doc: OpenAPIObject;
  beforeAll(async () => {
    m = await medium([SamplesModule, NoticesModule, TraceModule, EpcisModule]);
    app = m.module.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    app.setGlobalPrefix('api/v1');
    await app.init();
    doc = SwaggerModule.createDocument(app, new DocumentBuilder().build());
  });
  afterAll(async () => {
    await app.close();
    await m.close();
  });

  it('declares a response schema for every success and the error body for every failure', () => {
    const mine = /^\/api\/v1\/(samples|notices|trace|epcis)\b|^\/api\/v1\/tasks\/\{id\}\/sample$/;
    const routes = Object.entries(doc.paths)
      .filter(([path]) => mine.test(path))
      .flatMap(([path, item]) =>
        (['get', 'post', 'delete'] as const)
          .filter((verb) => item[verb])
          .map((verb) => ({ route: `${verb} ${path}`, op: item[verb]! })),
      );
    expect(routes.length).toBeGreaterThanOrEqual(14);
    for (const { route, op } of routes) {
      const statuses = Object.keys(op.responses);
      const ok = statuses.find((s) => s.startsWith('2'));
      expect([route, ok]).toEqual([route, expect.any(String)]);
      const success = op.responses[ok!] as { content?: Record<string, { schema?: unknown }> };
      if (ok !== '204')
        expect([route, success.content?.['application/json']?.schema]).toEqual([
          route,
          expect.anything(),
        ]);
      const errors = statuses.filter((s) => /^4/.test(s));
      expect([route, errors.length > 0]).toEqual([route, true]);
      for (const s of errors)
        expect([route, s, JSON.stringify(op.responses[s])]).toEqual([
          route,
          s,
          expect.stringContaining('#/components/schemas/ErrorDto'),
        ]);
    }
    const sample = doc.components?.schemas?.SampleViewDto as { properties: object };
    expect(Object.keys(sample.properties)).toEqual(
      expect.arrayContaining(['sampleNo', 'labDueDate', 'overdue', 'custodyState']),
    );
  });
});
