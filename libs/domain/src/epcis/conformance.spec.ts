/**
 * Conformance of the hand-written validator with GS1's official EPCIS 2.0 JSON Schema.
 *
 * Oracle: the schema compiled by Ajv 8 (draft-07) with ajv-formats, read from
 * ../shared/epcis/ (test/support/epcis-schema.ts). For every document below:
 *
 * - if it satisfies the project's two rules (EPCIS_PROJECT_RULES: the document is an
 *   EPCISDocument, every event is one of the five standard types), our verdict equals the
 *   schema's: the schema accepts ⇒ we accept, the schema rejects ⇒ we reject;
 * - if it breaks one of them, we reject (whatever the schema says).
 *
 * The documents: the hand-written corpus (epcis-fixtures.ts), generated valid documents, and
 * mutations of both, made generically for every node: delete it, replace it by values of
 * every JSON type (including valid-looking ones, so that acceptance is tested too), edit
 * strings (case, white space, percent signs, separators), duplicate and empty arrays, add
 * keys to objects.
 */
import fc from 'fast-check';
import { loadEpcisSchema, officialEpcisValidator } from '../../../../test/support/epcis-schema';
import { FULL_DOCUMENTS, MINIMAL_DOCUMENTS } from './epcis-fixtures';
import { buildEpcisDocument } from './export-document';
import { validateEpcisDocument } from './validate';
import {
  CBV_BIZ_STEPS,
  CBV_BIZ_TRANSACTION_TYPES,
  CBV_DISPOSITIONS,
  CBV_ERROR_REASONS,
  CBV_SOURCE_DEST_TYPES,
  EPCIS_EVENT_TYPES,
  EPCIS_MEASUREMENT_TYPES,
  EPCIS_SENSOR_ALERT_TYPES,
  EPCIS_SENSOR_COMPONENTS,
} from './vocabulary';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = Array<string | number>;

const schema = officialEpcisValidator();

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** True when the document stays inside the two project rules (see validate.ts). */
function withinProjectRules(doc: unknown): boolean {
  if (!isObject(doc) || doc.type !== 'EPCISDocument') return false;
  const body = doc.epcisBody;
  if (!isObject(body) || !Array.isArray(body.eventList)) return true;
  return body.eventList.every(
    (ev) =>
      !isObject(ev) ||
      ev.type === undefined ||
      (EPCIS_EVENT_TYPES as readonly unknown[]).includes(ev.type),
  );
}

interface Disagreement {
  label: string;
  schema: boolean;
  ours: boolean;
  detail: unknown;
}

/** Checks one document; returns a description when the verdicts disagree. */
function compare(doc: unknown, label: string): Disagreement | null {
  const bySchema = schema(doc) as boolean;
  const result = validateEpcisDocument(doc);
  const expected = withinProjectRules(doc) ? bySchema : false;
  if (result.ok === expected) return null;
  return {
    label,
    schema: bySchema,
    ours: result.ok,
    detail: result.ok ? schema.errors?.slice(0, 5) : result.problems.slice(0, 5),
  };
}

function allPaths(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => allPaths(v, [...path, i], out));
  else if (isObject(value))
    for (const k of Object.keys(value)) allPaths(value[k], [...path, k], out);
  return out;
}

function getAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const k of path) v = (v as Record<string | number, unknown>)[k];
  return v;
}

/**
 * A deep copy made in the test's realm. Jest's `structuredClone` returns objects of Node's own
 * realm, whose `Object.prototype.valueOf` is not the test's; Ajv's deep equality (used for
 * `uniqueItems`) then takes two equal objects for different ones, and the schema seemed to
 * accept a `@context` listing the same object twice.
 */
function clone<T extends Json>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => clone(x)) as T;
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x as Json)])) as T;
  return v;
}

/** A deep copy of `root` with the value at `path` replaced by `f(old)`; `undefined` deletes it. */
function mutateAt(root: Json, path: Path, f: (old: Json) => Json | undefined): Json | undefined {
  if (path.length === 0) return f(root);
  const copy = clone(root) as Record<string | number, Json>;
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, Json> & Json[];
  const key = path[path.length - 1];
  const next = f(parent[key]);
  if (next !== undefined) parent[key] = next;
  else if (Array.isArray(parent)) parent.splice(key as number, 1);
  else delete parent[key];
  return copy;
}

