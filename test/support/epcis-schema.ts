/**
 * GS1's official EPCIS 2.0 JSON Schema, compiled with Ajv, for tests only.
 *
 * The repository holds no copy of the schema. It is read from the first of:
 * 1. the file EPCIS_SCHEMA_PATH names;
 * 2. `../shared/epcis/EPCIS-JSON-Schema.json` beside the repository root;
 * 3. `.cache/epcis/EPCIS-JSON-Schema.json` in the repository (not committed);
 * 4. GS1's published address (the schema's own `$id`), downloaded once into that cache.
 * Offline with none of these, loading fails with one message that says what to do.
 *
 * Ajv runs as a draft-07 validator with ajv-formats ("full" mode) and Ajv's default strict
 * options except `strictRequired`: the schema lists properties in `required` inside `anyOf`
 * branches that declare them elsewhere, which that check refuses. (Turning all of strict mode
 * off would also turn off `strictNumbers`, and Ajv would then take a JSON number too large
 * for a double, parsed as Infinity, for a number.)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** Where GS1 publishes the schema: the `$id` the schema gives itself. */
export const EPCIS_SCHEMA_URL = 'https://gs1.github.io/EPCIS/EPCIS-JSON-Schema.json';
const FILE = 'EPCIS-JSON-Schema.json';
const DOWNLOAD_TIMEOUT_MS = 30_000;

function repositoryRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'libs'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no repository root above ${from}`);
    dir = parent;
  }
}

const root = () => repositoryRoot(__dirname);
const besideRepository = () => resolve(root(), '../shared/epcis', FILE);
const cached = () => resolve(root(), '.cache/epcis', FILE);

/**
 * Fetches the schema into `dest` in a child process, so that the synchronous test set-up can
 * wait for it. The file appears whole or not at all (written aside, then renamed).
 */
function download(url: string, dest: string): void {
  mkdirSync(dirname(dest), { recursive: true });
  const script = `
    const [url, dest] = process.argv.slice(1);
    const fs = require('node:fs');
    fetch(url, { signal: AbortSignal.timeout(${DOWNLOAD_TIMEOUT_MS}) })
      .then((r) => { if (!r.ok) throw new Error('HTTP ' + r.status); return r.text(); })
      .then((text) => {
        const schema = JSON.parse(text);
        if (schema.$id !== url) throw new Error('the answer is not the EPCIS schema ($id ' + schema.$id + ')');
        fs.writeFileSync(dest + '.part', text);
        fs.renameSync(dest + '.part', dest);
      })
      .catch((e) => { console.error(e.cause ? e.message + ': ' + e.cause.message : e.message); process.exit(1); });`;
  try {
    execFileSync(process.execPath, ['-e', script, url, dest], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: DOWNLOAD_TIMEOUT_MS + 5000,
    });
  } catch (e) {
    const why = String((e as { stderr?: Buffer }).stderr ?? '').trim() || (e as Error).message;
    // The child's stderr is the whole cause; its command line (the script) would only bury it.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(
      `GS1's EPCIS 2.0 JSON Schema is needed by this test and could not be downloaded from ` +
        `${url} (${why}). Download ${FILE} from there (or from the gs1/EPCIS repository) and ` +
        `either set EPCIS_SCHEMA_PATH to it or place it at ${cached()}.`,
    );
  }
}

/** The schema file's path, downloading it into the cache when it is nowhere else. */
export function epcisSchemaPath(): string {
  const given = process.env.EPCIS_SCHEMA_PATH;
  if (given) {
    if (!existsSync(given))
      throw new Error(`EPCIS_SCHEMA_PATH names ${given}, which does not exist.`);
    return given;
  }
  for (const path of [besideRepository(), cached()]) if (existsSync(path)) return path;
  download(EPCIS_SCHEMA_URL, cached());
  return cached();
}

export function loadEpcisSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(epcisSchemaPath(), 'utf8')) as Record<string, unknown>;
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
