import fc from 'fast-check';
import { completeGtin } from './gtin';
import { completeUscc } from './uscc';
import {
  SamplingRecordInput,
  chinaDate,
  formatSampleNo,
  parseInstant,
  parseSampleNo,
  quantityProblem,
  samplingRecordTaskProblems,
  validateSamplingRecord,
  yuanProblem,
} from './sampling-record';

const NOW = new Date('2026-11-26T10:00:00Z');
const GTIN13 = completeGtin('690123456789');

const record = (over: Partial<SamplingRecordInput> = {}): SamplingRecordInput => ({
  sampledAt: '2026-02-12T10:30:00+08:00',
  place: { regionCode: '150102', address: '呼和浩特市新城区某路1号' },
  stage: 'distribution',
  manufacturer: {
    name: '某乳业有限公司',
    address: '某市某路2号',
    uscc: completeUscc('91150100MA0N00001'),
  },
  productName: '纯牛奶',
  brand: '某牌',
  spec: '250mL/盒',
  batch: 'B20260110',
  productionDate: '2026-01-10',
  expiryDate: '2026-07-10',
  gtin: GTIN13,
  testPortion: { quantity: '12', unit: '盒' },
  backupPortion: { quantity: '6', unit: '盒' },
  pricePaid: '36.00',
  sealNumbers: ['F-001', 'F-002'],
  inspectors: ['S1', 'S2'],
  representative: { name: '张三', title: '店长' },
  attachments: [{ sha256: 'a'.repeat(64), name: '抽样单.pdf' }],
  ...over,
});
const problems = (r: SamplingRecordInput) => {
  const v = validateSamplingRecord(r, NOW);
  return v.ok ? [] : v.problems;
};
const fields = (r: SamplingRecordInput) => problems(r).map((p) => p.field);

