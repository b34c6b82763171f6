import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { completeGtin, completeUscc } from '@spotcheck/domain';

/**
 * Hostile request bodies for the fuzz suite (test/hostile-fuzz.e2e-spec.ts): a small language
 * to describe what each field of a write route accepts, and fast-check arbitraries that break
 * that contract, each case with the fields its answer must name.
 */

/** What a field accepts. Every generated value for it is outside this. */
export type Kind =
  /** libs/common's Text(max): 1..max characters, not blank, no NUL. */
  | { t: 'text'; max: number }
  /** A string of min..max characters with no rule on its content but NUL. */
  | { t: 'string'; min: number; max: number }
  | { t: 'enum'; values: readonly (string | number)[] }
  | { t: 'int'; min: number; max: number }
  | { t: 'bool' }
  /** A calendar date YYYY-MM-DD. */
  | { t: 'date' }
  /** An RFC 3339 instant with an offset, not in the future. */
  | { t: 'instant' }
  /** A decimal string such as "12" or "36.5". */
  | { t: 'decimal' }
  | { t: 'uscc' }
  | { t: 'gtin' }
  | { t: 'region' }
  /** A catalogue code, `^[A-Z0-9][A-Z0-9-]{1,31}$`. */
  | { t: 'category' }
  /** 64 lowercase hex digits. */
  | { t: 'hex64' }
  /** min..max ASCII digits (a GS1 company prefix). */
  | { t: 'digits'; min: number; max: number }
  /** A limit rule: its compact notation (`≤0.5`) or a LimitRule object. */
  | { t: 'limit' }
  /** A percentage 0–100 with at most two decimals, as a JSON number or a decimal string. */
  | { t: 'percent' }
  | { t: 'list'; of: Kind; min: number; max: number }
  | { t: 'object'; fields: Fields }
  | { t: 'objects'; fields: Fields; min: number; max: number }
  /** A JSON object whose keys the route checks itself (ratios, custody detail, a limit rule). */
  | { t: 'free' };

export interface Field {
  kind: Kind;
  optional?: boolean;
  /** null is a value of its own here (clears a cap or a deadline). */
  nullable?: boolean;
  /** An optional field that refuses null (a PATCH's: null would clear a required column). */
  refusesNull?: boolean;
}
export type Fields = Record<string, Field>;

export const req = (kind: Kind): Field => ({ kind });
export const opt = (kind: Kind, nullable = false): Field => ({ kind, optional: true, nullable });
/** The fields of a PATCH: each optional, and null refused unless the field takes it. */
export const partial = (fields: Fields): Fields =>
  Object.fromEntries(
    Object.entries(fields).map(([k, f]) => [
      k,
      { kind: f.kind, optional: true, nullable: f.nullable, refusesNull: !f.nullable },
    ]),
  );
export const text = (max: number): Kind => ({ t: 'text', max });
export const str = (min: number, max: number): Kind => ({ t: 'string', min, max });
export const oneOf = (values: readonly (string | number)[]): Kind => ({ t: 'enum', values });
export const int = (min: number, max: number): Kind => ({ t: 'int', min, max });
export const bool: Kind = { t: 'bool' };
export const date: Kind = { t: 'date' };
export const instant: Kind = { t: 'instant' };
export const decimal: Kind = { t: 'decimal' };
export const uscc: Kind = { t: 'uscc' };
export const gtin: Kind = { t: 'gtin' };
export const region: Kind = { t: 'region' };
export const category: Kind = { t: 'category' };
export const hex64: Kind = { t: 'hex64' };
export const digits = (min: number, max: number): Kind => ({ t: 'digits', min, max });
export const limit: Kind = { t: 'limit' };
export const percent: Kind = { t: 'percent' };
export const free: Kind = { t: 'free' };
export const list = (of: Kind, min: number, max: number): Kind => ({ t: 'list', of, min, max });
export const object = (fields: Fields): Kind => ({ t: 'object', fields });
export const objects = (fields: Fields, min: number, max: number): Kind => ({
  t: 'objects',
  fields,
  min,
  max,
});