/** Values of every JSON type, several of them valid somewhere in an EPCIS document. */
const PALETTE: Json[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  Number.POSITIVE_INFINITY, // what JSON.parse makes of 1e400
  '',
  'x',
  'urn:x',
  'urn:',
  'urn:epc:id:sgtin:0614141.107346.2018',
  'https://id.gs1.org/01/09521234543213/21/1',
  'http://[::1]:8080/a',
  'example:ext',
  'ADD',
  'OBSERVE',
  'DELETE',
  'shipping',
  'in_transit',
  'testres',
  'location',
  'urn:epcglobal:cbv:bizstep:shipping',
  'https://ns.gs1.org/cbv/BizStep-shipping',
  'https://ref.gs1.org/cbv/BizStep-shipping',
  '2024-01-01T00:00:00Z',
  '2024-02-30T00:00:00Z',
  '2024-01-01T00:00:00',
  '2024-01-01 08:00:00+0800',
  '+08:00',
  '+14:30',
  'KGM',
  'kg',
  '2.0',
  'Temperature',
  'https://gs1.org/voc/Temperature',
  'ABCDEF',
  'ObjectEvent',
  'AggregationEvent',
  'TransformationEvent',
  'EPCISDocument',
  [],
  ['urn:a'],
  ['urn:a', 'urn:a'],
  [{}],
  {},
  { id: 'urn:a' },
  [{ epcClass: 'urn:c' }],
  [{ bizTransaction: 'urn:t' }],
  { set: ['damaged'] },
  { 'example:k': 1 },
];

function stringEdits(s: string): string[] {
  return [
    `${s} `,
    ` ${s}`,
    s.toUpperCase(),
    s.toLowerCase(),
    s.slice(0, -1),
    s.slice(1),
    s.replace(':', ''),
    s.replace(':', '::'),
    `${s}%`,
    `${s}%4`,
    `${s}%4a`,
    `${s}#a#b`,
    `${s}?q`,
    `${s}é`,
    `${s}/`,
    s.replace('T', ' '),
    s.replace('T', 't'),
    s.replace('T', 'TT'),
    s.replace('Z', 'z'),
    s.replace(/:(\d\d)$/, '$1'),
    s.replace(/(\d\d):\d\d$/, '$1'),
    s.replace(/:00/, ':60'),
    s.replace(/\.\d+/, ''),
    s.replace('+', '-'),
    s.replace('urn:', 'urn:epcglobal:cbv:'),
  ];
}

const EXTRA_KEYS = ['foo', 'example:foo', 'type', 'id', 'action', 'epcList', 'ilmd', '@context'];

type Mutation = [label: string, apply: () => Json | undefined];

/** Every mutation of the node at `path`, labelled; each makes a fresh copy when applied. */
function mutationsAt(root: Json, path: Path): Mutation[] {
  const out: Mutation[] = [];
  const where = path.join('.');
  const old = getAt(root, path) as Json;
  const set = (label: string, f: (old: Json) => Json | undefined) =>
    out.push([`${where} ${label}`, () => mutateAt(root, path, f)]);
  if (path.length > 0) set('deleted', () => undefined);
  for (const v of PALETTE) set(`= ${JSON.stringify(v)}`, () => clone(v));
  if (typeof old === 'string') {
    for (const s of new Set(stringEdits(old)))
      if (s !== old) set(`= ${JSON.stringify(s)}`, () => s);
  }
  if (Array.isArray(old) && old.length > 0) {
    set('duplicates its first item', (a) => [...(a as Json[]), (a as Json[])[0]]);
    set('emptied', () => []);
  }
  if (isObject(old)) {
    for (const k of EXTRA_KEYS) {
      for (const v of ['urn:x', 1, {}] as Json[]) {
        set(`gets ${k}: ${JSON.stringify(v)}`, (o) => ({ ...(o as Record<string, Json>), [k]: v }));
      }
    }
  }
  return out;
}

function mutants(root: Json): Array<[string, Json | undefined]> {
  return allPaths(root).flatMap((path) =>
    mutationsAt(root, path).map(([label, apply]): [string, Json | undefined] => [label, apply()]),
  );
}

function expectAgreement(docs: Array<[string, unknown]>): void {
  const disagreements: Disagreement[] = [];
  for (const [label, doc] of docs) {
    const d = compare(doc, label);
    if (d) disagreements.push(d);
  }
  expect(disagreements.slice(0, 10)).toEqual([]);
}

