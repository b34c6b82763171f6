import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { LabResultsModule } from '../apps/lab-results/src/app.module';
import { PublicPortalModule } from '../apps/public-portal/src/app.module';
import { bootHttp } from './support/app';

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

const ROOT = resolve(__dirname, '..');

/** How many classes of each name the folders' sources declare (spec files left out). */
function classCounts(dirs: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts'))
        for (const m of readFileSync(path, 'utf8').matchAll(
          /^(?:export )?(?:abstract )?class (\w+)/gm,
        ))
          counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
    }
  };
  for (const d of dirs) walk(resolve(ROOT, d));
  return counts;
}

/**
 * /docs-json is the API reference and the source of typed clients: every route of every HTTP
 * app, as the app serves it, declares the body of its success answer and of its errors.
 */
describe.each([
  ['inspection-tasks', InspectionTasksModule],
  ['lab-results', LabResultsModule],
  ['public-portal', PublicPortalModule],
])('OpenAPI of %s', (name, module) => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await bootHttp(module, name);
  });
  afterAll(() => app.close());

  it('declares a success body and error bodies on every route', async () => {
    const r = await app.inject({ method: 'GET', url: '/docs-json' });
    expect(r.statusCode).toBe(200);
    const doc = r.json() as { paths: Record<string, Record<string, Operation>> };
    const missing: string[] = [];
    let routes = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        routes++;
        const route = `${method.toUpperCase()} ${path}`;
        const responses = Object.entries(op.responses ?? {});
        const ok = responses.find(([s]) => s.startsWith('2'));
        if (!ok) missing.push(`${route}: no success answer`);
        else if (ok[0] !== '204') {
          const content = Object.values(ok[1].content ?? {});
          if (content.length === 0 || !content.every((c) => c.schema))
            missing.push(`${route}: ${ok[0]} without a schema`);
        }
        const errors = responses.filter(([s]) => /^[45]/.test(s));
        if (errors.length === 0 && !path.startsWith('/health'))
          missing.push(`${route}: no error answer`);
        for (const [status, res] of errors)
          if (!Object.values(res.content ?? {}).some((c) => c.schema))
            missing.push(`${route}: ${status} without a schema`);
      }
    }
    expect(routes).toBeGreaterThan(2);
    expect(missing).toEqual([]);
  });

  // The document names a schema after its class and keeps one class per name: a response class
  // named like a request class (or like one of libs/common's) is described as the other one.
  it('names each schema after one class only', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs-json' })).json() as {
      components: { schemas: Record<string, unknown> };
    };
    const counts = classCounts([`apps/${name}/src`, 'libs/common/src', 'libs/auth/src']);
    const shared = Object.keys(doc.components.schemas).filter((s) => (counts.get(s) ?? 0) > 1);
    expect(shared).toEqual([]);
  });
});
