import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { execFileSync } from 'node:child_process';
import { InspectionTasksModule } from '../../apps/inspection-tasks/src/app.module';
import { LabResultsModule } from '../../apps/lab-results/src/app.module';
import { bootHttp } from '../support/app';

/**
 * The console's API types are generated from each app's OpenAPI document (openapi-typescript),
 * never written by hand. This test fails when a generated file no longer matches its app;
 * `npm run api-types` rewrites them.
 */
const GENERATED = [
  {
    module: InspectionTasksModule,
    name: 'inspection-tasks',
    file: 'apps/console-web/src/api/tasks.schema.d.ts',
  },
  {
    module: LabResultsModule,
    name: 'lab-results',
    file: 'apps/console-web/src/api/labs.schema.d.ts',
  },
];

const HEADER = (name: string) =>
  `/**\n * Generated from ${name}'s OpenAPI document by \`npm run api-types\`: do not edit.\n */\n\n`;

describe.each(GENERATED)('console API types of $name', ({ module, name, file }) => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await bootHttp(module, name);
  });
  afterAll(() => app.close());

  it(`match the app's OpenAPI document (${file})`, async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs-json' })).json() as object;
    const root = resolve(__dirname, '..', '..');
    const types = execFileSync(process.execPath, ['apps/console-web/scripts/api-types.mjs'], {
      cwd: root,
      input: JSON.stringify(doc),
      encoding: 'utf8',
    });
    const text = HEADER(name) + types;
    const path = resolve(root, file);
    if (process.env.UPDATE_API_TYPES) writeFileSync(path, text);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
});
