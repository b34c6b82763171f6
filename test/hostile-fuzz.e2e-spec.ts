import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';
import {
  createDataSource,
  dropDatabase,
  ensureDatabase,
  runMigrations,
  withDatabase,
} from '@spotcheck/database';
import type { DataSource } from 'typeorm';
import { Caller, callersOf, expectedOf } from './access-matrix/callers';
import { Call, PROBES } from './access-matrix/probes';
import { Route, routesOf as accessRoutesOf } from './access-matrix/routes';
import { Fresh, World, buildWorld } from './access-matrix/world';
import { bootHttp, dataSource, multipart } from './support/app';
import {
  BodyCase,
  Fields,
  RawCase,
  mutatedBody,
  namedFields,
  notAnObject,
  related,
  serialize,
  tableDigest,
} from './support/hostile';
import { DTO_FIELDS, RAW_ANSWERS, RAW_ONLY, ROUTE_FIELDS } from './support/hostile-bodies';
import { FileCase, csvParts, filePart, hostileFiles } from './support/hostile-files';
import { RouteInfo, writeRoutesOf } from './support/routes';

/**
 * Hostile input on every write route (POST, PUT, PATCH, DELETE) of inspection-tasks and
 * lab-results, found from the apps' route metadata. Each route is called as a caller its policy
 * lets in, on a record in the state the route needs (the access matrix's probes), with bodies
 * fast-check makes from the route's valid request by breaking it (test/support/hostile.ts,
 * described per body in hostile-bodies.ts), with bodies that are no JSON object or too large,
 * and, on the import routes, with hostile files (hostile-files.ts). Each must answer its exact
 * 4xx, never a 5xx, naming the field (or the file's row and column) and the reason, and leave
 * every table as it was (row count and MD5 of the ordered rows). Last, the valid request itself
 * must succeed, so the refusals were the changes' doing.
 *
 * A write route the suite cannot drive (no probe, a body it has no description of) fails here
 * by name. Runs are bounded and seeded: HOSTILE_SEED and HOSTILE_RUNS change them, and a
 * failure prints the seed and path that replay it (HOSTILE_ROUTE, HOSTILE_PATH).
 *
 * The suite works in a database of its own, so that the digests cover only what it made.
 */

const SEED = Number(process.env.HOSTILE_SEED ?? 1207);
const RUNS = Number(process.env.HOSTILE_RUNS ?? 20);
const REPLAY_ROUTE = process.env.HOSTILE_ROUTE;
const REPLAY_PATH = process.env.HOSTILE_PATH;
/** HOSTILE_ROUTE: the routes whose key holds it (the one it names, to replay a path). */
const chosen = (key: string) => !REPLAY_ROUTE || key.includes(REPLAY_ROUTE);
/** The body limits the suite runs with, so that a body over each is cheap to send. */
const LIMIT = 1024 * 1024;

/** The apps, loaded once the environment is set: their configuration reads it on load. */
const APPS = {
  'inspection-tasks': async () =>
    (await import('../apps/inspection-tasks/src/app.module')).InspectionTasksModule,
  'lab-results': async () => (await import('../apps/lab-results/src/app.module')).LabResultsModule,
} as const;
type AppName = keyof typeof APPS;

const apps = new Map<AppName, NestFastifyApplication>();
let ds: DataSource;
let world: World;
let fresh: Fresh;
let callers: Caller[];
const server = process.env.DATABASE_URL!;
const ownUrl = withDatabase(server, `spotcheck_fuzz_${Date.now().toString(36)}_${process.pid}`);

beforeAll(async () => {
  await ensureDatabase(ownUrl);
  const migrate = createDataSource(ownUrl, 2);
  await migrate.initialize();
  await runMigrations(migrate);
  await migrate.destroy();
  // Jest gives every spec file its own copy of process.env: this reaches no other file.
  process.env.DATABASE_URL = ownUrl;
  for (const key of [
    'BODY_LIMIT',
    'EPCIS_MAX_BODY_BYTES',
    'LAB_BATCH_MAX_BYTES',
    'IMPORT_MAX_BYTES',
    'CASE_REPORT_MAX_BYTES',
  ])
    process.env[key] = String(LIMIT);
  // Sign-in routes take many hostile bodies from one address: they must reach validation.
  process.env.AUTH_SIGN_IN_RATE_LIMIT_PER_MINUTE = '100000';
  for (const [name, load] of Object.entries(APPS))
    apps.set(name as AppName, await bootHttp(await load(), name));
  const tasks = apps.get('inspection-tasks')!;
  const labs = apps.get('lab-results')!;
  ds = dataSource(tasks);
  world = await buildWorld(tasks, labs);
  fresh = new Fresh(world, tasks, labs);
  callers = callersOf(world.tenants);
}, 120_000);