describe('sampling record', () => {
  it('accepts a complete record and adds the instant, the date in China and the GTIN-14', () => {
    expect(validateSamplingRecord(record(), NOW)).toEqual({
      ok: true,
      record: {
        sampledAt: new Date('2026-02-12T02:30:00Z'),
        samplingDate: '2026-02-12',
        gtin14: `0${GTIN13}`,
      },
    });
    // The least a record needs: a batch or a production date, no GTIN, no seals, no files.
    const minimal = record({
      manufacturer: { name: '不在名录中的厂家' },
      brand: null,
      spec: null,
      productionDate: null,
      expiryDate: null,
      gtin: null,
      sealNumbers: undefined,
      attachments: undefined,
    });
    expect(validateSamplingRecord(minimal, NOW)).toMatchObject({
      ok: true,
      record: { gtin14: null },
    });
  });

  it('refuses a sampling time in the future or without an offset', () => {
    expect(fields(record({ sampledAt: '2026-11-26T18:10:00+08:00' }))).toEqual(['sampledAt']);
    expect(problems(record({ sampledAt: '2027-01-01T00:00:00Z' }))[0].reason).toContain(
      'must not be in the future',
    );
    // Up to five minutes ahead is a device clock, not the future.
    expect(fields(record({ sampledAt: '2026-11-26T18:04:00+08:00' }))).toEqual([]);
    for (const bad of [
      '2026-02-12',
      '2026-02-12T10:30:00',
      '2026-02-12 10:30:00+08:00',
      '2026-02-30T10:00:00Z',
      '2026-02-12T24:00:00Z',
    ])
      expect([bad, fields(record({ sampledAt: bad }))]).toEqual([bad, ['sampledAt']]);
  });

  it('keeps the production date on or before the sampling date, in China Standard Time', () => {
    // 2026-02-11T20:00Z is already 12 February in Beijing.
    expect(
      fields(record({ sampledAt: '2026-02-11T20:00:00Z', productionDate: '2026-02-12' })),
    ).toEqual([]);
    expect(
      fields(record({ sampledAt: '2026-02-11T15:00:00Z', productionDate: '2026-02-12' })),
    ).toEqual(['productionDate']);
    expect(problems(record({ productionDate: '2026-02-13' }))).toEqual([
      {
        field: 'productionDate',
        reason: 'must not be after the sampling date 2026-02-12 (China Standard Time)',
      },
    ]);
    expect(fields(record({ productionDate: '2026-02-30' }))).toEqual(['productionDate']);
    expect(fields(record({ expiryDate: '2026-01-09' }))).toEqual(['expiryDate']);
    expect(fields(record({ batch: null, productionDate: null }))).toEqual(['batch']);
    expect(fields(record({ batch: null }))).toEqual([]);
    expect(fields(record({ productionDate: null }))).toEqual([]);
  });

  it('needs positive decimal quantities and a price in yuan', () => {
    for (const q of ['0', '0.000', '-1', '1e3', '1.', '.5', '01', ' 1', '1.1234567', 'NaN'])
      expect([q, fields(record({ testPortion: { quantity: q, unit: '盒' } }))]).toEqual([
        q,
        ['testPortion.quantity'],
      ]);
    expect(fields(record({ backupPortion: { quantity: '0', unit: 'kg' } }))).toEqual([
      'backupPortion.quantity',
    ]);
    expect(fields(record({ backupPortion: { quantity: '0.25', unit: 'kg' } }))).toEqual([]);
    for (const p of ['-1', '1.005', '1e2', '', '12,50'])
      expect([p, fields(record({ pricePaid: p }))]).toEqual([p, ['pricePaid']]);
    for (const free of ['0', '0.00'])
      expect(problems(record({ pricePaid: free }))).toEqual([
        { field: 'pricePaid', reason: 'must be greater than zero: samples are bought' },
      ]);
    expect(fields(record({ pricePaid: '0.01' }))).toEqual([]);
  });

  it('checks the GTIN check digit and the manufacturer USCC when given', () => {
    const wrong = GTIN13.slice(0, 12) + String((Number(GTIN13[12]) + 1) % 10);
    expect(problems(record({ gtin: wrong }))).toEqual([
      { field: 'gtin', reason: `check digit is ${wrong[12]}, expected ${GTIN13[12]}` },
    ]);
    expect(fields(record({ gtin: '6901234' }))).toEqual(['gtin']);
    expect(validateSamplingRecord(record({ gtin: completeGtin('1234567') }), NOW)).toMatchObject({
      record: { gtin14: `000000${completeGtin('1234567')}` },
    });
    expect(fields(record({ manufacturer: { name: 'x', uscc: '91150100MA0N000010' } }))).toEqual([
      'manufacturer.uscc',
    ]);
    expect(fields(record({ manufacturer: { name: 'x', uscc: null } }))).toEqual([]);
  });

  it('names platform and shop for online sampling only', () => {
    expect(fields(record({ stage: 'online' }))).toEqual(['online']);
    expect(
      fields(record({ stage: 'online', online: { platform: '某电商平台', shopName: '某旗舰店' } })),
    ).toEqual([]);
    expect(
      fields(record({ stage: 'production', online: { platform: '某电商平台', shopName: '某店' } })),
    ).toEqual(['online']);
    expect(fields(record({ stage: 'market' }))).toEqual(['stage']);
  });

  it('wants two distinct inspectors, distinct seals and well-formed attachment digests', () => {
    expect(fields(record({ inspectors: ['S1'] }))).toEqual(['inspectors']);
    expect(fields(record({ inspectors: ['S1', 'S1'] }))).toEqual(['inspectors[1]']);
    expect(fields(record({ sealNumbers: ['F1', 'F2', 'F1'] }))).toEqual(['sealNumbers[2]']);
    expect(
      fields(record({ attachments: [{ sha256: 'A'.repeat(64) }, { sha256: 'b'.repeat(63) }] })),
    ).toEqual(['attachments[0].sha256', 'attachments[1].sha256']);
    expect(
      fields(record({ attachments: [{ sha256: 'c'.repeat(64) }, { sha256: 'c'.repeat(64) }] })),
    ).toEqual(['attachments[1].sha256']);
    expect(fields(record({ place: { regionCode: '159999', address: 'x' } }))).toEqual([
      'place.regionCode',
    ]);
  });

  it('lists every problem at once', () => {
    expect(
      fields(
        record({
          sampledAt: 'now',
          gtin: '123',
          pricePaid: '-1',
          inspectors: ['S1', 'S1'],
          batch: null,
          productionDate: null,
        }),
      ),
    ).toEqual(['sampledAt', 'batch', 'gtin', 'pricePaid', 'inspectors[1]']);
  });

  it("checks the record against the task: its pair, the plan's stages, the draw time", () => {
    const task = {
      pair: ['S2', 'S1'],
      planStages: ['production', 'distribution'],
      drawnAt: new Date('2026-01-05T00:00:00Z'),
    };
    const at = new Date('2026-02-12T02:30:00Z');
    expect(samplingRecordTaskProblems(record(), at, task)).toEqual([]);
    expect(samplingRecordTaskProblems(record({ inspectors: ['S1', 'S3'] }), at, task)).toEqual([
      { field: 'inspectors', reason: "must be the task's inspectors S2 and S1 (in either order)" },
    ]);
    expect(samplingRecordTaskProblems(record({ stage: 'online' }), at, task)).toEqual([
      { field: 'stage', reason: 'the plan samples at production, distribution, not online' },
    ]);
    expect(samplingRecordTaskProblems(record(), new Date('2026-01-04T23:59:59Z'), task)).toEqual([
      {
        field: 'sampledAt',
        reason: 'must not be before the task was drawn (2026-01-05T00:00:00.000Z)',
      },
    ]);
  });
});