/** A JSON number literal JSON.stringify cannot write (1e400 parses to Infinity). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Sets `key` as an own, enumerable property, `__proto__` included (a literal would not). */
export function own<T extends object>(o: T, key: string, value: unknown): T {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  return o;
}

/** JSON text of `body`, with RawJson written as is. */
export function serialize(body: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(body, (_k, v: unknown) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `\u0001raw${raws.length - 1}\u0001`;
    }
    return v;
  });
  return text === undefined
    ? ''
    : text.replace(/"\\u0001raw(\d+)\\u0001"/g, (_, i: string) => raws[Number(i)]);
}

/** Keys of Object.prototype: class-transformer drops them silently unless refused first. */
export const PROTOTYPE_KEYS = [
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toString',
  'valueOf',
  'toLocaleString',
  '__defineGetter__',
  '__lookupSetter__',
] as const;

const LONE = ['\ud800', '\udbff', '\udc00', '\udfff'];

/** Control characters no one types and XML (so XLSX) cannot hold. */
const CONTROLS = ['\u0001', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f'];

/** A string with a NUL, a lone surrogate or a control character somewhere in it. */
const unstorable = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('\u0000', ...LONE, ...CONTROLS),
    fc.string({ maxLength: 8 }),
  )
  .map(([a, bad, b]) => `${a}${bad}${b}`);

/** A long string: past any field's maximum, short of the 1 MiB body limit. */
const huge = (min: number) =>
  fc
    .integer({ min: min + 1, max: Math.max(min + 1, 100_000) })
    .chain((n) => fc.constantFrom('a', '甲', ' ', 'é').map((c) => c.repeat(n)));

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** A USCC with every character in place but a wrong check character. */
const wrongUscc = fc
  .tuple(
    fc.constantFrom('91150102', '12150102', '92150105'),
    fc.stringMatching(/^[0-9A-HJ-NPQRTUWXY]{9}$/),
  )
  .chain(([head, body]) => {
    const right = completeUscc(head + body);
    return fc
      .constantFrom(...USCC_CHARS)
      .filter((c) => c !== right[17])
      .map((c) => right.slice(0, 17) + c);
  });
/** A GTIN of a valid length with a wrong check digit. */
const wrongGtin = fc
  .tuple(fc.constantFrom(7, 11, 12, 13), fc.integer({ min: 1, max: 9 }))
  .chain(([n, shift]) =>
    fc.stringMatching(new RegExp(`^[0-9]{${n}}$`)).map((data) => {
      const right = completeGtin(data);
      return right.slice(0, -1) + String((Number(right.slice(-1)) + shift) % 10);
    }),
  );

/** Values of every JSON type but the ones listed. */
function otherTypes(...keep: ('string' | 'number' | 'boolean' | 'object' | 'array')[]) {
  const all: [string, fc.Arbitrary<unknown>][] = [
    ['string', fc.constantFrom('', 'x', '0', 'true', '[]', '{}')],
    [
      'number',
      fc.oneof(
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.constant(new RawJson('1e400')),
        fc.constant(new RawJson('-1e400')),
      ),
    ],
    ['boolean', fc.boolean()],
    [
      'object',
      fc.constantFrom<unknown>({}, { a: 1 }, { length: 1, 0: 'x' }, { $ne: null }, { $gt: '' }),
    ],
    ['array', fc.constantFrom<unknown>([], [1], ['x'], [null], [[]])],
  ];
  return fc.oneof(...all.filter(([t]) => !keep.includes(t as never)).map(([, a]) => a));
}

/** A value nested `depth` arrays deep. */
export const nested = (depth: number): unknown =>
  JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);

const notIn = (values: readonly unknown[]) => (v: unknown) => !values.includes(v);

