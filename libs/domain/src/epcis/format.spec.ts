import fc from 'fast-check';
import { fullFormats } from 'ajv-formats/dist/formats';
import { isDateTime, isTimeZoneOffset, isUri, normaliseDateTime, parseDateTime } from './format';

// The reference implementations the official schema is checked with in conformance.spec.ts.
const ajvUri = fullFormats.uri as (s: string) => boolean;
const ajvDateTime = (fullFormats['date-time'] as { validate: (s: string) => boolean }).validate;

const uriChar = fc.constantFrom(
  ...'aZ09:/?#[]@!$&\'()*+,;=-._~% é"<>\\{}^`|'.split(''),
  ...'abcdefABCDEF0123456789'.split(''),
);
const h16 = fc.stringMatching(/^[0-9a-fA-F]{1,4}$/);
const octet = fc.oneof(fc.nat(300).map(String), fc.constantFrom('00', '001', '099', '256'));
const ipv4 = fc.array(octet, { minLength: 3, maxLength: 5 }).map((a) => a.join('.'));
const ipv6 = fc
  .tuple(
    fc.array(h16, { maxLength: 9 }),
    fc.array(h16, { maxLength: 9 }),
    fc.boolean(),
    fc.option(ipv4),
  )
  .map(([a, b, gap, v4]) => {
    const tail = v4 === null ? b : [...b, v4];
    return gap ? `${a.join(':')}::${tail.join(':')}` : [...a, ...tail].join(':');
  });
const host = fc.oneof(
  ipv6.map((h) => `[${h}]`),
  fc.constantFrom('[v1.x:y]', '[vF.]', '[v.1]', '[::1', '::1]', 'example.com', ''),
  ipv4,
);
const structuredUri = fc
  .tuple(
    fc.constantFrom('urn', 'http', 'a+b.c-d', '1x', 'x_y', ''),
    fc.constantFrom(':', '://', ':/', '//', ':///'),
    fc.option(fc.constantFrom('user@', 'u:p@', 'a@b@', '%41@', '@')),
    host,
    fc.option(fc.constantFrom(':80', ':', ':8a', ':65536')),
    fc.string({ unit: uriChar, maxLength: 12 }),
  )
  .map(
    ([scheme, sep, user, h, port, rest]) => `${scheme}${sep}${user ?? ''}${h}${port ?? ''}${rest}`,
  );

describe('isUri agrees with ajv-formats (full mode)', () => {
  it('on random strings of URI characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: uriChar, maxLength: 30 }), (s) => {
        expect(isUri(s)).toBe(ajvUri(s));
        expect(isUri(`x:${s}`)).toBe(ajvUri(`x:${s}`));
      }),
      { numRuns: 20000 },
    );
  });

  it('on generated URIs with authorities and IP literals', () => {
    fc.assert(
      fc.property(structuredUri, (s) => {
        expect(isUri(s)).toBe(ajvUri(s));
      }),
      { numRuns: 20000 },
    );
  });

  it.each([
    ['urn:epc:id:sgtin:0614141.107346.2017', true],
    ['https://id.gs1.org/01/09521234543213/21/A%2F1', true],
    ['example:temperature', true],
    ['http://[2001:db8::7]/c=GB?objectClass?one', true],
    ['http://[::ffff:192.0.2.1]:80/', true],
    ['urn:', false],
    ['urn', false],
    ['my_ns:x', false],
    ['https://example.com/a b', false],
    ['https://example.com/é', false],
    ['https://example.com/%zz', false],
    ['http://[1:2:3:4:5:6:7:8:9]/', false],
  ])('%s → %s', (s, expected) => {
    expect(isUri(s)).toBe(expected);
    expect(ajvUri(s)).toBe(expected);
  });
});

