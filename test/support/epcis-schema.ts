/**
 * GS1's official EPCIS 2.0 JSON Schema, compiled with Ajv, for tests only.
 *
 * The schema is not part of the repository: it is read from `../shared/epcis/` beside the
 * repository root (found by walking up from this file to the package.json), or from the file
 * EPCIS_SCHEMA_PATH names. Ajv runs as a draft-07 validator with ajv-formats ("full" mode)
 * and Ajv's default strict options except `strictRequired`: the schema lists properties in
 * `required` inside `anyOf` branches that declare them elsewhere, which that check refuses.
 * (Turning all of strict mode off would also turn off `strictNumbers`, and Ajv would then
 * take a JSON number too large for a double, parsed as Infinity, for a number.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

function repositoryRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'libs'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no repository root above ${from}`);
    dir = parent;
  }
}

export function epcisSchemaPath(): string {
  return (
    process.env.EPCIS_SCHEMA_PATH ??
    resolve(repositoryRoot(__dirname), '../shared/epcis/EPCIS-JSON-Schema.json')
  );
}

export function loadEpcisSchema(): Record<string, unknown> {
  const path = epcisSchemaPath();
  if (!existsSync(path)) {
    throw new Error(
      `GS1's EPCIS 2.0 JSON Schema is not at ${path}. Put EPCIS-JSON-Schema.json there ` +
        '(gs1/EPCIS on GitHub) or set EPCIS_SCHEMA_PATH.',
    );
  }
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

let compiled: ValidateFunction | undefined;

/** The official schema as a validator function (compiled once per test file). */
export function officialEpcisValidator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ strictRequired: false, allErrors: true });
    addFormats(ajv);
    compiled = ajv.compile(loadEpcisSchema());
  }
  return compiled;
}