/** Values no field of `kind` accepts. */
export function hostileValue(kind: Kind): fc.Arbitrary<unknown> {
  switch (kind.t) {
    case 'text':
      return fc.oneof(
        otherTypes('string'),
        fc.constantFrom('', ' ', '\t\n', '\u3000'.repeat(3)),
        huge(kind.max),
        unstorable,
      );
    case 'string':
      return fc.oneof(
        otherTypes('string'),
        huge(kind.max),
        unstorable,
        ...(kind.min > 0 ? [fc.constant('')] : []),
      );
    case 'enum':
      return fc.oneof(
        otherTypes('string', 'number'),
        fc.string({ maxLength: 12 }).filter(notIn(kind.values)),
        fc
          .constantFrom(...kind.values)
          .map((v) => (typeof v === 'string' ? ` ${v}` : String(v)))
          .filter(notIn(kind.values)),
        fc
          .constantFrom(...kind.values)
          .map((v) => (typeof v === 'string' ? v.toUpperCase() + '\u0000' : v + 0.5)),
      );
    case 'int':
      return fc.oneof(
        otherTypes('number'),
        fc.constantFrom(kind.min - 1, kind.max + 1, kind.min + 0.5, -0.5),
        fc.integer({ min: kind.max + 1 }),
        fc.integer({ max: kind.min - 1 }),
        fc.constantFrom(new RawJson('1e400'), new RawJson('1e20'), new RawJson('-1e20')),
        fc.constant(String(kind.min)),
      );
    case 'bool':
      return fc.oneof(otherTypes('boolean'), fc.constantFrom('true', 'false', 1, 0, 'yes'));
    case 'date':
      return fc.oneof(
        otherTypes('string'),
        unstorable,
        fc.constantFrom(
          '',
          '2026-02-30',
          '2026-13-01',
          '2026-00-10',
          '2026-02-00',
          '0000-01-01',
          '2026-1-1',
          '20260212',
          '2026-02-12T00:00:00Z',
          ' 2026-02-12',
          '+02026-02-12',
          '99999-01-01',
          '２０２６-02-12',
          'yesterday',
        ),
      );
    case 'instant':
      return fc.oneof(
        otherTypes('string'),
        unstorable,
        fc.constantFrom(
          '',
          '2026-02-12',
          '2026-02-12T10:30:00',
          '2026-02-30T10:30:00+08:00',
          '2026-02-12T24:00:01+08:00',
          '2026-02-12T10:60:00+08:00',
          '2026-02-12T10:30:00+25:00',
          '0000-01-01T00:00:00Z',
          '9999-12-31T23:59:59-14:00',
          '2999-01-01T00:00:00+08:00',
          '1969-12-31T23:59:59Z',
          '2026-02-12 10:30',
          'now',
          '1770863400000',
          '2026-02-12T10:30:00.1234567890123456789Z',
          '-002026-02-12T10:30:00Z',
        ),
        huge(40),
      );
    case 'decimal':
      return fc.oneof(
        otherTypes('string'),
        unstorable,
        fc.constantFrom('', '-1', '1e3', '0x10', 'NaN', 'Infinity', '1,5', '１２', ' 12', '.'),
        huge(40),
      );
    case 'uscc':
      return fc.oneof(
        otherTypes('string'),
        unstorable,
        wrongUscc,
        wrongUscc.map((u) => u.toLowerCase()).filter((u) => /[a-z]/.test(u)),
        fc.constantFrom(
          '',
          '91150102ma0000000',
          '9115010200000000I0',
          '91150102000000000',
          '9115010200000000000',
          '91150102 000000000',
          '９１150102000000000',
        ),
      );
    case 'gtin':
      return fc.oneof(
        otherTypes('string'),
        unstorable,
        wrongGtin,
        fc.constantFrom(
          '',
          '690123456789',
          '123456',
          'ABCDEFGHIJKLM',
          '6901234 567892',
          '０6901234567892',
        ),
      );
    case 'region':
      return fc.oneof(
        otherTypes('string'),
        unstorable,
        fc.constantFrom('', '990000', '15010', '1501000', 'abcdef', '150102 ', '000000', '159999'),
      );
    case 'category':
      return fc.oneof(
        otherTypes('string'),
        unstorable,
        fc.constantFrom('', 'a', 'ab', 'A', '-AB', 'A B', 'Ａ１', `A${'B'.repeat(32)}`),
      );
    case 'hex64':
      return fc.oneof(
        otherTypes('string'),
        unstorable,
        fc.constantFrom('', 'AB'.repeat(32), 'ab'.repeat(31), 'g'.repeat(64), 'ab'.repeat(33)),
      );
    case 'digits':
      return fc.oneof(
        otherTypes('string'),
        unstorable,
        fc.constantFrom(
          '',
          '1'.repeat(kind.min - 1),
          '1'.repeat(kind.max + 1),
          `${'1'.repeat(kind.min)}a`,
          ` ${'1'.repeat(kind.min)}`,
          '１'.repeat(kind.min),
          '-'.concat('1'.repeat(kind.min)),
        ),
      );
    case 'limit':
      return fc.oneof(
        fc.constantFrom<unknown>(0, 1.5, true, false, [], ['≤0.5'], [[]]),
        unstorable,
        fc.constantFrom(
          '',
          '   ',
          '≤',
          '≤abc',
          '0.5~',
          '~0.5',
          '0.5~0.1',
          '[1,0]',
          '(0,+∞',
          'ND',
          '未检出',
          '≤NaN',
          '≤Infinity',
          '≤1e400',
        ),
        fc.constantFrom<unknown>(
          {},
          { kind: 'nope' },
          { kind: 'range' },
          { kind: 'range', min: 'a' },
          { kind: 'range', min: '2', max: '1' },
          { kind: 'not_detected' },
          { kind: 'text', values: [] },
          { kind: 'text', values: 'x' },
        ),
        huge(5000).map((s) => `≤${s}`),
      );
    case 'percent':
      return fc.oneof(
        fc.constantFrom<unknown>(true, false, null, {}, [], [50]),
        unstorable,
        fc.constantFrom<unknown>(
          -1,
          -0.01,
          100.01,
          101,
          1.234,
          Number.MAX_SAFE_INTEGER,
          new RawJson('1e400'),
          new RawJson('-1e400'),
          new RawJson('1e2'),
          '',
          ' ',
          '-1',
          '100.001',
          '1e2',
          'NaN',
          'Infinity',
          '50%',
          '５０',
          '0x10',
          '.',
        ),
        huge(40),
      );
    case 'list':
      return fc.oneof(
        otherTypes('array'),
        fc.constant(Array.from({ length: kind.max + 1 }, (_, i) => `X${i}`)),
        hostileValue(kind.of).map((v) => [v]),
        ...(kind.min > 0 ? [fc.constant([])] : []),
      );
    case 'object':
      return fc.oneof(otherTypes('object'), fc.constant(nested(80)));
    case 'objects':
      return fc.oneof(
        otherTypes('array'),
        fc.constantFrom<unknown>([null], [1], ['x'], [[]]),
        ...(kind.min > 0 ? [fc.constant([])] : []),
      );
    case 'free':
      return fc.oneof(
        otherTypes('object'),
        fc.constant({ a: nested(80) }),
        unstorable.map((k) => ({ [k]: '1' })),
      );
  }
}