afterAll(async () => {
  for (const app of apps.values()) await app.close();
  await dropDatabase(ownUrl).catch(() => undefined);
});

/** How the suite drives one write route. */
interface Driven {
  route: RouteInfo;
  access: Route;
  app: NestFastifyApplication;
  /** Fields of a JSON body to break; null: none (only the raw cases). */
  fields: Fields | null;
  file: boolean;
}

/** Each write route, or why the suite cannot drive it. */
function drive(name: AppName): { driven: Driven[]; undriven: string[] } {
  const app = apps.get(name)!;
  const access = new Map(accessRoutesOf(app).map((r) => [r.key, r]));
  const driven: Driven[] = [];
  const undriven: string[] = [];
  for (const route of writeRoutesOf(app)) {
    const a = access.get(route.key);
    if (!a) {
      undriven.push(`${route.key}: not found by the access matrix's route reader`);
      continue;
    }
    if (!PROBES[name][route.key]) {
      undriven.push(`${route.key}: no valid request in test/access-matrix/probes.ts`);
      continue;
    }
    const file = route.readsRequest;
    let fields: Fields | null;
    if (RAW_ONLY[route.key] || file) fields = null;
    else if (route.body === null) fields = {};
    else if (route.body === Object) {
      fields = ROUTE_FIELDS[route.key] ?? null;
      if (!fields) {
        undriven.push(
          `${route.key}: reads its body by hand; describe it in ROUTE_FIELDS or list it in RAW_ONLY with a reason (test/support/hostile-bodies.ts)`,
        );
        continue;
      }
    } else {
      fields = DTO_FIELDS[route.body.name] ?? null;
      if (!fields) {
        undriven.push(
          `${route.key}: no description of ${route.body.name} in DTO_FIELDS (test/support/hostile-bodies.ts)`,
        );
        continue;
      }
    }
    driven.push({ route, access: a, app, fields, file });
  }
  return { driven, undriven };
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Class = Function;
/** class-transformer's registry of @Type()s: where a nested DTO's class is found. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: {
    findTypeMetadata(target: Class, property: string): { typeFunction(): unknown } | undefined;
  };
};

/** The properties a DTO class validates, with the class of each nested one. */
function dtoShape(cls: Class): Map<string, Class | undefined> {
  const props = new Map<string, Class | undefined>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false)) {
    if (props.has(m.propertyName)) continue;
    const type = defaultMetadataStorage.findTypeMetadata(cls, m.propertyName);
    props.set(m.propertyName, type?.typeFunction() as Class | undefined);
  }
  return props;
}

/** Where `fields` and the DTO disagree on the names of fields, at any depth. */
function drift(cls: Class, fields: Fields, path = cls.name): string[] {
  const shape = dtoShape(cls);
  const out: string[] = [];
  for (const name of shape.keys())
    if (!(name in fields)) out.push(`${path}.${name} is validated but not described`);
  for (const [name, field] of Object.entries(fields)) {
    if (!shape.has(name)) {
      out.push(`${path}.${name} is described but not validated`);
      continue;
    }
    const nested = shape.get(name);
    const kind = field.kind;
    if (nested && (kind.t === 'object' || kind.t === 'objects'))
      out.push(...drift(nested, kind.fields, `${path}.${name}`));
  }
  return out;
}

/** The first caller the route's policy lets in. */
function callerOf(d: Driven): Caller {
  const c = callers.find((x) => expectedOf(d.access, x).kind === 'allowed');
  if (!c) throw new Error(`${d.route.key}: no caller is allowed`);
  return c;
}

const send = (
  d: Driven,
  caller: Caller,
  url: string,
  payload: string | Buffer | undefined,
  contentType?: string,
) =>
  d.app.inject({
    method: d.route.method as 'POST',
    url,
    headers: {
      // A public route's first caller sends no token.
      ...(caller.authorization ? { authorization: caller.authorization } : {}),
      ...(contentType ? { 'content-type': contentType } : {}),
    },
    ...(payload === undefined ? {} : { payload }),
  });
type Answer = Awaited<ReturnType<typeof send>>;

const snippet = (s: string) => s.replace(/\s+/g, ' ').slice(0, 300);
const parse = (r: Answer): Record<string, unknown> | undefined => {
  try {
    return r.json() as Record<string, unknown>;
  } catch {
    return undefined;
  }
};

/** Tables whose digest changed. */
function changed(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after).filter((t) => before[t] !== after[t]);
}

/** What is wrong with a refusal's error list: each entry needs a reason. */
function reasonless(body: Record<string, unknown> | undefined): string | undefined {
  const errors = (body?.errors ?? body?.problems) as { reason?: unknown }[] | undefined;
  if (!Array.isArray(errors) || errors.length === 0) return 'no errors[] in the answer';
  const bad = errors.find((e) => typeof e?.reason !== 'string' || e.reason.trim() === '');
  return bad ? `an error without a reason: ${JSON.stringify(bad)}` : undefined;
}

