import fc from 'fast-check';
import { officialEpcisValidator } from '../../../../test/support/epcis-schema';
import {
  EPCIS_CUSTODY_KINDS,
  EPCIS_STEP_MAPPING,
  EpcisExportError,
  buildEpcisDocument,
  type EpcisCustodyStep,
  type EpcisExportInput,
  type EpcisPlace,
} from './export-document';
import { validateEpcisDocument } from './validate';

const schema = officialEpcisValidator();

function withCheckDigit(body: string): string {
  let sum = 0;
  for (let i = body.length - 1, w = 3; i >= 0; i--, w = 4 - w) sum += Number(body[i]) * w;
  return body + String((10 - (sum % 10)) % 10);
}

const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
const gln = digits(12).map(withCheckDigit);
const gtin = fc.oneof(digits(7), digits(11), digits(12), digits(13)).map(withCheckDigit);
const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 });
const place: fc.Arbitrary<EpcisPlace> = fc.oneof(
  gln.map((g) => ({ gln: g })),
  text.map((id) => ({ id })),
  digits(6).map((regionCode) => ({ regionCode })),
);
const instant = fc.date({
  min: new Date('1990-01-01T00:00:00Z'),
  max: new Date('2090-12-31T23:59:59Z'),
  noInvalidDate: true,
});
const at: fc.Arbitrary<Date | string> = fc.oneof(
  instant,
  instant.map((d) => d.toISOString()),
  instant.map((d) => new Date(d.getTime() - 5 * 3_600_000).toISOString().replace('Z', '-05:00')),
);
const step: fc.Arbitrary<Omit<EpcisCustodyStep, 'id'>> = fc.record(
  {
    kind: fc.constantFrom(...EPCIS_CUSTODY_KINDS),
    at,
    place,
    to: place,
    from: place,
    rejection: fc.constantFrom('seal_broken' as const, 'damaged' as const),
    report: fc.record(
      {
        reportNo: text,
        verdict: fc.constantFrom('pass' as const, 'fail' as const),
        uri: fc.constant('urn:example:report:1'),
      },
      { requiredKeys: ['reportNo', 'verdict'] },
    ),
  },
  { requiredKeys: ['kind', 'at', 'place', 'report'] },
);
const exportInput: fc.Arbitrary<EpcisExportInput> = fc.record(
  {
    sampleNo: text.filter((s) => s.trim() !== ''),
    gtin,
    batch: fc.oneof(fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/), text),
    steps: fc
      .array(step, { maxLength: 14 })
      .map((steps) => steps.map((s, i) => ({ ...s, id: `c${i}` }))),
    creationDate: instant,
    baseUri: fc.constantFrom('https://id.spotcheck.example', 'https://spotcheck.samr.example/nm/'),
  },
  { requiredKeys: ['sampleNo', 'steps', 'creationDate'] },
);

