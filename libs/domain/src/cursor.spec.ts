import fc from 'fast-check';
import { MAX_CURSOR_LENGTH, decodeCursor, encodeCursor, isCursorInstant } from './cursor';

/** Values a page can end on: anything but NUL, which PostgreSQL text cannot hold. */
const cursorValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }).filter((s) => !s.includes('\u0000')), // lone surrogates too
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
);
const cursorValues = fc.array(cursorValue, { maxLength: 5 });

describe('cursor', () => {
  it('is base64url of the JSON array', () => {
    const c = encodeCursor(['2024-05-01T00:00:00Z', 42, '内蒙古']);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(Buffer.from(c, 'base64url').toString('utf8'))).toEqual([
      '2024-05-01T00:00:00Z',
      42,
      '内蒙古',
    ]);
    expect(decodeCursor(c)).toEqual(['2024-05-01T00:00:00Z', 42, '内蒙古']);
  });

  it('round-trips any list of strings and finite numbers', () => {
    fc.assert(
      fc.property(cursorValues, (values) => {
        expect(decodeCursor(encodeCursor(values))).toEqual(values);
      }),
    );
  });

  it('refuses to encode values JSON cannot carry', () => {
    expect(() => encodeCursor([NaN])).toThrow(RangeError);
    expect(() => encodeCursor([Infinity])).toThrow(RangeError);
    expect(() => encodeCursor([null as unknown as string])).toThrow(RangeError);
  });

  it.each([
    ['not a string', 42],
    ['empty', ''],
    ['padding', encodeCursor(['x']) + '='],
    [
      'standard base64 alphabet',
      encodeCursor(['>>>', '???']).replace(/-/g, '+').replace(/_/g, '/'),
    ],
    ['whitespace', ` ${encodeCursor([1])}`],
    ['not JSON', Buffer.from('[1,').toString('base64url')],
    ['JSON but not an array', Buffer.from('{"a":1}').toString('base64url')],
    ['nested array', Buffer.from('[[1]]').toString('base64url')],
    ['null element', Buffer.from('[null]').toString('base64url')],
    ['boolean element', Buffer.from('[true]').toString('base64url')],
    ['non-canonical JSON', Buffer.from('[ 1 ]').toString('base64url')],
    ['invalid UTF-8', Buffer.from([0x5b, 0x22, 0xff, 0x22, 0x5d]).toString('base64url')],
    ['too long', encodeCursor(['x'.repeat(MAX_CURSOR_LENGTH)])],
    ['a NUL character', encodeCursor(['a\u0000', 1])],
  ])('rejects %s', (_what, input) => {
    expect(decodeCursor(input)).toBeUndefined();
  });

  it('rejects a cursor with stray trailing bits', () => {
    // '[12]' is 4 bytes, so its 6th character carries 4 unused bits: 'WzEyXQ' and 'WzEyXR'
    // decode to the same bytes, and only the canonical one is a cursor.
    const c = encodeCursor([12]);
    const tampered = c.slice(0, -1) + String.fromCharCode(c.charCodeAt(c.length - 1) + 1);
    expect(Buffer.from(tampered, 'base64url').toString()).toBe('[12]');
    expect(decodeCursor(c)).toEqual([12]);
    expect(decodeCursor(tampered)).toBeUndefined();
  });

  it('never throws and returns only arrays of strings and finite numbers', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({
            unit: fc.constantFrom(
              ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split(''),
            ),
          }),
          fc.json().map((j) => Buffer.from(j).toString('base64url')),
          fc.uint8Array().map((b) => Buffer.from(b).toString('base64url')),
        ),
        (s) => {
          const v = decodeCursor(s);
          if (v !== undefined) {
            expect(Array.isArray(v)).toBe(true);
            for (const x of v) expect(typeof x === 'string' || Number.isFinite(x)).toBe(true);
            expect(encodeCursor(v)).toBe(s);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('isCursorInstant', () => {
  it('takes the instants a page writes, to the millisecond or the microsecond', () => {
    expect(isCursorInstant('2026-02-12T02:30:00.123Z', 3)).toBe(true);
    expect(isCursorInstant('2026-02-12T02:30:00.123456Z', 6)).toBe(true);
    expect(isCursorInstant('0001-01-01T00:00:00.000Z', 3)).toBe(true);
    expect(isCursorInstant('9999-12-31T23:59:59.999999Z', 6)).toBe(true);
  });

  it.each([
    ['another precision', '2026-02-12T02:30:00.123Z', 6],
    ['an offset', '2026-02-12T10:30:00.123+08:00', 3],
    ['February 30', '2026-02-30T00:00:00.000Z', 3],
    ['month 13', '2026-13-01T00:00:00.000000Z', 6],
    ['hour 24', '2026-02-12T24:00:00.000Z', 3],
    ['year 0000, which PostgreSQL lacks', '0000-01-01T00:00:00.000Z', 3],
    ['not a string', 1_770_000_000_000, 3],
  ] as const)('refuses %s', (_what, v, digits) => {
    expect(isCursorInstant(v, digits)).toBe(false);
  });
});