const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
const dateTimeLike = fc
  .tuple(
    fc.constantFrom('2024', '2023', '2000', '1900', '0000', '9999', '202'),
    fc.constantFrom('01', '02', '04', '12', '13', '00', '1'),
    fc.constantFrom('01', '28', '29', '30', '31', '32', '00'),
    fc.constantFrom('T', 't', ' ', '\n', '\u00a0', '\u3000', 'x', 'TT', ''),
    fc.oneof(two, fc.constantFrom('23', '24')),
    fc.oneof(two, fc.constantFrom('59', '60')),
    fc.oneof(two, fc.constantFrom('59', '60', '61')),
    fc.constantFrom('', '.5', '.123', '.123456789', '.', '.12a'),
    fc.oneof(
      fc.constantFrom(
        'Z',
        'z',
        '',
        'UTC',
        '+08:00',
        '-00:01',
        '+0800',
        '+08',
        '+24:00',
        '+08:60',
        '+8:00',
      ),
      fc
        .tuple(fc.constantFrom('+', '-'), two, fc.constantFrom(':', ''), two)
        .map((a) => a.join('')),
    ),
  )
  .map(([y, mo, d, sep, h, mi, s, f, tz]) => `${y}-${mo}-${d}${sep}${h}:${mi}:${s}${f}${tz}`);

describe('isDateTime agrees with ajv-formats (full mode)', () => {
  it('on generated date-times, valid and not', () => {
    fc.assert(
      fc.property(dateTimeLike, (s) => {
        expect(isDateTime(s)).toBe(ajvDateTime(s));
      }),
      { numRuns: 30000 },
    );
  });

  it.each([
    ['2024-05-06T09:30:00+08:00', true],
    ['2024-05-06T09:30:00.123456Z', true],
    ['2024-05-06 09:30:00+0800', true],
    ['2024-02-29T00:00:00Z', true],
    ['2023-02-29T00:00:00Z', false],
    ['2024-05-06T09:30:00', false],
    ['2016-12-31T23:59:60Z', true],
    ['2016-12-31T23:59:60+01:00', false],
    ['2017-01-01T00:59:60+01:00', true],
  ])('%s → %s', (s, expected) => {
    expect(isDateTime(s)).toBe(expected);
    expect(ajvDateTime(s)).toBe(expected);
  });
});

describe('normaliseDateTime', () => {
  it('writes one instant the same way whatever its offset or precision', () => {
    expect(normaliseDateTime('2024-05-06T09:30:00+08:00')).toBe('2024-05-06T01:30:00.000Z');
    expect(normaliseDateTime('2024-05-06T01:30:00.000Z')).toBe('2024-05-06T01:30:00.000Z');
    expect(normaliseDateTime('2024-05-06 01:30:00.5z')).toBe('2024-05-06T01:30:00.500Z');
    expect(normaliseDateTime('2024-05-06T01:30:00.123456000+00:00')).toBe(
      '2024-05-06T01:30:00.123456Z',
    );
    expect(normaliseDateTime('2024-01-01T00:30:00+0100')).toBe('2023-12-31T23:30:00.000Z');
    expect(normaliseDateTime('0001-01-01T00:00:00Z')).toBe('0001-01-01T00:00:00.000Z');
    expect(normaliseDateTime('2016-12-31T23:59:60Z')).toBe('2017-01-01T00:00:00.000Z');
    expect(normaliseDateTime('not a time')).toBeNull();
  });

  it('agrees with Date on the instant', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (d, offset) => {
          const local = new Date(d.getTime() + offset * 60_000).toISOString().slice(0, 23);
          const sign = offset < 0 ? '-' : '+';
          const abs = Math.abs(offset);
          const tz = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          const parsed = parseDateTime(`${local}${tz}`);
          expect(parsed?.epochMs).toBe(d.getTime());
          expect(normaliseDateTime(`${local}${tz}`)).toBe(d.toISOString());
        },
      ),
    );
  });
});

describe('isTimeZoneOffset', () => {
  it.each([
    ['+08:00', true],
    ['-14:00', true],
    ['+14:00', true],
    ['+14:01', false],
    ['+13:59', true],
    ['08:00', false],
    ['+0800', false],
    ['Z', false],
  ])('%s → %s', (s, expected) => expect(isTimeZoneOffset(s)).toBe(expected));
});