/** A case in words: its label and what was sent (a body as JSON, a file by size), cut short. */
function shown(c: unknown): string {
  const cut = (t: string) => (t.length > 600 ? `${t.slice(0, 600)}… (${t.length} characters)` : t);
  const x = c as Partial<BodyCase & RawCase & FileCase> | undefined;
  if (x?.label && x.body !== undefined) return `${x.label}: ${cut(serialize(x.body))}`;
  if (x?.label && x.payload !== undefined) return `${x.label}: ${cut(x.payload)}`;
  if (x?.label && x.content) return `${x.label}: ${x.filename}, ${x.content.length} bytes`;
  return cut(fc.stringify(c));
}

/** Runs one property over `arb` for route `key`, and the failure in words (with its replay). */
async function property<T>(
  key: string,
  what: string,
  arb: fc.Arbitrary<T>,
  numRuns: number,
  check: (t: T) => Promise<string | undefined>,
): Promise<string | undefined> {
  if (!chosen(key)) return undefined;
  const details = await fc.check(
    fc.asyncProperty(arb, async (t) => {
      const problem = await check(t);
      if (problem) throw new Error(problem);
    }),
    {
      seed: SEED,
      numRuns,
      ...(REPLAY_PATH && REPLAY_ROUTE === key ? { path: REPLAY_PATH } : {}),
      // Shrinking sends a request per step; a short search still finds a small case.
      interruptAfterTimeLimit: 60_000,
      markInterruptAsFailure: false,
    },
  );
  if (!details.failed) return undefined;
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : '';
  const text = shown(details.counterexample?.[0]);
  return `${key} (${what}): ${error}\n  case: ${text}\n  replay: HOSTILE_SEED=${details.seed} HOSTILE_ROUTE='${key}' HOSTILE_PATH='${details.counterexamplePath}' npx jest test/hostile-fuzz.e2e-spec.ts`;
}

/** The tables as the last request left them (reset per route: its fixtures write). */
let baseline: Record<string, string> | undefined;
let digestMs = 0;
let digests = 0;
async function digest(): Promise<Record<string, string>> {
  const t = Date.now();
  const d = await tableDigest(ds);
  digestMs += Date.now() - t;
  digests++;
  return d;
}

/** Sends one hostile request and says what is wrong with the answer, if anything. */
async function refused(
  d: Driven,
  caller: Caller,
  url: string,
  payload: string | Buffer,
  contentType: string,
  expect: (r: Answer, body: Record<string, unknown> | undefined) => string | undefined,
): Promise<string | undefined> {
  const before = baseline ?? (await digest());
  const r = await send(d, caller, url, payload, contentType);
  const after = await digest();
  // A refused request leaves the tables as the last one did: one digest per request.
  baseline = after;
  const body = parse(r);
  const wrote = changed(before, after);
  const sent = typeof payload === 'string' ? `; sent ${snippet(payload)}` : '';
  const answer = `${r.statusCode} ${snippet(r.body)}${sent}`;
  if (r.statusCode >= 500) return `a ${r.statusCode}: ${answer}`;
  const problem = expect(r, body);
  if (problem) return `${problem}; answered ${answer}`;
  if (wrote.length) return `refused, but wrote to ${wrote.join(', ')}; answered ${answer}`;
  return undefined;
}

/** The JSON-body cases: each change must be a 400 naming what was changed. */
async function bodyProperty(d: Driven, caller: Caller, call: Call): Promise<string | undefined> {
  const valid = (call.payload ?? {}) as Record<string, unknown>;
  return property(d.route.key, 'hostile body', mutatedBody(d.fields!, valid), RUNS, (c: BodyCase) =>
    refused(d, caller, call.url, serialize(c.body), 'application/json', (r, body) => {
      if (r.statusCode !== 400) return `${c.label}: expected 400`;
      const missing = reasonless(body);
      if (missing) return `${c.label}: ${missing}`;
      const named = namedFields(body);
      const stray = named.filter((f) => !c.names.some((n) => related(f, n)));
      if (named.length === 0 || stray.length)
        return `${c.label}: the answer names ${JSON.stringify(named)}, expected fields of ${JSON.stringify(c.names)}`;
      return undefined;
    }),
  );
}

