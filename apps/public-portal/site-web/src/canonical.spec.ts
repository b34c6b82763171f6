import fc from 'fast-check';
import { jcs } from '@spotcheck/domain';
import { canonical } from './canonical';

/** The browser's canonical JSON must be the server's byte for byte, or every list mismatches. */
describe('canonical (the list check in the browser)', () => {
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.boolean(),
      fc.maxSafeInteger(),
      fc.string({ unit: 'binary' }),
      fc.array(tie('value')),
      fc.dictionary(fc.string({ unit: 'binary' }), tie('value')),
    ),
  }));

  it('writes every value of a list exactly as libs/domain jcs does', () => {
    fc.assert(
      fc.property(value, (v) => canonical(v) === jcs(v)),
      { numRuns: 500 },
    );
  });

  it('sorts members by UTF-16 code units and refuses fractions', () => {
    expect(canonical({ b: 1, a: [true, null, 'é\n'], B: { '😀': 1, z: 2 } })).toBe(
      '{"B":{"z":2,"😀":1},"a":[true,null,"é\\n"],"b":1}',
    );
    expect(() => canonical({ x: 1.5 })).toThrow(RangeError);
  });
});
