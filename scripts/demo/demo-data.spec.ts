import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import {
  INNER_MONGOLIA_PREFECTURES,
  LAB_STAFF_ROLES,
  SECTORS,
  countiesOf,
  isValidRegionCode,
  isValidUscc,
  validateLimitRule,
} from '@spotcheck/domain';
import {
  DEMO_CATALOG,
  DEMO_LAB_STAFF,
  DEMO_MARKER,
  ENTERPRISE_CSV_HEADER_EN,
  MAX_DEMO_ENTERPRISES,
  csvField,
  demoCategory,
  demoEnterprise,
  demoEnterprises,
  demoInspectors,
  demoLabs,
  enterpriseCsv,
  enterpriseCsvLine,
  type DemoEnterprise,
} from './demo-data';

const CATEGORY_CODES = new Set(DEMO_CATALOG.map((c) => c.code));
const PREFECTURES = new Set<string>(INNER_MONGOLIA_PREFECTURES);
const prefectureOf = (code: string): string => `${code.slice(0, 4)}00`;

/** Recomputes the GB 32100 check character from docs/rules.md §3.1, independently of the domain lib. */
function gb32100Check(first17: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += alphabet.indexOf(first17[k]) * (3 ** k % 31);
  return alphabet[(31 - (sum % 31)) % 31];
}

/** GB 11714 check on positions 9–17 (the organisation code). */
function gb11714Ok(org: string): boolean {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let k = 0; k < 8; k++) {
    const ch = org[k];
    sum += (ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55) * weights[k];
  }
  const c = 11 - (sum % 11);
  return org[8] === (c === 11 ? '0' : c === 10 ? 'X' : String(c));
}

// 200,000 rows are generated once and shared: the uniqueness and distribution checks need a
// large sample, and generating it per test would dominate the run time.
const SAMPLE = 200_000;
const sample: DemoEnterprise[] = Array.from(demoEnterprises(SAMPLE));

/** Rows failing a check, at most a few, so one expect reports them (expect per row is slow). */
const failing = <T>(rows: readonly T[], ok: (row: T) => boolean): T[] =>
  rows.filter((r) => !ok(r)).slice(0, 5);

const share = (pred: (e: DemoEnterprise) => boolean, rows: readonly DemoEnterprise[] = sample) =>
  rows.filter(pred).length / rows.length;

describe('DEMO_CATALOG', () => {
  it('has 12–16 categories with unique codes in uppercase alphanumerics and hyphens', () => {
    expect(DEMO_CATALOG.length).toBeGreaterThanOrEqual(12);
    expect(DEMO_CATALOG.length).toBeLessThanOrEqual(16);
    expect(CATEGORY_CODES.size).toBe(DEMO_CATALOG.length);
    for (const c of DEMO_CATALOG) expect(c.code).toMatch(/^[A-Z0-9]+(-[A-Z0-9]+)*$/);
  });

  it('covers all five sectors', () => {
    expect(new Set(DEMO_CATALOG.map((c) => c.sector))).toEqual(new Set(SECTORS));
  });

  it('has item codes unique within each category', () => {
    for (const c of DEMO_CATALOG) {
      expect(c.items.length).toBeGreaterThan(0);
      const codes = c.items.map((i) => i.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const code of codes) expect(code).toMatch(/^[A-Z0-9]+(-[A-Z0-9]+)*$/);
    }
  });

  it('has limit rules in the canonical form the domain validator returns', () => {
    for (const c of DEMO_CATALOG) {
      for (const i of c.items) {
        const v = validateLimitRule(i.limit);
        if (!v.ok) throw new Error(`${c.code}/${i.code}: ${v.reason}`);
        expect(v.rule).toEqual(i.limit);
        expect(i.name).not.toBe('');
        expect(i.method).not.toBe('');
        expect(i.unit).not.toBe('');
      }
    }
  });

  it('uses the real standards and limits of the headline items', () => {
    const protein = demoCategory('DAIRY-PAST')?.items.find((i) => i.code === 'PROTEIN');
    expect(protein).toMatchObject({ method: 'GB 5009.5-2016', unit: 'g/100g' });
    expect(protein?.limit).toEqual({
      kind: 'range',
      min: '2.9',
      minInclusive: true,
      maxInclusive: false,
    });

    const cashmere = demoCategory('CASHMERE-KNIT')!;
    expect(cashmere.items.find((i) => i.code === 'PH')?.method).toMatch(/^GB\/T 7573/);
    expect(cashmere.items.find((i) => i.code === 'HCHO')?.method).toMatch(/^GB\/T 2912\.1/);
    expect(demoCategory('WIRE-CABLE')!.items[0].method).toMatch(/^GB\/T 3048\.4/);
    expect(demoCategory('CEMENT')!.items.map((i) => i.method)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^GB\/T 17671/),
        expect.stringMatching(/^GB\/T 1346/),
      ]),
    );
    expect(demoCategory('INSULATION')!.items.find((i) => i.code === 'FIRE-CLASS')?.limit).toEqual({
      kind: 'text',
      allowed: expect.arrayContaining(['A', 'B1']),
    });
    expect(demoCategory('TOY')!.items.some((i) => i.method.startsWith('GB 6675'))).toBe(true);
  });

  it('uses every limit kind', () => {
    const kinds = new Set(DEMO_CATALOG.flatMap((c) => c.items.map((i) => i.limit.kind)));
    expect(kinds).toEqual(new Set(['range', 'not_detected', 'text']));
  });
});