/** Bodies that are no JSON object, other media types, too large. */
async function rawProperty(d: Driven, caller: Caller, call: Call): Promise<string | undefined> {
  return property(d.route.key, 'raw body', notAnObject, Math.ceil(RUNS / 2), (c: RawCase) => {
    // An import reads a file, so a JSON value is a missing file there.
    const want: Pick<RawCase, 'status' | 'codes' | 'names'> =
      d.file && c.codes.includes('VALIDATION_FAILED')
        ? { status: 400, codes: ['FILE_REQUIRED'], names: ['file'] }
        : { status: c.status, codes: c.codes, names: c.names };
    Object.assign(want, RAW_ANSWERS[d.route.key]?.(c));
    return refused(d, caller, call.url, c.payload, c.contentType, (r, body) => {
      if (r.statusCode !== want.status) return `${c.label}: expected ${want.status}`;
      if (!want.codes.includes(String(body?.code)))
        return `${c.label}: expected code ${want.codes.join(' or ')}`;
      const missing = reasonless(body);
      if (missing) return `${c.label}: ${missing}`;
      const named = namedFields(body);
      if (JSON.stringify(named) !== JSON.stringify(want.names))
        return `${c.label}: the answer names ${JSON.stringify(named)}, expected ${JSON.stringify(want.names)}`;
      return undefined;
    });
  });
}

/** Hostile files on an import route: each must name its row (and column) or the file. */
async function fileProperty(d: Driven, caller: Caller, call: Call): Promise<string | undefined> {
  const { header, row } = csvParts(filePart(call.payload as Buffer));
  return property(
    d.route.key,
    'hostile file',
    hostileFiles(header, row, LIMIT),
    RUNS + 10,
    (c: FileCase) => {
      const m = multipart(c.filename, c.content, 'application/octet-stream');
      return refused(d, caller, call.url, m.payload, m.headers['content-type'], (r, body) => {
        if (r.statusCode !== c.status) return `${c.label}: expected ${c.status}`;
        const missing = reasonless(body);
        if (missing) return `${c.label}: ${missing}`;
        const errors = (body?.errors ?? []) as { row?: number; column?: string; field?: string }[];
        if ('field' in c.at) {
          const field = c.at.field;
          if (!errors.some((e) => e.field === field))
            return `${c.label}: expected the answer to name the ${field}`;
          return undefined;
        }
        const at = c.at;
        const hit = errors.some(
          (e) => e.row === at.row && (at.column === undefined || e.column === at.column),
        );
        if (!hit)
          return `${c.label}: expected an error at row ${at.row}${at.column === undefined ? '' : `, column ${at.column}`}`;
        return undefined;
      });
    },
  );
}

describe.each(Object.keys(APPS) as AppName[])('hostile input on the write routes of %s', (name) => {
  it('drives every write route, each body described as its DTO validates it', () => {
    const { driven, undriven } = drive(name);
    expect(undriven).toEqual([]);
    expect(driven.length).toBeGreaterThan(0);
    const drifts = driven.flatMap((d) =>
      d.fields && d.route.body && d.route.body !== Object ? drift(d.route.body, d.fields) : [],
    );
    expect(drifts).toEqual([]);
  });

  it('refuses hostile bodies and files with the exact 4xx, naming the field, writing nothing', async () => {
    const { driven } = drive(name);
    const failures: string[] = [];
    const times: [string, number][] = [];
    for (const d of driven) {
      const started = Date.now();
      baseline = undefined;
      if (!chosen(d.route.key)) continue;
      const caller = callerOf(d);
      let call: Call;
      try {
        call = await PROBES[name][d.route.key].call({ w: world, fresh, caller });
      } catch (e) {
        failures.push(`${d.route.key}: could not build its request: ${(e as Error).message}`);
        continue;
      }
      for (const run of [
        d.fields ? bodyProperty : undefined,
        rawProperty,
        d.file ? fileProperty : undefined,
      ]) {
        const failure = run && (await run(d, caller, call));
        if (failure) failures.push(failure);
      }
      // The valid request itself: what the hostile ones were made from is accepted.
      const ok = await d.app.inject({
        method: d.route.method as 'POST',
        url: call.url,
        headers: {
          ...call.headers,
          ...(caller.authorization ? { authorization: caller.authorization } : {}),
        },
        ...(call.payload === undefined ? {} : { payload: call.payload as object }),
      });
      if (ok.statusCode >= 300)
        failures.push(
          `${d.route.key}: the valid request answered ${ok.statusCode} ${snippet(ok.body)}`,
        );
      times.push([d.route.key, Date.now() - started]);
    }
    if (process.env.HOSTILE_TIMES)
      console.log(
        `${digests} digests, ${digestMs} ms\n${times.map(([k, ms]) => `${String(ms).padStart(6)} ms ${k}`).join('\n')}`,
      );
    if (failures.length) console.log(`hostile input, seed ${SEED}:\n${failures.join('\n\n')}`);
    expect(failures).toEqual([]);
  }, 600_000);
});
