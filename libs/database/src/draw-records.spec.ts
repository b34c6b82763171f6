import { gzipSync } from 'node:zlib';
import { decodeEligible, eligibleBytes, encodeEligible } from './draw-records';

const line = (uscc: string, rc = 'A') => `${uscc}\t${rc}\t150100\tC01`;
// Valid GB 32100 codes, in ascending order.
const A = '911501000000000004';
const B = '911501000000000017';
const C = '91150100000000003D';

describe('the stored eligible list', () => {
  it('is gzip in two members that read back as the lines in the order given', async () => {
    const text = `${line(C)}\n${line(A)}\n${line(B, 'B')}\n`;
    const stored = await encodeEligible(new TextEncoder().encode(text));
    // Two gzip members: the magic number twice.
    const magic = [...stored.entries()].filter(
      ([i, b]) => b === 0x1f && stored[i + 1] === 0x8b && stored[i + 2] === 8,
    );
    expect(magic.length).toBeGreaterThanOrEqual(2);
    expect((await eligibleBytes(stored)).toString('latin1')).toBe(text);
  });

  it('decodes to the lines in USCC order without the final newline, as the record lists them', async () => {
    const stored = await encodeEligible(
      new TextEncoder().encode(`${line(C)}\n${line(A)}\n${line(B, 'B')}\n`),
    );
    expect(await decodeEligible(stored)).toBe(`${line(A)}\n${line(B, 'B')}\n${line(C)}`);
    // Lists stored sorted in one member (draws before the lists kept the COPY's order).
    const old = gzipSync(`${line(A)}\n${line(B)}\n`);
    expect(await decodeEligible(old)).toBe(`${line(A)}\n${line(B)}`);
    expect(await decodeEligible(await encodeEligible(new Uint8Array(0)))).toBe('');
  });

  it('exports a list it cannot sort as stored, rather than not at all', async () => {
    const twice = `${line(B)}\n${line(A)}\n${line(B, 'C')}\n`;
    const stored = await encodeEligible(new TextEncoder().encode(twice));
    expect(await decodeEligible(stored)).toBe(twice.slice(0, -1));
  });
});