/** A change to a valid body, and the field its answer must name. */
export interface Mutation {
  path: string;
  op: 'set' | 'delete' | 'extra';
  value?: unknown;
  key?: string;
}

interface PathInfo {
  path: string;
  segments: (string | number)[];
  field: Field;
}

/** Every field a valid body has (and the absent optional ones at its present levels). */
function pathsOf(fields: Fields, valid: unknown, segments: (string | number)[] = []): PathInfo[] {
  const out: PathInfo[] = [];
  for (const [name, field] of Object.entries(fields)) {
    const s = [...segments, name];
    out.push({ path: pathText(s), segments: s, field });
    const v = (valid as Record<string, unknown> | undefined)?.[name];
    if (field.kind.t === 'object' && v && typeof v === 'object')
      out.push(...pathsOf(field.kind.fields, v, s));
    if (field.kind.t === 'objects' && Array.isArray(v) && v.length > 0)
      out.push(...pathsOf(field.kind.fields, v[0], [...s, 0]));
  }
  return out;
}

/** Objects of a valid body where an unknown key may be added. */
function objectsOf(fields: Fields, valid: unknown, segments: (string | number)[] = []) {
  const out: (string | number)[][] = [segments];
  for (const [name, field] of Object.entries(fields)) {
    const v = (valid as Record<string, unknown> | undefined)?.[name];
    if (field.kind.t === 'object' && v && typeof v === 'object')
      out.push(...objectsOf(field.kind.fields, v, [...segments, name]));
    if (field.kind.t === 'objects' && Array.isArray(v) && v.length > 0)
      out.push(...objectsOf(field.kind.fields, v[0], [...segments, name, 0]));
  }
  return out;
}