describe('demoEnterprise', () => {
  it('is deterministic: the same index and seed give the same row', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_DEMO_ENTERPRISES - 1 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        (i, seed) => {
          expect(demoEnterprise(i, seed)).toEqual(demoEnterprise(i, seed));
        },
      ),
    );
    expect(demoEnterprise(12345)).toEqual(sample[12345]);
  });

  it('gives different data for different seeds', () => {
    const a = Array.from(demoEnterprises(100, 1));
    const b = Array.from(demoEnterprises(100, 2));
    expect(a.filter((e, k) => e.uscc === b[k].uscc).length).toBe(0);
    expect(a.filter((e, k) => e.name === b[k].name).length).toBeLessThan(10);
  });

  it('streams from any start index', () => {
    expect(Array.from(demoEnterprises(5, undefined, 1000))).toEqual(sample.slice(1000, 1005));
  });

  it('rejects indexes outside [0, 2^30)', () => {
    expect(() => demoEnterprise(-1)).toThrow(RangeError);
    expect(() => demoEnterprise(1.5)).toThrow(RangeError);
    expect(() => demoEnterprise(MAX_DEMO_ENTERPRISES)).toThrow(RangeError);
    expect(() => demoEnterprise(0, Number.NaN)).toThrow(RangeError);
    expect(demoEnterprise(MAX_DEMO_ENTERPRISES - 1).uscc).toHaveLength(18);
  });

  it(`gives ${SAMPLE.toLocaleString('en')} distinct, valid USCCs`, () => {
    expect(new Set(sample.map((e) => e.uscc)).size).toBe(SAMPLE);
    const shape = /^9[12]15\d{4}[0-9A-HJ-NP-RTUW-Y]{10}$/;
    expect(failing(sample, (e) => shape.test(e.uscc) && isValidUscc(e.uscc))).toEqual([]);
    expect(
      failing(
        sample.slice(0, 5000),
        (e) => e.uscc[17] === gb32100Check(e.uscc.slice(0, 17)) && gb11714Ok(e.uscc.slice(8)),
      ),
    ).toEqual([]);
  });

  it('keeps organisation codes unique far beyond the sample (spot check at high indexes)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: MAX_DEMO_ENTERPRISES - 1 }), {
          minLength: 2,
          maxLength: 50,
        }),
        (indexes) => {
          const orgs = indexes.map((i) => demoEnterprise(i).uscc.slice(8, 17));
          expect(new Set(orgs).size).toBe(indexes.length);
        },
      ),
    );
  });

  it('embeds an Inner Mongolia county or prefecture code, and lies in a county of it', () => {
    expect(
      failing(sample, (e) => {
        const registered = e.uscc.slice(2, 8);
        return (
          registered.startsWith('15') &&
          (registered === e.regionCode || registered === prefectureOf(e.regionCode)) &&
          PREFECTURES.has(prefectureOf(e.regionCode))
        );
      }),
    ).toEqual([]);
    for (const code of new Set(sample.map((e) => e.regionCode))) {
      expect(isValidRegionCode(code)).toBe(true);
      expect(countiesOf(prefectureOf(code))).toContain(code);
    }
  });

  it('spreads over every prefecture, weighted by population', () => {
    const byPref = new Map<string, number>();
    for (const e of sample) {
      const p = prefectureOf(e.regionCode);
      byPref.set(p, (byPref.get(p) ?? 0) + 1);
    }
    expect(new Set(byPref.keys())).toEqual(PREFECTURES);
    expect(byPref.get('150400')!).toBeGreaterThan(byPref.get('152900')! * 5); // Chifeng ≫ Alxa
    expect(new Set(sample.map((e) => e.regionCode)).size).toBeGreaterThan(90);
  });

  it('marks every name as a demo and writes a full address', () => {
    const address = /^\p{Script=Han}+\d+号$/u;
    expect(failing(sample, (e) => e.name.endsWith(DEMO_MARKER) && address.test(e.address))).toEqual(
      [],
    );
    expect(DEMO_MARKER).toBe('（演示）');
    const individuals = share((e) => e.uscc[1] === '2');
    expect(individuals).toBeGreaterThan(0.01);
    expect(individuals).toBeLessThan(0.1);
  });

  it('has one or two distinct catalog categories', () => {
    expect(
      failing(
        sample,
        (e) =>
          (e.categories.length === 1 ||
            (e.categories.length === 2 && e.categories[0] !== e.categories[1])) &&
          e.categories.every((c) => CATEGORY_CODES.has(c)),
      ),
    ).toEqual([]);
    expect(new Set(sample.flatMap((e) => e.categories))).toEqual(CATEGORY_CODES);
  });

  it('follows the risk, size and status distributions', () => {
    const near = (x: number, target: number) => expect(Math.abs(x - target)).toBeLessThan(0.01);
    near(
      share((e) => e.riskClass === 'A'),
      0.4,
    );
    near(
      share((e) => e.riskClass === 'B'),
      0.35,
    );
    near(
      share((e) => e.riskClass === 'C'),
      0.18,
    );
    near(
      share((e) => e.riskClass === 'D'),
      0.07,
    );
    near(
      share((e) => e.status === 'active'),
      0.95,
    );
    expect(share((e) => e.size === 'micro' || e.size === 'small')).toBeGreaterThan(0.85);
    expect(share((e) => e.size === 'large')).toBeGreaterThan(0.005);
  });

  it('biases categories by region', () => {
    const inPref = (p: string) => sample.filter((e) => prefectureOf(e.regionCode) === p);
    const has = (cat: string) => (e: DemoEnterprise) => e.categories.includes(cat);
    expect(share(has('DAIRY-PAST'), inPref('150100'))).toBeGreaterThan(
      2 * share(has('DAIRY-PAST'), inPref('150300')),
    );
    expect(share(has('CASHMERE-KNIT'), inPref('150600'))).toBeGreaterThan(
      3 * share(has('CASHMERE-KNIT'), inPref('150500')),
    );
    expect(share(has('POTATO'), inPref('150900'))).toBeGreaterThan(
      3 * share(has('POTATO'), inPref('150200')),
    );
  });
});