describe('buildEpcisDocument', () => {
  it('produces documents that GS1’s official schema and our validator both accept', () => {
    fc.assert(
      fc.property(exportInput, (input) => {
        const doc = buildEpcisDocument(input);
        const valid = schema(doc);
        if (!valid) throw new Error(JSON.stringify(schema.errors?.slice(0, 3)));
        const r = validateEpcisDocument(JSON.parse(JSON.stringify(doc)));
        expect(r).toMatchObject({ ok: true });
        if (!r.ok) return;
        expect(r.events).toHaveLength(input.steps.length);
        expect(new Set(r.events.map((e) => e.id)).size).toBe(input.steps.length);
        r.events.forEach((e, i) => {
          const m = EPCIS_STEP_MAPPING[input.steps[i].kind];
          expect(e.bizStep).toBe(m.bizStep);
          expect(e.action).toBe(m.action);
          expect(e.eventTimeZoneOffset).toBe('+08:00');
        });
      }),
      { numRuns: 500 },
    );
  });

  it('exports a whole spot check: sampled to tested to disposed', () => {
    const doc = buildEpcisDocument({
      sampleNo: 'NM2024-150100-0007',
      gtin: '6901234567892',
      batch: '20240501A',
      creationDate: '2024-06-01T10:00:00+08:00',
      steps: [
        { id: 'c1', kind: 'sampled', at: '2024-05-06T09:30:00+08:00', place: { id: 'ent-17' } },
        { id: 'c2', kind: 'sealed', at: '2024-05-06T09:40:00+08:00', place: { id: 'ent-17' } },
        {
          id: 'c3',
          kind: 'shipped',
          at: new Date('2024-05-06T06:00:00Z'),
          place: { id: 'ent-17' },
          to: { gln: '6901234000009' },
        },
        {
          id: 'c4',
          kind: 'received',
          at: '2024-05-07T09:00:00+08:00',
          place: { gln: '6901234000009' },
          from: { id: 'ent-17' },
        },
        {
          id: 'c5',
          kind: 'testing',
          at: '2024-05-08T09:00:00+08:00',
          place: { gln: '6901234000009' },
        },
        {
          id: 'r1',
          kind: 'tested',
          at: '2024-05-20T16:00:00+08:00',
          place: { gln: '6901234000009' },
          report: { reportNo: 'R-2024/0007', verdict: 'fail' },
        },
        {
          id: 'c6',
          kind: 'backup_retained',
          at: '2024-05-20T16:05:00+08:00',
          place: { regionCode: '150100' },
        },
        {
          id: 'c7',
          kind: 'disposed',
          at: '2024-11-21T09:00:00+08:00',
          place: { regionCode: '150100' },
        },
      ],
    });
    expect(schema(doc)).toBe(true);
    expect(doc['@context']).toEqual([
      'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
      { spotcheck: 'https://id.spotcheck.example/epcis/ns/' },
    ]);
    expect(doc.creationDate).toBe('2024-06-01T10:00:00.000+08:00');
    const [sampled, sealed, shipped, received, testing, tested, backup, disposed] =
      doc.epcisBody.eventList;
    const sample = 'https://id.spotcheck.example/samples/NM2024-150100-0007';
    expect(sampled).toEqual({
      type: 'ObjectEvent',
      eventTime: '2024-05-06T09:30:00.000+08:00',
      eventTimeZoneOffset: '+08:00',
      eventID: `${sample}/events/c1`,
      action: 'ADD',
      epcList: [sample],
      quantityList: [{ epcClass: 'https://id.gs1.org/01/06901234567892/10/20240501A' }],
      bizStep: 'sampling',
      disposition: 'in_progress',
      readPoint: { id: 'https://id.spotcheck.example/places/ent-17' },
      bizLocation: { id: 'https://id.spotcheck.example/places/ent-17' },
      ilmd: { 'spotcheck:batch': '20240501A' },
      'spotcheck:custodyKind': 'sampled',
    });
    expect(sealed).toMatchObject({ bizStep: 'packing', disposition: 'container_closed' });
    expect(shipped).toMatchObject({
      eventTime: '2024-05-06T14:00:00.000+08:00',
      bizStep: 'shipping',
      disposition: 'in_transit',
      destinationList: [{ type: 'location', destination: 'https://id.gs1.org/414/6901234000009' }],
    });
    expect(shipped).not.toHaveProperty('bizLocation');
    expect(received).toMatchObject({
      bizStep: 'receiving',
      sourceList: [{ type: 'location', source: 'https://id.spotcheck.example/places/ent-17' }],
      bizLocation: { id: 'https://id.gs1.org/414/6901234000009' },
    });
    expect(testing).toMatchObject({ bizStep: 'inspecting', disposition: 'in_progress' });
    expect(tested).toMatchObject({
      eventID: `${sample}/events/r1`,
      bizStep: 'inspecting',
      disposition: 'non_conformant',
      bizTransactionList: [
        { type: 'testres', bizTransaction: 'https://id.spotcheck.example/reports/R-2024%2F0007' },
      ],
    });
    expect(backup).toMatchObject({
      bizStep: 'holding',
      readPoint: { id: 'https://id.spotcheck.example/regions/150100' },
    });
    expect(backup).not.toHaveProperty('disposition');
    expect(disposed).toMatchObject({ bizStep: 'destroying', disposition: 'destroyed' });
  });

  it('writes a passed report as conformant and a broken seal as container_open', () => {
    const doc = buildEpcisDocument({
      sampleNo: 'S1',
      creationDate: new Date('2024-06-01T00:00:00Z'),
      steps: [
        {
          id: 'a',
          kind: 'rejected_at_receipt',
          at: '2024-05-07T09:00:00Z',
          place: { id: 'lab-1' },
          rejection: 'seal_broken',
        },
        {
          id: 'b',
          kind: 'tested',
          at: '2024-05-08T09:00:00Z',
          place: { id: 'lab-1' },
          report: { reportNo: '7', verdict: 'pass', uri: 'https://lab.example/reports/7' },
        },
      ],
    });
    const [rejected, tested] = doc.epcisBody.eventList;
    expect(rejected).toMatchObject({ bizStep: 'receiving', disposition: 'container_open' });
    expect(rejected).not.toHaveProperty('quantityList');
    expect(tested).toMatchObject({
      disposition: 'conformant',
      bizTransactionList: [{ type: 'testres', bizTransaction: 'https://lab.example/reports/7' }],
    });
  });

  it('names an amendment by its version, carries the failed items and the retest flag, and gives a not-applicable report no disposition', () => {
    const tested = (id: string, report: object) => ({
      id,
      kind: 'tested' as const,
      at: '2024-05-08T09:00:00Z',
      place: { id: 'lab-1' },
      report: report as never,
    });
    const doc = buildEpcisDocument({
      sampleNo: 'S1',
      creationDate: new Date('2024-06-01T00:00:00Z'),
      steps: [
        tested('a', { reportNo: 'R/1', verdict: 'fail', failedItems: ['X1', 'X2'] }),
        tested('b', { reportNo: 'R/1', verdict: 'pass', version: 2 }),
        tested('c', { reportNo: 'F-9', verdict: 'fail', retest: true, failedItems: ['X1'] }),
        tested('d', { reportNo: 'N-1', verdict: 'not_applicable' }),
      ],
    });
    const official = officialEpcisValidator();
    expect(official(doc) ? [] : official.errors).toEqual([]);
    const [first, amended, retest, none] = doc.epcisBody.eventList as unknown as Record<
      string,
      unknown
    >[];
    expect(first).toMatchObject({
      disposition: 'non_conformant',
      bizTransactionList: [
        { type: 'testres', bizTransaction: 'https://id.spotcheck.example/reports/R%2F1' },
      ],
      'spotcheck:verdict': 'fail',
      'spotcheck:failedItems': ['X1', 'X2'],
    });
    expect(first).not.toHaveProperty('spotcheck:retest');
    expect(amended).toMatchObject({
      disposition: 'conformant',
      bizTransactionList: [
        {
          type: 'testres',
          bizTransaction: 'https://id.spotcheck.example/reports/R%2F1/versions/2',
        },
      ],
    });
    expect(amended).not.toHaveProperty('spotcheck:failedItems');
    expect(retest).toMatchObject({ 'spotcheck:retest': true, disposition: 'non_conformant' });
    expect(none).toMatchObject({ bizStep: 'inspecting', 'spotcheck:verdict': 'not_applicable' });
    expect(none).not.toHaveProperty('disposition');
    expect(() =>
      buildEpcisDocument({
        sampleNo: 'S1',
        creationDate: '2024-06-01T00:00:00Z',
        steps: [tested('e', { reportNo: 'R', verdict: 'pass', version: 0 })],
      }),
    ).toThrow('steps[0].report.version');
  });

  it('keeps a batch outside GS1 AI (10) out of the Digital Link, in ilmd only', () => {
    const doc = buildEpcisDocument({
      sampleNo: 'S1',
      gtin: '69012341',
      batch: '2024年5月1日',
      creationDate: '2024-06-01T00:00:00Z',
      steps: [{ id: 'a', kind: 'sampled', at: '2024-05-07T09:00:00Z', place: { id: 'p' } }],
    });
    expect(doc.epcisBody.eventList[0]).toMatchObject({
      quantityList: [{ epcClass: 'https://id.gs1.org/01/00000069012341' }],
      ilmd: { 'spotcheck:batch': '2024年5月1日' },
    });
    expect(schema(doc)).toBe(true);
  });

  it.each<[string, Partial<EpcisExportInput>, RegExp]>([
    ['an empty sample number', { sampleNo: ' ' }, /sampleNo/],
    ['a GTIN with a wrong check digit', { gtin: '6901234567891' }, /gtin/],
    [
      'a place without identifier',
      { steps: [{ id: 'a', kind: 'sampled', at: '2024-05-07T09:00:00Z', place: {} }] },
      /steps\[0\]\.place needs/,
    ],
    [
      'a bad GLN',
      { steps: [{ id: 'a', kind: 'sampled', at: '2024-05-07T09:00:00Z', place: { gln: '123' } }] },
      /gln/,
    ],
    [
      'a time without offset',
      { steps: [{ id: 'a', kind: 'sampled', at: '2024-05-07T09:00:00', place: { id: 'p' } }] },
      /steps\[0\]\.at/,
    ],
    [
      'a tested step without report',
      { steps: [{ id: 'a', kind: 'tested', at: '2024-05-07T09:00:00Z', place: { id: 'p' } }] },
      /report/,
    ],
    ['a bad base URI', { baseUri: 'ftp://x' }, /baseUri/],
  ])('refuses %s', (_name, change, message) => {
    const input: EpcisExportInput = {
      sampleNo: 'S1',
      creationDate: '2024-06-01T00:00:00Z',
      steps: [],
      ...change,
    };
    expect(() => buildEpcisDocument(input)).toThrow(EpcisExportError);
    expect(() => buildEpcisDocument(input)).toThrow(message);
  });
});