/** A Spotcheck export, so that its shape is mutated too. */
const EXPORT = buildEpcisDocument({
  sampleNo: 'NM2024-150100-0007',
  gtin: '6901234567892',
  batch: '20240501A',
  creationDate: '2024-06-01T10:00:00+08:00',
  steps: [
    { id: 'c1', kind: 'sampled', at: '2024-05-06T09:30:00+08:00', place: { id: 'ent-17' } },
    {
      id: 'c3',
      kind: 'shipped',
      at: '2024-05-06T14:00:00+08:00',
      place: { id: 'ent-17' },
      to: { gln: '6901234000009' },
    },
    {
      id: 'r1',
      kind: 'tested',
      at: '2024-05-20T16:00:00+08:00',
      place: { gln: '6901234000009' },
      report: { reportNo: 'R-2024/0007', verdict: 'fail' },
    },
  ],
}) as unknown as Record<string, unknown>;

const CORPUS: Record<string, Record<string, unknown>> = {
  ...FULL_DOCUMENTS,
  ...MINIMAL_DOCUMENTS,
  'a Spotcheck export': EXPORT,
};

describe('EPCIS validator conformance with the official schema', () => {
  it.each(Object.entries(CORPUS))('accepts the hand-written document: %s', (_name, doc) => {
    expect(schema(doc)).toBe(true);
    expect(validateEpcisDocument(doc)).toMatchObject({ ok: true });
  });

  it.each(Object.entries(CORPUS))(
    'agrees with the schema on every mutation of: %s',
    (_name, doc) => {
      const all = mutants(doc as Json);
      expect(all.length).toBeGreaterThan(100);
      expectAgreement(all);
      // Both directions are exercised: some mutants are still valid, most are not.
      const verdicts = all.map(([, d]) => schema(d) as boolean);
      expect(verdicts.filter((v) => !v).length).toBeGreaterThan(0);
      expect(verdicts.filter((v) => v).length).toBeGreaterThan(0);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// Generated documents: valid by construction, then mutated at a random node.

const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,11}$/);
const uri = fc.oneof(
  fc.tuple(digits(7), digits(6), word).map(([c, i, s]) => `urn:epc:id:sgtin:${c}.${i}.${s}`),
  fc.tuple(digits(7), digits(10)).map(([c, s]) => `urn:epc:id:sscc:${c}.${s}`),
  fc.tuple(digits(14), word).map(([g, s]) => `https://id.gs1.org/01/${g}/21/${s}`),
  word.map((w) => `urn:example:${w}`),
  word.map((w) => `example:${w}`),
  word.map((w) => `https://id.example.com/${encodeURIComponent(w)}?v=1#f`),
);
const epcClass = fc.oneof(
  fc.tuple(digits(7), digits(6), word).map(([c, i, l]) => `urn:epc:class:lgtin:${c}.${i}.${l}`),
  fc.tuple(digits(14), word).map(([g, l]) => `https://id.gs1.org/01/${g}/10/${l}`),
);
const offset = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('+', '-'),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 59 }),
    )
    .map(([s, h, m]) => `${s}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
  fc.constantFrom('+14:00', '-14:00', '+08:00'),
);
const time = fc
  .tuple(
    fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
    fc.constantFrom('', '.5', '.123', '.123456'),
    fc.constantFrom('Z', '+08:00', '-05:30', '+0100', 'z'),
    fc.constantFrom('T', ' ', 't'),
  )
  .map(
    ([d, frac, tz, sep]) =>
      `${d.toISOString().slice(0, 10)}${sep}${d.toISOString().slice(11, 19)}${frac}${tz}`,
  );
const quantityElement = fc.record(
  {
    epcClass,
    quantity: fc.double({ noNaN: true, noDefaultInfinity: true }),
    uom: fc.constantFrom('KGM', 'LTR', 'C62', 'EA'),
  },
  { requiredKeys: ['epcClass'] },
);
const nonEmpty = <T>(a: fc.Arbitrary<T>) => fc.array(a, { minLength: 1, maxLength: 3 });
const distinctUris = (min: number) => fc.uniqueArray(uri, { minLength: min, maxLength: 4 });
const location = fc.record({ id: uri });
const bizTransaction = fc.record(
  {
    type: fc.constantFrom('po', 'inv', 'testres', 'https://id.example.com/bt'),
    bizTransaction: uri,
  },
  { requiredKeys: ['bizTransaction'] },
);
const source = fc.record({
  type: fc.constantFrom('location', 'owning_party', 'example:t'),
  source: uri,
});
const destination = fc.record({
  type: fc.constantFrom('location', 'possessing_party'),
  destination: uri,
});
const sensorElement = fc.record(
  {
    sensorMetadata: fc.record({ time, deviceID: uri }, { requiredKeys: [] }),
    sensorReport: nonEmpty(
      fc.record(
        {
          type: fc.constantFrom('Temperature', 'Mass', 'example:odour'),
          value: fc.integer(),
          uom: fc.constantFrom('CEL', 'KGM'),
        },
        { requiredKeys: ['type'] },
      ),
    ),
  },
  { requiredKeys: ['sensorReport'] },
);
const extensionValue = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;
const whatHappened = {
  eventID: uri,
  recordTime: time,
  bizStep: fc.constantFrom('shipping', 'receiving', 'inspecting', 'https://id.example.com/step'),
  disposition: fc.constantFrom('in_transit', 'conformant', 'non_conformant', 'example:disp'),
  readPoint: location,
  bizLocation: location,
  bizTransactionList: fc.array(bizTransaction, { maxLength: 3 }),
  sourceList: fc.array(source, { maxLength: 2 }),
  destinationList: fc.array(destination, { maxLength: 2 }),
  sensorElementList: fc.array(sensorElement, { maxLength: 2 }),
  certificationInfo: fc.oneof(uri, fc.array(uri, { maxLength: 2 })),
  errorDeclaration: fc.record(
    {
      declarationTime: time,
      reason: fc.constantFrom('did_not_occur', 'incorrect_data', 'example:r'),
    },
    { requiredKeys: ['declarationTime'] },
  ),
  'example:ext': extensionValue,
};
const common = { eventTime: time, eventTimeZoneOffset: offset };
const required = ['type', 'eventTime', 'eventTimeZoneOffset'] as const;
const action = fc.constantFrom('ADD', 'OBSERVE', 'DELETE');

const objectEvent = fc
  .record(
    {
      type: fc.constant('ObjectEvent'),
      ...common,
      ...whatHappened,
      action,
      epcList: distinctUris(0),
      quantityList: nonEmpty(quantityElement),
      persistentDisposition: fc.record(
        { set: fc.constant(['conformant']), unset: fc.constant(['non_conformant']) },
        { requiredKeys: ['set'] },
      ),
      ilmd: fc.dictionary(fc.constantFrom('cbvmda:lotNumber', 'example:grade'), extensionValue),
    },
    { requiredKeys: [...required, 'action' as const] },
  )
  .map((ev) => {
    const e = { ...ev } as Record<string, unknown>;
    if (e.action !== 'ADD') delete e.ilmd;
    if (e.epcList === undefined && e.quantityList === undefined) e.epcList = [];
    return e;
  });
const parentChild = (type: string, parentRequired: boolean) =>
  fc
    .record(
      {
        type: fc.constant(type),
        ...common,
        ...whatHappened,
        action,
        parentID: uri,
        childEPCs: fc.array(uri, { minLength: 1, maxLength: 3 }),
        childQuantityList: nonEmpty(quantityElement),
      },
      {
        requiredKeys: [
          ...required,
          'action' as const,
          ...(parentRequired ? ['parentID' as const] : []),
        ],
      },
    )
    .map((ev) => {
      const e = { ...ev } as Record<string, unknown>;
      if (e.action !== 'DELETE' && !e.childEPCs && !e.childQuantityList)
        e.childEPCs = ['urn:example:c'];
      return e;
    });
const transactionEvent = fc
  .record(
    {
      type: fc.constant('TransactionEvent'),
      ...common,
      ...whatHappened,
      bizTransactionList: nonEmpty(bizTransaction),
      action,
      parentID: uri,
      epcList: fc.array(uri, { maxLength: 3 }),
      quantityList: nonEmpty(quantityElement),
    },
    { requiredKeys: [...required, 'action' as const, 'bizTransactionList' as const] },
  )
  .map((ev) => {
    const e = { ...ev } as Record<string, unknown>;
    if (e.action !== 'DELETE' && !e.epcList && !e.quantityList) e.epcList = [];
    return e;
  });
const transformationEvent = fc
  .record(
    {
      type: fc.constant('TransformationEvent'),
      ...common,
      ...whatHappened,
      inputEPCList: distinctUris(1),
      inputQuantityList: nonEmpty(quantityElement),
      outputEPCList: distinctUris(1),
      outputQuantityList: nonEmpty(quantityElement),
      transformationID: uri,
      ilmd: fc.dictionary(fc.constantFrom('cbvmda:lotNumber'), extensionValue),
    },
    { requiredKeys: [...required] },
  )
  .map((ev) => {
    const e = { ...ev } as Record<string, unknown>;
    if (!e.inputEPCList && !e.inputQuantityList) e.inputEPCList = ['urn:example:in'];
    if (!e.outputEPCList && !e.outputQuantityList && !e.transformationID)
      e.outputEPCList = ['urn:example:out'];
    return e;
  });
const anyEvent = fc.oneof(
  objectEvent,
  parentChild('AggregationEvent', false),
  parentChild('AssociationEvent', true),
  transactionEvent,
  transformationEvent,
);
const generatedDocument = fc
  .record(
    {
      '@context': fc.constantFrom<Json>(
        'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
        [
          'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
          { example: 'https://ns.example.com/' },
        ],
        { example: 'https://ns.example.com/' },
      ),
      type: fc.constant('EPCISDocument'),
      schemaVersion: fc.constantFrom('2.0', '2', '2.0.1'),
      creationDate: time,
      sender: fc.string(),
      'example:doc': extensionValue,
      epcisBody: fc.record({ eventList: fc.array(anyEvent, { maxLength: 4 }) }),
    },
    { requiredKeys: ['@context', 'type', 'schemaVersion', 'creationDate', 'epcisBody'] },
  )
  .map((d) => d as unknown as Json);

describe('EPCIS validator conformance on generated documents', () => {
  it('accepts every generated document, as the schema does', () => {
    fc.assert(
      fc.property(generatedDocument, (doc) => {
        expect(schema(doc)).toBe(true);
        const r = validateEpcisDocument(doc);
        expect(r).toMatchObject({ ok: true });
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the schema on random mutations of generated documents', () => {
    fc.assert(
      fc.property(generatedDocument, fc.nat(), fc.nat(), fc.nat(), fc.nat(), (doc, a, b, c, d) => {
        const paths = allPaths(doc);
        const first = mutationsAt(doc, paths[a % paths.length]);
        const [label1, apply1] = first[b % first.length];
        const once = apply1();
        if (once === undefined) return;
        const paths2 = allPaths(once);
        const second = mutationsAt(once, paths2[c % paths2.length]);
        const [label2, apply2] = second[d % second.length];
        const twice = apply2();
        expect(compare(once, label1)).toBeNull();
        expect(compare(twice, `${label1}; ${label2}`)).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });
});

describe('EPCIS project rules (stricter than the schema, documented in docs/epcis.md)', () => {
  const event = {
    type: 'ObjectEvent',
    eventTime: '2024-05-06T09:30:00Z',
    eventTimeZoneOffset: '+00:00',
    action: 'OBSERVE',
    epcList: [],
  };
  const base = MINIMAL_DOCUMENTS['empty event list'];

  it.each<[string, unknown, string]>([
    ['a bare event', { ...event, '@context': base['@context'] }, 'type'],
    [
      'a query document',
      {
        '@context': base['@context'],
        type: 'EPCISQueryDocument',
        epcisBody: {
          queryResults: { queryName: 'SimpleEventQuery', resultsBody: { eventList: [] } },
        },
      },
      'type',
    ],
    [
      'a user-defined event type',
      { ...base, epcisBody: { eventList: [{ ...event, type: 'example:SealCheckEvent' }] } },
      'epcisBody.eventList[0].type',
    ],
  ])('refuses %s, which the schema accepts', (_name, doc, path) => {
    expect(schema(doc)).toBe(true);
    const r = validateEpcisDocument(doc);
    expect(r.ok).toBe(false);
    expect(r).toMatchObject({ problems: [{ path }] });
  });
});

describe('EPCIS vocabularies', () => {
  const defs = (loadEpcisSchema().definitions ?? {}) as Record<
    string,
    { anyOf?: Array<{ enum?: string[] }> }
  >;
  const enumOf = (name: string) => defs[name].anyOf?.find((a) => a.enum)?.enum;

  it.each<[string, readonly string[]]>([
    ['bizStep', CBV_BIZ_STEPS],
    ['disposition', CBV_DISPOSITIONS],
    ['bizTransaction-type', CBV_BIZ_TRANSACTION_TYPES],
    ['source-dest-type', CBV_SOURCE_DEST_TYPES],
    ['error-reason', CBV_ERROR_REASONS],
    ['measurementType', EPCIS_MEASUREMENT_TYPES],
    ['sensorAlertType', EPCIS_SENSOR_ALERT_TYPES],
    ['component', EPCIS_SENSOR_COMPONENTS],
  ])('%s lists exactly the schema’s values', (name, ours) => {
    expect([...ours]).toEqual(enumOf(name));
  });
});