/** RFC 4180 parse of one record, via csv-parse. */
const parseRecord = (line: string): string[] => parse(line, { relax_quotes: false })[0] as string[];

describe('enterprise CSV', () => {
  it('has the agreed header', () => {
    expect(ENTERPRISE_CSV_HEADER_EN).toBe(
      'uscc,name,address,region_code,size,categories,risk_class,status',
    );
  });

  it('writes lines that parse back to the enterprise', () => {
    const rows = sample.slice(0, 5000);
    const lines = rows.map(enterpriseCsvLine);
    expect(failing(lines, (l) => /^[^\r\n]*\n$/.test(l))).toEqual([]);
    const parsed = parse(lines.join('')) as string[][];
    expect(parsed).toEqual(
      rows.map((e) => [
        e.uscc,
        e.name,
        e.address,
        e.regionCode,
        e.size,
        e.categories.join(';'),
        e.riskClass,
        e.status,
      ]),
    );
  });

  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('plain（演示）')).toBe('plain（演示）');
    fc.assert(
      fc.property(fc.string(), fc.string({ unit: 'grapheme' }), (name, address) => {
        const e: DemoEnterprise = { ...sample[0], name, address };
        const [, n, a] = parseRecord(enterpriseCsvLine(e));
        expect([n, a]).toEqual([name, address]);
      }),
    );
  });

  it('streams the whole file in chunks that parse to the same rows', () => {
    const text = Array.from(enterpriseCsv(300, undefined, 64)).join('');
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(300);
    expect(text.startsWith(ENTERPRISE_CSV_HEADER_EN + '\n')).toBe(true);
    expect(rows[299]).toEqual({
      uscc: sample[299].uscc,
      name: sample[299].name,
      address: sample[299].address,
      region_code: sample[299].regionCode,
      size: sample[299].size,
      categories: sample[299].categories.join(';'),
      risk_class: sample[299].riskClass,
      status: sample[299].status,
    });
  });
});