export const pathText = (segments: (string | number)[]) =>
  segments.reduce<string>(
    (p, s) => (typeof s === 'number' ? `${p}[${s}]` : p ? `${p}.${s}` : s),
    '',
  );

/** True when one path lies inside (or is) the other: `items[0].limit` and `items[0]`. */
export const related = (a: string, b: string) => {
  const inside = (x: string, y: string) =>
    x === y || x.startsWith(`${y}.`) || x.startsWith(`${y}[`);
  return inside(a, b) || inside(b, a);
};

function apply(body: unknown, segments: (string | number)[], m: Mutation): void {
  let at = body as Record<string | number, unknown>;
  const parents = m.op === 'extra' ? segments : segments.slice(0, -1);
  for (const s of parents) at = at[s] as Record<string | number, unknown>;
  if (m.op === 'extra') own(at, m.key!, m.value);
  else if (m.op === 'delete') delete at[segments[segments.length - 1]];
  else own(at, segments[segments.length - 1] as string, m.value);
}

const refusesNull = (p: PathInfo) =>
  p.field.refusesNull === true || (!p.field.optional && !p.field.nullable);

/** An unknown key: a plain one or a name of Object.prototype's. */
const extraKey = fc.oneof(
  fc.constantFrom('extra', 'id', 'createdAt', 'state', 'version', 'isAdmin', '$where'),
  fc.constantFrom(...PROTOTYPE_KEYS),
  fc.stringMatching(/^[a-z0-9]{1,8}$/).map((s) => `x_${s}`),
);

/** A case: the body sent, and the fields the 400 must name (each related to one of them). */
export interface BodyCase {
  label: string;
  body: unknown;
  /** Fields the answer may name. */
  names: string[];
}

/** 1–3 hostile changes at distinct places of `valid`, a body `fields` describes. */
export function mutatedBody(
  fields: Fields,
  valid: Record<string, unknown>,
): fc.Arbitrary<BodyCase> {
  const paths = pathsOf(fields, valid);
  const objs = objectsOf(fields, valid);
  const one: fc.Arbitrary<{ m: Mutation; segments: (string | number)[] }> = fc.oneof(
    ...(paths.length
      ? [
          {
            weight: 6,
            arbitrary: fc.constantFrom(...paths).chain((p) =>
              hostileValue(p.field.kind).map((value) => ({
                m: { op: 'set' as const, path: p.path, value },
                segments: p.segments,
              })),
            ),
          },
        ]
      : []),
    ...(paths.some((p) => !p.field.optional && getAt(valid, p.segments) !== undefined)
      ? [
          {
            weight: 1,
            arbitrary: fc
              .constantFrom(
                ...paths.filter((p) => !p.field.optional && getAt(valid, p.segments) !== undefined),
              )
              .map((p) => ({ m: { op: 'delete' as const, path: p.path }, segments: p.segments })),
          },
        ]
      : []),
    ...(paths.some(refusesNull)
      ? [
          {
            weight: 1,
            arbitrary: fc.constantFrom(...paths.filter(refusesNull)).map((p) => ({
              m: { op: 'set' as const, path: p.path, value: null },
              segments: p.segments,
            })),
          },
        ]
      : []),
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...objs), extraKey, fc.constantFrom<unknown>(1, 'x', null, {}))
        .map(([segments, key, value]) => ({
          m: { op: 'extra' as const, path: pathText([...segments, key]), key, value },
          segments,
        })),
    },
  );
  return fc
    .uniqueArray(one, {
      minLength: 1,
      maxLength: 3,
      comparator: (a, b) => related(a.m.path, b.m.path),
    })
    .map((ms) => {
      const body = structuredClone(valid);
      for (const { m, segments } of ms) apply(body, segments, m);
      return {
        label: ms.map(({ m }) => `${m.op} ${m.path}`).join(', '),
        body,
        names: ms.map(({ m }) => m.path),
      };
    });
}