describe('instants and dates in China', () => {
  it('reads RFC 3339 date-times with seconds and an offset', () => {
    expect(parseInstant('2026-02-12T10:30:00+08:00')).toEqual({
      ok: true,
      at: new Date('2026-02-12T02:30:00Z'),
    });
    expect(parseInstant('2026-02-12T02:30:00.5Z')).toEqual({
      ok: true,
      at: new Date('2026-02-12T02:30:00.500Z'),
    });
    expect(parseInstant('2026-02-12T00:30:00-05:30')).toEqual({
      ok: true,
      at: new Date('2026-02-12T06:00:00Z'),
    });
    for (const bad of [
      '2026-02-12T10:30+08:00',
      '2026-02-12T10:30:00+0800',
      '2026-02-12T10:30:00.1234Z',
      '2026-02-12t10:30:00z',
      '2026-02-12T10:30:60Z',
      '2026-02-12T10:30:00+15:00',
      20260212,
    ])
      expect([bad, parseInstant(bad).ok]).toEqual([bad, false]);
  });

  it('agrees with Date.parse on every instant it accepts', () => {
    const instant = fc.date({
      min: new Date('1990-01-01T00:00:00Z'),
      max: new Date('2100-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    const offset = fc.integer({ min: -14 * 60, max: 14 * 60 });
    fc.assert(
      fc.property(instant, offset, (d, off) => {
        const local = new Date(d.getTime() + off * 60_000).toISOString().slice(0, 23);
        const sign = off < 0 ? '-' : '+';
        const a = Math.abs(off);
        const s = `${local}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
        expect(parseInstant(s)).toEqual({ ok: true, at: d });
        expect(Date.parse(s)).toBe(d.getTime());
      }),
      { numRuns: 2000 },
    );
  });

  it('dates an instant in Beijing time', () => {
    expect(chinaDate(new Date('2026-02-11T15:59:59.999Z'))).toBe('2026-02-11');
    expect(chinaDate(new Date('2026-02-11T16:00:00Z'))).toBe('2026-02-12');
    expect(chinaDate(new Date('1969-12-31T16:00:00Z'))).toBe('1970-01-01');
  });
});

describe('decimal strings', () => {
  it('accepts exactly the positive decimals of the documented shape', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?\d{0,14}(\.\d{0,7})?$/), (s) => {
        const shape = /^(0|[1-9]\d{0,11})(\.\d{1,6})?$/.test(s);
        expect(quantityProblem(s) === null).toBe(shape && Number(s) > 0);
        expect(yuanProblem(s) === null).toBe(
          /^(0|[1-9]\d{0,9})(\.\d{1,2})?$/.test(s) && Number(s) > 0,
        );
      }),
      { numRuns: 3000 },
    );
    expect(quantityProblem(2 as unknown as string)).toContain('string');
  });
});

describe('sample numbers', () => {
  it('are the plan code, a hyphen and a zero-padded sequence', () => {
    expect(formatSampleNo('NM-2026-001', 7)).toBe('NM-2026-001-0007');
    expect(formatSampleNo('NM-2026-001', 12345)).toBe('NM-2026-001-12345');
    expect(parseSampleNo('NM-2026-001-0007')).toEqual({ planCode: 'NM-2026-001', seq: 7 });
    for (const bad of [
      'NM-2026-001-7',
      'NM-2026-001-0000',
      '-0001',
      'NM2026',
      'NM-00012',
      'A-0001x',
      7,
    ])
      expect([bad, parseSampleNo(bad)]).toEqual([bad, undefined]);
    expect(() => formatSampleNo('', 1)).toThrow(RangeError);
    expect(() => formatSampleNo('A', 0)).toThrow(RangeError);
    expect(() => formatSampleNo('A', 1.5)).toThrow(RangeError);
  });

  it('never give two plans or two sequence numbers the same sample number', () => {
    const code = fc.string({
      minLength: 1,
      maxLength: 12,
      unit: fc.constantFrom('A', '-', '0', '1', '中'),
    });
    const seq = fc.integer({ min: 1, max: 2_147_483_647 });
    fc.assert(
      fc.property(code, seq, code, seq, (c1, s1, c2, s2) => {
        const a = formatSampleNo(c1, s1);
        expect(parseSampleNo(a)).toEqual({ planCode: c1, seq: s1 });
        if (c1 !== c2 || s1 !== s2) expect(a).not.toBe(formatSampleNo(c2, s2));
      }),
      { numRuns: 5000 },
    );
  });
});
