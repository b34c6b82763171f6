import fc from 'fast-check';
import { createDataSource } from './data-source';
import { CopyBuffer, copyIn, copyValue } from './copy';

/**
 * COPY text written by CopyBuffer and copyValue, read back by PostgreSQL itself (the database
 * of this test run, DATABASE_URL from the global setup): what goes in comes out.
 */
const ds = createDataSource(process.env.DATABASE_URL!, 2);

beforeAll(() => ds.initialize());
afterAll(() => ds.destroy());

/** Writes rows of (n, a, b) with CopyBuffer (small buffers, so rows straddle them) and reads them back. */
async function roundTrip(rows: [string | null, string | null][], size: number) {
  return ds.transaction(async (m) => {
    await m.query(`CREATE TEMP TABLE copy_rt (n int, a text, b text) ON COMMIT DROP`);
    const out = new CopyBuffer(size);
    const chunks: Buffer[] = [];
    rows.forEach(([a, b], n) => {
      out.ascii(String(n)).tab().text(a).tab();
      if (b === null) out.text(null);
      else out.bytes(Buffer.from(copyValue(b)));
      out.end();
      chunks.push(...out.full());
    });
    chunks.push(...out.finish());
    await copyIn(m, `COPY copy_rt (n, a, b) FROM STDIN`, chunks);
    return (await m.query(`SELECT a, b FROM copy_rt ORDER BY n`)) as {
      a: string | null;
      b: string | null;
    }[];
  });
}

describe('COPY text', () => {
  it('round-trips escapes, nulls, multibyte text and values longer than a buffer', async () => {
    const rows: [string | null, string | null][] = [
      ['a\tb\nc\rd\\e', '\\N'],
      [null, '铅（以Pb计）≤0.05 mg/kg'],
      ['', null],
      ['𠀀 and 🙂', 'x'.repeat(300)],
      ['\\', '\\\\'],
    ];
    expect(await roundTrip(rows, 16)).toEqual(rows.map(([a, b]) => ({ a, b })));
  });

  it('round-trips any text without NUL, whatever the buffer size', async () => {
    const text = fc.oneof(
      fc.constant(null),
      fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => s.replaceAll('\u0000', '')),
      // Short values around the ASCII fast path: escapes, multibyte, lengths near 32.
      fc.string({
        unit: fc.constantFrom('0', '.', 'N', 'D', '\\', '\t', '\n', '\r', '铅', 'é', '𠀀'),
        maxLength: 40,
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 8, max: 200 }),
        async (rows, size) => {
          expect(await roundTrip(rows, size)).toEqual(rows.map(([a, b]) => ({ a, b })));
        },
      ),
      { numRuns: 80, seed: 20261126 },
    );
  });

  it('rolls back with the database’s reason when a row is refused', async () => {
    await expect(
      ds.transaction(async (m) => {
        await m.query(`CREATE TEMP TABLE copy_bad (n int NOT NULL) ON COMMIT DROP`);
        await copyIn(m, `COPY copy_bad (n) FROM STDIN`, ['1\n', 'x\n']);
      }),
    ).rejects.toThrow(/invalid input syntax for type integer/);
  });
});