function getAt(v: unknown, segments: (string | number)[]): unknown {
  let at = v;
  for (const s of segments) at = (at as Record<string | number, unknown> | undefined)?.[s];
  return at;
}

/** A request body as sent, and the answer it must get. */
export interface RawCase {
  label: string;
  payload: string;
  contentType: string;
  status: number;
  codes: string[];
  names: string[];
}

/**
 * Bodies that are no JSON object: other JSON values, text that is not JSON, prototype
 * poisoning, other content types, a body over the 1 MiB limit.
 */
export const notAnObject: fc.Arbitrary<RawCase> = fc.oneof(
  fc.constantFrom<unknown>([], [{}], 'text', '', 0, 12.5, true, false, null, [[[]]]).map((v) => ({
    label: `body ${JSON.stringify(v)}`,
    payload: JSON.stringify(v),
    contentType: 'application/json',
    status: 400,
    codes: ['VALIDATION_FAILED'],
    names: ['body'],
  })),
  fc
    .constantFrom(
      '{"a":',
      '{"a":1,}',
      "{'a':1}",
      '{"a":1}}',
      '{"a":NaN}',
      '{"a":undefined}',
      ' ',
      '\u0000',
      '{"__proto__":{"isAdmin":true}}',
      '{"constructor":{"prototype":{"isAdmin":true}}}',
      '{"a":{"__proto__":[]}}',
    )
    .map((payload) => ({
      label: `text ${JSON.stringify(payload)}`,
      payload,
      contentType: 'application/json',
      status: 400,
      codes: ['INVALID_JSON'],
      names: ['body'],
    })),
  fc.constantFrom('text/plain', 'text/plain; charset=utf-8').map((contentType) => ({
    label: `as ${contentType}`,
    payload: '{"a":1}',
    contentType,
    status: 400,
    codes: ['VALIDATION_FAILED'],
    names: ['body'],
  })),
  fc
    .constantFrom('application/xml', 'application/octet-stream', 'image/png')
    .map((contentType) => ({
      label: `as ${contentType}`,
      payload: '<a>1</a>',
      contentType,
      status: 415,
      codes: ['UNSUPPORTED_MEDIA_TYPE'],
      names: ['Content-Type'],
    })),
  fc.constant<RawCase>({
    label: 'over 1 MiB',
    payload: JSON.stringify({ a: 'x'.repeat(1024 * 1024) }),
    contentType: 'application/json',
    status: 413,
    codes: ['PAYLOAD_TOO_LARGE'],
    names: ['body'],
  }),
);

/** The fields an answer names: `errors[].field`, EPCIS `problems[].path`, imports' columns. */
export function namedFields(body: unknown): string[] {
  const b = body as {
    errors?: { field?: string; column?: string; row?: number }[];
    problems?: { path?: string }[];
  };
  const out: string[] = [];
  for (const e of b?.errors ?? []) {
    if (typeof e.field === 'string') out.push(e.field);
    else if (typeof e.column === 'string') out.push(e.column);
  }
  for (const p of b?.problems ?? []) if (typeof p.path === 'string') out.push(p.path);
  return out;
}

/**
 * Row count and MD5 of the ordered rows of each table: what a refused request must leave as it
 * found. Rows are ordered by their text, so the digest needs no primary key.
 */
export async function tableDigest(ds: DataSource): Promise<Record<string, string>> {
  let sql = digestSql.get(ds);
  if (!sql) {
    const tables = (
      (await ds.query(
        `SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'
          ORDER BY table_name`,
      )) as { name: string }[]
    ).map((t) => t.name);
    sql = `SELECT ${tables
      .map(
        (t) =>
          `(SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, E'\\n' ORDER BY x::text)), '') FROM "${t}" x) AS "${t}"`,
      )
      .join(', ')}`;
    digestSql.set(ds, sql);
  }
  const [row] = (await ds.query(sql)) as Record<string, string>[];
  return row;
}
const digestSql = new WeakMap<DataSource, string>();
