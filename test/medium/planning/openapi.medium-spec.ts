import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { AppConfigModule } from '@spotcheck/common';
import { DatabaseModule } from '@spotcheck/database';
import { DrawsModule } from '../../../apps/inspection-tasks/src/draws/draws.module';
import { PlansModule } from '../../../apps/inspection-tasks/src/plans/plans.module';
import { TasksModule } from '../../../apps/inspection-tasks/src/tasks/tasks.module';
import { DrawsModule as PublicDrawsModule } from '../../../apps/public-portal/src/draws/draws.module';

type Operation = { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };

/**
 * Every route of plans, draws, tasks and the public draws declares its answer, so /docs-json
 * describes what a client receives and a typed client can be generated from it.
 */
describe('OpenAPI of plans, draws and tasks', () => {
  it.each([
    ['inspection-tasks', [PlansModule, DrawsModule, TasksModule]],
    ['public-portal', [PublicDrawsModule]],
  ])('%s: every route has a success schema and error bodies', async (_name, modules) => {
    const module = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(), DatabaseModule, ...modules],
    }).compile();
    const app = module.createNestApplication(new FastifyAdapter());
    try {
      const doc = SwaggerModule.createDocument(app, new DocumentBuilder().build());
      const missing: string[] = [];
      let routes = 0;
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(item as Record<string, Operation>)) {
          routes++;
          const ok = Object.entries(op.responses).find(([s]) => s.startsWith('2'));
          if (!ok?.[1].content || !Object.values(ok[1].content).every((c) => c.schema))
            missing.push(`${method.toUpperCase()} ${path}: success`);
          const errors = Object.entries(op.responses).filter(([s]) => s.startsWith('4'));
          if (errors.length === 0) missing.push(`${method.toUpperCase()} ${path}: errors`);
          for (const [status, r] of errors)
            if (!JSON.stringify(r.content ?? {}).includes('ErrorDto'))
              missing.push(`${method.toUpperCase()} ${path}: ${status} without ErrorDto`);
        }
      }
      expect(routes).toBeGreaterThan(2);
      expect(missing).toEqual([]);
      expect(doc.components?.schemas).toHaveProperty('ErrorDto');
    } finally {
      await app.close();
    }
  });
});