describe('demoInspectors', () => {
  const inspectors = demoInspectors(400);

  it('is deterministic, and a shorter run is a prefix of a longer one', () => {
    expect(demoInspectors(400)).toEqual(inspectors);
    expect(demoInspectors(150)).toEqual(inspectors.slice(0, 150));
    expect(demoInspectors(50, 7)).not.toEqual(inspectors.slice(0, 50));
  });

  it('has unique staff numbers that carry the region', () => {
    expect(new Set(inspectors.map((x) => x.staffNo)).size).toBe(inspectors.length);
    for (const x of inspectors) {
      expect(x.staffNo).toBe(`NM-${x.regionCode}-${x.staffNo.slice(10)}`);
      expect(x.staffNo).toMatch(/^NM-15\d{4}-\d{4,}$/);
      expect(isValidRegionCode(x.regionCode)).toBe(true);
      expect(PREFECTURES.has(prefectureOf(x.regionCode))).toBe(true);
      expect(x.unit).toMatch(/^\p{Script=Han}+市场监督管理局$/u);
      expect(x.name).toMatch(/^\p{Script=Han}{2,5}$/u);
    }
  });

  it('qualifies inspectors for catalog categories only', () => {
    for (const x of inspectors) {
      expect(x.categories.length).toBeGreaterThan(0);
      for (const c of x.categories) expect(CATEGORY_CODES.has(c)).toBe(true);
    }
  });

  it('can staff every category in every prefecture with two active inspectors', () => {
    for (const pref of INNER_MONGOLIA_PREFECTURES) {
      for (const cat of CATEGORY_CODES) {
        const n = inspectors.filter(
          (x) => x.active && x.regionCode === pref && x.categories.includes(cat),
        ).length;
        expect(n).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('declares some conflicts, naming USCCs of demo enterprises', () => {
    const withConflicts = inspectors.filter((x) => x.conflicts.length > 0);
    expect(withConflicts.length).toBeGreaterThan(5);
    expect(withConflicts.length).toBeLessThan(inspectors.length * 0.2);
    const known = new Set(sample.slice(0, 1000).map((e) => e.uscc));
    for (const x of withConflicts) for (const u of x.conflicts) expect(known.has(u)).toBe(true);
    const few = demoInspectors(400, undefined, 20);
    const first20 = new Set(sample.slice(0, 20).map((e) => e.uscc));
    for (const x of few) for (const u of x.conflicts) expect(first20.has(u)).toBe(true);
  });
});

describe('demoLabs', () => {
  const labs = demoLabs(30);

  it('is deterministic', () => {
    expect(demoLabs(30)).toEqual(labs);
    expect(demoLabs(12)).toEqual(labs.slice(0, 12));
  });

  it('has marked names, valid unique USCCs and unique 12-digit CMA numbers', () => {
    expect(new Set(labs.map((l) => l.uscc)).size).toBe(labs.length);
    expect(new Set(labs.map((l) => l.cmaNo)).size).toBe(labs.length);
    expect(new Set(labs.map((l) => l.name)).size).toBe(labs.length);
    const enterpriseOrgs = new Set(sample.map((e) => e.uscc.slice(8, 17)));
    for (const l of labs) {
      expect(l.name.endsWith(DEMO_MARKER)).toBe(true);
      expect(isValidUscc(l.uscc)).toBe(true);
      expect(l.uscc.slice(2, 4)).toBe('15');
      expect(enterpriseOrgs.has(l.uscc.slice(8, 17))).toBe(false);
      // year, issuing authority 05 (Inner Mongolia), field, supervising sector, serial
      expect(l.cmaNo).toMatch(/^(1[5-9]|2[0-4])05\d{4}\d{4}$/);
      expect(isValidRegionCode(l.regionCode)).toBe(true);
      expect(Number.isInteger(l.capacity) && l.capacity > 0).toBe(true);
      for (const c of l.categories) expect(CATEGORY_CODES.has(c)).toBe(true);
    }
  });

  it('accredits at least two active labs per category, so a retest can go elsewhere', () => {
    for (const count of [10, 30]) {
      const some = demoLabs(count);
      for (const cat of CATEGORY_CODES) {
        expect(
          some.filter((l) => l.active && l.categories.includes(cat)).length,
        ).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('rejects more labs than there are CMA serials', () => {
    expect(() => demoLabs(10_000)).toThrow(RangeError);
  });
});

describe('DEMO_LAB_STAFF', () => {
  it('fills every role of the review chain with a different person, so four eyes can be kept', () => {
    const subs = DEMO_LAB_STAFF.map((s) => s.sub);
    expect(new Set(subs).size).toBe(subs.length);
    for (const role of LAB_STAFF_ROLES) {
      expect(DEMO_LAB_STAFF.filter((s) => s.roles.includes(role))).toHaveLength(1);
    }
    for (const s of DEMO_LAB_STAFF) expect(s.name.endsWith(DEMO_MARKER)).toBe(true);
  });
});
