import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { jcs, sha256OfBytes } from './canonical-json';

describe('jcs (the canonical JSON of a published list)', () => {
  it('sorts members at every depth and writes no whitespace', () => {
    expect(jcs({ b: 1, a: [{ z: null, y: true }, 'x'], c: { e: false, d: '' } })).toBe(
      '{"a":[{"y":true,"z":null},"x"],"b":1,"c":{"d":"","e":false}}',
    );
  });

  it('sorts names by UTF-16 code units, as RFC 8785 does', () => {
    expect(jcs({ b: 0, B: 0, a1: 0, a: 0, _: 0 })).toBe('{"B":0,"_":0,"a":0,"a1":0,"b":0}');
  });

  it('writes strings as ECMAScript does: Chinese as is, controls escaped', () => {
    expect(jcs('内市监公告〔2026〕12号')).toBe('"内市监公告〔2026〕12号"');
    expect(jcs('a"b\\c\n\t\u0001\u007f')).toBe('"a\\"b\\\\c\\n\\t\\u0001\u007f"');
    expect(jcs('铅║0.8 mg/kg║≤0.5 mg/kg')).toBe('"铅║0.8 mg/kg║≤0.5 mg/kg"');
  });

  it('keeps integers and refuses every other number, undefined and functions', () => {
    expect(jcs([0, 12, -3, 9007199254740991])).toBe('[0,12,-3,9007199254740991]');
    expect(() => jcs({ v: 0.5 })).toThrow(/\$\.v: 0\.5 is not an integer/);
    expect(() => jcs([NaN])).toThrow(RangeError);
    expect(() => jcs({ a: undefined })).toThrow(/\$\.a: undefined has no canonical/);
    expect(() => jcs({ f: () => 1 })).toThrow(RangeError);
  });

  it('gives one text for equal values whatever the order members were added in', () => {
    const value = fc.dictionary(
      fc.string(),
      fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
    );
    fc.assert(
      fc.property(value, (v) => {
        const reversed = Object.fromEntries(Object.entries(v).reverse());
        expect(jcs(reversed)).toBe(jcs(v));
        // Whatever the value, the text is JSON that reads back as the same value.
        expect(JSON.parse(jcs(v))).toEqual(v);
      }),
    );
  });

  it('writes any value as a plain recursive canonical writer does, with names of Object.prototype too', () => {
    // The reference: each object's members sorted, each string and integer as JSON.stringify.
    const reference = (v: unknown): string =>
      v === null || typeof v !== 'object'
        ? JSON.stringify(v)
        : Array.isArray(v)
          ? `[${v.map(reference).join(',')}]`
          : `{${Object.keys(v)
              .sort()
              .map((k) => `${JSON.stringify(k)}:${reference((v as Record<string, unknown>)[k])}`)
              .join(',')}}`;
    const key = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom('__proto__', 'toString', 'constructor', 'toJSON', 'valueOf', 'a', 'B', '_'),
    );
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string({ unit: 'binary' }),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value')),
        fc.dictionary(key, tie('value'), { noNullPrototype: false }),
      ),
    }));
    fc.assert(
      fc.property(value, (v) => {
        expect(jcs(v)).toBe(reference(v));
      }),
      { numRuns: 500 },
    );
    // A list's shape: many objects of the same members, written in another order.
    const rows = Array.from({ length: 50 }, (_, i) => ({
      serial: i + 1,
      sampleNo: `S-${i}`,
      failedItems: [{ value: '0.8', item: '铅', unit: null, limit: '≤0.5' }],
      remark: null,
    }));
    expect(jcs({ failed: rows, format: 'f' })).toBe(reference({ failed: rows, format: 'f' }));
  });

  it('writes an object that is not plain data as its own enumerable members, as before', () => {
    class Point {
      constructor(
        readonly y: number,
        readonly x: number,
      ) {}
    }
    expect(jcs({ p: new Point(2, 1) })).toBe('{"p":{"x":1,"y":2}}');
    const hidden = Object.defineProperty({ b: 1 }, 'a', { value: 2, enumerable: false });
    expect(jcs([hidden, { a: 3 }])).toBe('[{"b":1},{"a":3}]');
  });

  it('hashes bytes as SHA-256, lower-case hex', () => {
    const bytes = new TextEncoder().encode('{"a":1}');
    expect(sha256OfBytes(bytes)).toBe(createHash('sha256').update('{"a":1}').digest('hex'));
    expect(sha256OfBytes(bytes)).toMatch(/^[0-9a-f]{64}$/);
  });
});
