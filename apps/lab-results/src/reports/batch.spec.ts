import fc from 'fast-check';
import { MAX_REPORTED_ERRORS, batchRejected, validateBatch, type BatchValidation } from './batch';

const item = (over: Record<string, unknown> = {}) => ({
  itemCode: 'PROT',
  itemName: '蛋白质',
  method: 'GB 5009.5',
  unit: 'g/100g',
  limit: '≥2.9',
  comparison: 'full',
  roundingDigits: 1,
  value: '3.1',
  ...over,
});

const report = (i: number, items: unknown[] = [item()]) => ({
  sampleNo: `NM-2026-001-${String(i).padStart(4, '0')}`,
  reportNo: `R2026-${String(i).padStart(4, '0')}`,
  items,
});

function errorsOf(r: BatchValidation) {
  if (r.ok) throw new Error('expected the batch to be rejected');
  return r.errors;
}
const fields = (r: BatchValidation) => errorsOf(r).map((e) => e.field);

describe('validateBatch', () => {
  it('accepts the agreed example and judges the items that carry a limit', () => {
    const r = validateBatch({
      reports: [
        {
          sampleNo: 'NM-2026-001-0007',
          reportNo: 'R2026-0001',
          items: [item(), { itemCode: 'MEL', notTested: '仪器故障' }],
        },
      ],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.itemCount).toBe(2);
    const [rep] = r.reports;
    expect(rep.sampleNo).toBe('NM-2026-001-0007');
    expect(rep.items[0]).toMatchObject({
      itemCode: 'PROT',
      limit: { text: '≥2.9', rule: { kind: 'range', min: '2.9', minInclusive: true } },
      result: { kind: 'measured', value: '3.1' },
      judgement: { outcome: 'pass', limit: '≥2.9' },
    });
    // No limit: the template's, judged by the service.
    expect(rep.items[1]).toMatchObject({
      itemCode: 'MEL',
      result: { kind: 'not_tested', reason: '仪器故障' },
      judgement: null,
    });
    expect(rep.outcome).toBeNull();
  });

  it('computes the sample outcome when every item has a limit', () => {
    const r = validateBatch({
      reports: [
        report(1, [
          item(),
          item({ itemCode: 'PB', itemName: '铅', limit: '≤0.05', value: '0.08', unit: 'mg/kg' }),
        ]),
      ],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.reports[0].items[1].judgement?.outcome).toBe('fail');
    expect(r.reports[0].outcome).toBe('fail');
  });

  it('reads rounded comparison, not-detected, text rules and a LimitRule object', () => {
    const r = validateBatch({
      reports: [
        report(1, [
          item({
            itemCode: 'A',
            limit: '≤0.5',
            comparison: 'rounded',
            roundingDigits: null,
            value: '0.54',
          }),
          item({ itemCode: 'B', limit: '不得检出(0.01)', value: 'ND' }),
          item({ itemCode: 'C', limit: '{合格|符合}', value: '符合' }),
          item({
            itemCode: 'D',
            limit: { kind: 'range', max: '10', maxInclusive: true },
            value: '9.99',
          }),
        ]),
      ],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const j = r.reports[0].items.map((i) => i.judgement);
    expect(j[0]).toMatchObject({ outcome: 'pass', roundedValue: '0.5' });
    expect(j[1]?.outcome).toBe('pass');
    expect(j[2]?.outcome).toBe('pass');
    expect(j[3]).toMatchObject({ outcome: 'pass', limit: '≤10' });
    expect(r.reports[0].items[3].limit?.text).toBe('≤10');
  });

  it('names an unknown field by its path', () => {
    const r = validateBatch({
      reports: [
        report(0),
        report(1),
        report(2),
        report(3, [item(), item({ itemCode: 'X', valeu: '1' })]),
      ],
    });
    expect(errorsOf(r)).toContainEqual(
      expect.objectContaining({
        report: 3,
        item: 1,
        field: 'reports[3].items[1].valeu',
        reason: 'is not a known field',
      }),
    );
    expect(fields(validateBatch({ reports: [report(0)], extra: 1 }))).toEqual(['extra']);
    expect(
      errorsOf(validateBatch({ reports: [{ ...report(0), sampleNo: 'S\u0000', note: 'x' }] })),
    ).toEqual([
      { report: 0, field: 'reports[0].sampleNo', reason: expect.stringContaining('control') },
      { report: 0, field: 'reports[0].note', reason: 'is not a known field' },
    ]);
    expect(fields(validateBatch({ reports: [{ ...report(0), note: 'x' }] }))).toEqual([
      'reports[0].note',
    ]);
  });

  it('answers over the limits with only that error', () => {
    const many = Array.from({ length: 1001 }, (_, i) => report(i));
    expect(errorsOf(validateBatch({ reports: many }))).toEqual([
      { field: 'reports', reason: 'at most 1000 reports per request, got 1001' },
    ]);
    const items = Array.from({ length: 21 }, (_, j) => item({ itemCode: `I${j}` }));
    const big = Array.from({ length: 1000 }, (_, i) => report(i, items));
    expect(errorsOf(validateBatch({ reports: big }))).toEqual([
      { field: 'reports', reason: 'at most 20000 items per request, got 21000' },
    ]);
    expect(
      validateBatch({ reports: [report(0, items)] }, { maxReports: 10, maxItems: 20 }).ok,
    ).toBe(false);
  });

  it('accepts exactly the limits', () => {
    const items = Array.from({ length: 20 }, (_, j) => item({ itemCode: `I${j}` }));
    const r = validateBatch({ reports: Array.from({ length: 1000 }, (_, i) => report(i, items)) });
    expect(r.ok && r.itemCount).toBe(20_000);
  });

  it('refuses numbers that are not decimal strings', () => {
    for (const [value, reason] of [
      ['1e-3', /not a decimal/],
      ['3,1', /not a decimal/],
      ['.5', /not a decimal/],
      ['+3', /not a decimal/],
      ['3.1 g', /not a decimal/],
      [3.1, /must be a string, got the number 3.1 \(write numbers as strings/],
    ] as const) {
      const errs = errorsOf(validateBatch({ reports: [report(0, [item({ value })])] }));
      expect(errs).toEqual([
        expect.objectContaining({
          field: 'reports[0].items[0].value',
          reason: expect.stringMatching(reason),
        }),
      ]);
    }
  });

  it('lets a value without a limit through when it is a decimal, ND or text, for the template to judge', () => {
    for (const value of ['3.1', 'ND', '未检出', '符合', '阴性']) {
      const r = validateBatch({ reports: [report(0, [{ itemCode: 'X', value }])] });
      expect(r.ok).toBe(true);
    }
    expect(
      fields(validateBatch({ reports: [report(0, [{ itemCode: 'X', value: '1e5' }])] })),
    ).toEqual(['reports[0].items[0].value']);
  });

  it('names limit notation errors with the parser reason', () => {
    const errs = errorsOf(validateBatch({ reports: [report(0, [item({ limit: '0.5' })])] }));
    expect(errs).toEqual([
      expect.objectContaining({
        field: 'reports[0].items[0].limit',
        reason: expect.stringContaining('a bare number is ambiguous'),
      }),
    ]);
    expect(
      fields(
        validateBatch({ reports: [report(0, [item({ limit: { kind: 'range', max: 0.5 } })])] }),
      ),
    ).toEqual(['reports[0].items[0].limit']);
    expect(fields(validateBatch({ reports: [report(0, [item({ limit: 5 })])] }))).toEqual([
      'reports[0].items[0].limit',
    ]);
  });

  it('sends rounded-comparison ambiguity to roundingDigits', () => {
    const errs = errorsOf(
      validateBatch({
        reports: [
          report(0, [
            item({ limit: '0.1~0.50', comparison: 'rounded', roundingDigits: null, value: '0.3' }),
          ]),
        ],
      }),
    );
    expect(errs.map((e) => e.field)).toEqual(['reports[0].items[0].roundingDigits']);
  });

  it('a text value against a numeric limit is a value error', () => {
    expect(fields(validateBatch({ reports: [report(0, [item({ value: '合格' })])] }))).toEqual([
      'reports[0].items[0].value',
    ]);
  });

  it('wants exactly one of value and notTested', () => {
    expect(
      fields(validateBatch({ reports: [report(0, [item({ notTested: '仪器故障' })])] })),
    ).toEqual(['reports[0].items[0].notTested']);
    expect(fields(validateBatch({ reports: [report(0, [{ itemCode: 'X' }])] }))).toEqual([
      'reports[0].items[0].value',
    ]);
  });

  it('refuses repeated item codes, sample numbers and report numbers', () => {
    const errs = errorsOf(
      validateBatch({
        reports: [
          report(0, [item(), item({ itemName: 'again' })]),
          { ...report(0), reportNo: 'OTHER' },
          { ...report(2), reportNo: report(0).reportNo },
        ],
      }),
    );
    expect(errs).toEqual([
      expect.objectContaining({
        report: 0,
        item: 1,
        field: 'reports[0].items[1].itemCode',
        reason: 'item PROT is already items[0]',
      }),
      expect.objectContaining({
        report: 1,
        sampleNo: 'NM-2026-001-0000',
        field: 'reports[1].sampleNo',
      }),
      expect.objectContaining({
        report: 2,
        field: 'reports[2].reportNo',
        reason: 'report number R2026-0000 is already reports[0]',
      }),
    ]);
  });

  it('refuses NUL and other control characters in any text', () => {
    for (const bad of ['a\u0000b', 'a\nb', 'a\tb', 'a\u007fb', 'a\u0085b']) {
      expect(fields(validateBatch({ reports: [report(0, [item({ itemName: bad })])] }))).toEqual([
        'reports[0].items[0].itemName',
      ]);
    }
    expect(fields(validateBatch({ reports: [{ ...report(0), sampleNo: 'NM\u0000' }] }))).toEqual([
      'reports[0].sampleNo',
    ]);
    expect(
      fields(validateBatch({ reports: [report(0, [item({ limit: '≤0.5\u0000' })])] })),
    ).toEqual(['reports[0].items[0].limit']);
  });

  it('refuses lone surrogates, which no database text can hold, and keeps real pairs', () => {
    const lone = validateBatch({ reports: [report(0, [item({ value: '0.1\ud800' })])] });
    expect(lone.ok).toBe(false);
    if (!lone.ok)
      expect(lone.errors).toEqual([
        expect.objectContaining({
          field: 'reports[0].items[0].value',
          reason: expect.stringContaining('lone surrogate'),
        }),
      ]);
    expect(
      fields(validateBatch({ reports: [report(0, [item({ itemName: '\udc00铅' })])] })),
    ).toEqual(['reports[0].items[0].itemName']);
    expect(validateBatch({ reports: [report(0, [item({ itemName: '铅𠀀' })])] }).ok).toBe(true);
    // In a limit rule object's allowed values too (jsonb refuses them: a 500 once).
    const allowed = (a: string[]) =>
      validateBatch({
        reports: [report(0, [item({ limit: { kind: 'text', allowed: a }, value: '合格' })])],
      });
    const refused = allowed(['合格', '\ud800']);
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.errors).toEqual([
        expect.objectContaining({
          field: 'reports[0].items[0].limit',
          reason: expect.stringContaining('lone surrogate'),
        }),
      ]);
    expect(fields(allowed(['合格', 'a\u0000']))).toEqual(['reports[0].items[0].limit']);
    expect(allowed(['合格', '𠀀']).ok).toBe(true);
  });

  it('checks shapes and types', () => {
    expect(fields(validateBatch(null))).toEqual(['body']);
    expect(fields(validateBatch([]))).toEqual(['body']);
    expect(fields(validateBatch({}))).toEqual(['reports']);
    expect(fields(validateBatch({ reports: [] }))).toEqual(['reports']);
    expect(fields(validateBatch({ reports: [1] }))).toEqual(['reports[0]']);
    expect(fields(validateBatch({ reports: [{ ...report(0), items: [] }] }))).toEqual([
      'reports[0].items',
    ]);
    expect(fields(validateBatch({ reports: [{ ...report(0), items: 'x' }] }))).toEqual([
      'reports[0].items',
    ]);
    expect(fields(validateBatch({ reports: [report(0, [null])] }))).toEqual([
      'reports[0].items[0]',
    ]);
    expect(fields(validateBatch({ reports: [{ ...report(0), reportNo: undefined }] }))).toEqual([
      'reports[0].reportNo',
    ]);
    expect(
      fields(validateBatch({ reports: [report(0, [item({ comparison: 'exact' })])] })),
    ).toEqual(['reports[0].items[0].comparison']);
    expect(
      fields(validateBatch({ reports: [report(0, [item({ roundingDigits: 1.5 })])] })),
    ).toEqual(['reports[0].items[0].roundingDigits']);
    expect(fields(validateBatch({ reports: [report(0, [item({ unit: '  ' })])] }))).toEqual([
      'reports[0].items[0].unit',
    ]);
    expect(
      fields(validateBatch({ reports: [report(0, [item({ itemCode: 'X'.repeat(33) })])] })),
    ).toEqual(['reports[0].items[0].itemCode']);
  });

  it('says when a rejected batch is answered', () => {
    const r = validateBatch({ reports: [report(0, [item({ value: '1e3' })])] });
    if (r.ok) throw new Error('expected errors');
    const e = batchRejected(r.errors, r.total);
    expect(e.getStatus()).toBe(400);
    expect(e.getResponse()).toMatchObject({
      code: 'BATCH_REJECTED',
      errorCount: 1,
      errors: [
        { report: 0, item: 0, sampleNo: 'NM-2026-001-0000', field: 'reports[0].items[0].value' },
      ],
    });
  });

  it('answers the first 100 errors and the total', () => {
    const items = Array.from({ length: 150 }, (_, j) => item({ itemCode: `I${j}`, value: 'x1' }));
    const r = validateBatch({ reports: [report(0, items)] });
    if (r.ok) throw new Error('expected errors');
    expect(r.errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(r.total).toBe(150);
  });

  it('judges the same value under another limit, comparison or digit afresh', () => {
    const r = validateBatch({
      reports: [
        report(0, [
          item({
            itemCode: 'A',
            limit: '≤0.5',
            comparison: 'full',
            roundingDigits: null,
            value: '0.54',
          }),
          item({
            itemCode: 'B',
            limit: '≤0.5',
            comparison: 'rounded',
            roundingDigits: null,
            value: '0.54',
          }),
          item({
            itemCode: 'C',
            limit: '≤0.5',
            comparison: 'rounded',
            roundingDigits: 2,
            value: '0.54',
          }),
          item({
            itemCode: 'D',
            limit: '≤0.50',
            comparison: 'rounded',
            roundingDigits: null,
            value: '0.54',
          }),
          item({
            itemCode: 'E',
            limit: '≤0.5',
            comparison: 'full',
            roundingDigits: null,
            value: '0.54',
          }),
        ]),
      ],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.reports[0].items.map((i) => i.judgement?.outcome)).toEqual([
      'fail',
      'pass',
      'fail',
      'fail',
      'fail',
    ]);
  });

  it('trims text and keeps the limit as written', () => {
    const r = validateBatch({
      reports: [report(0, [item({ itemName: ' 蛋白质 ', limit: ' ≥2.90 ', value: ' 3.1 ' })])],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.reports[0].items[0]).toMatchObject({
      itemName: '蛋白质',
      limit: { text: '≥2.90' },
      result: { value: '3.1' },
    });
  });
});

// ---------- properties ----------

const decimal = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }),
  )
  .map(([i, f]) => (f === undefined ? String(i) : `${i}.${String(f).padStart(3, '0')}`));

const limitArb = fc.oneof(
  decimal.map((d) => `≤${d}`),
  decimal.map((d) => `>${d}`),
  decimal.filter((d) => !/^0(\.0+)?$/.test(d)).map((d) => `不得检出(${d})`),
  fc.constant(undefined),
);

const itemArb = (code: string) =>
  fc
    .record({
      itemName: fc.option(fc.constantFrom('蛋白质', '铅', 'Lead', '菌落总数'), { nil: undefined }),
      unit: fc.option(fc.constantFrom('g/100g', 'mg/kg', 'CFU/g'), { nil: undefined }),
      limit: limitArb,
      tested: fc.boolean(),
      value: fc.oneof(decimal, fc.constant('ND')),
    })
    .map(({ itemName, unit, limit, tested, value }) => {
      const o: Record<string, unknown> = { itemCode: code };
      if (itemName) o.itemName = itemName;
      if (unit) o.unit = unit;
      if (limit) o.limit = limit;
      if (tested || !limit) o.value = value;
      else o.notTested = '仪器故障';
      return o;
    });

const batchArb = fc
  .array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 8 })
  .chain((sizes) =>
    fc.tuple(
      ...sizes.map((n, i) =>
        fc
          .tuple(...Array.from({ length: n }, (_, j) => itemArb(`C${j}`)))
          .map((items) => report(i, items)),
      ),
    ),
  )
  .map((reports) => ({ reports }));

type Mutation = (
  b: { reports: { sampleNo: string; items: Record<string, unknown>[] }[] },
  r: number,
  i: number,
) => string | undefined;

const MUTATIONS: Record<string, Mutation> = {
  unknownField: (b, r, i) => {
    b.reports[r].items[i].valeu = '1';
    return `reports[${r}].items[${i}].valeu`;
  },
  exponent: (b, r, i) => {
    const it = b.reports[r].items[i];
    delete it.notTested;
    it.value = '1e-3';
    return `reports[${r}].items[${i}].value`;
  },
  jsonNumber: (b, r, i) => {
    const it = b.reports[r].items[i];
    delete it.notTested;
    it.value = 3.1;
    return `reports[${r}].items[${i}].value`;
  },
  badLimit: (b, r, i) => {
    b.reports[r].items[i].limit = '约0.5';
    return `reports[${r}].items[${i}].limit`;
  },
  controlChar: (b, r, i) => {
    b.reports[r].items[i].itemName = 'a\u0000b';
    return `reports[${r}].items[${i}].itemName`;
  },
  comparison: (b, r, i) => {
    b.reports[r].items[i].comparison = 'exact';
    return `reports[${r}].items[${i}].comparison`;
  },
  duplicateCode: (b, r, i) => {
    if (b.reports[r].items.length < 2) return undefined;
    const other = i === 0 ? 1 : 0;
    b.reports[r].items[Math.max(i, other)].itemCode =
      b.reports[r].items[Math.min(i, other)].itemCode;
    return `reports[${r}].items[${Math.max(i, other)}].itemCode`;
  },
  duplicateSample: (b, r) => {
    if (b.reports.length < 2) return undefined;
    const later = r === 0 ? 1 : r;
    b.reports[later].sampleNo = b.reports[later === 0 ? 1 : 0].sampleNo;
    return `reports[${later}].sampleNo`;
  },
  missingCode: (b, r, i) => {
    delete b.reports[r].items[i].itemCode;
    return `reports[${r}].items[${i}].itemCode`;
  },
};

describe('validateBatch properties', () => {
  it('accepts every valid batch and keeps its reports and items in order', () => {
    fc.assert(
      fc.property(batchArb, (body) => {
        const r = validateBatch(body);
        if (!r.ok) throw new Error(JSON.stringify(r.errors));
        expect(r.reports.map((x) => x.sampleNo)).toEqual(body.reports.map((x) => x.sampleNo));
        expect(r.reports.map((x) => x.items.map((i) => i.itemCode))).toEqual(
          body.reports.map((x) => x.items.map((i) => (i as { itemCode: string }).itemCode)),
        );
        for (const rep of r.reports) {
          for (const it of rep.items) expect(it.judgement === null).toBe(it.limit === undefined);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('rejects a single mutation, naming its path', () => {
    fc.assert(
      fc.property(
        batchArb,
        fc.constantFrom(...Object.keys(MUTATIONS)),
        fc.nat(),
        fc.nat(),
        (body, kind, rSeed, iSeed) => {
          const b = structuredClone(body) as Parameters<Mutation>[0];
          const r = rSeed % b.reports.length;
          const i = iSeed % b.reports[r].items.length;
          const path = MUTATIONS[kind](b, r, i);
          fc.pre(path !== undefined);
          const result = validateBatch(b);
          expect(result.ok).toBe(false);
          expect(fields(result)).toContain(path);
        },
      ),
      { numRuns: 500 },
    );
  });
});
