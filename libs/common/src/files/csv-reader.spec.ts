import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { readCsv } from './csv-reader';

const CSV_PARSE = { bom: true, relax_column_count: true, skip_empty_lines: true } as const;
/** csv-parse settles on the first line break it meets; mixed files need all three named. */
const CSV_PARSE_MIXED = { ...CSV_PARSE, record_delimiter: ['\r\n', '\n', '\r'] };

async function* source(chunks: readonly string[]): AsyncGenerator<string> {
  for (const c of chunks) yield c;
}

async function batches(chunks: readonly string[], maxRecordChars?: number): Promise<string[][][]> {
  const out: string[][][] = [];
  for await (const b of readCsv(source(chunks), { maxRecordChars })) out.push(b);
  return out;
}

async function records(
  input: string | readonly string[],
  maxRecordChars?: number,
): Promise<string[][]> {
  // Blank lines come out as empty records (for row numbering); csv-parse's skip_empty_lines drops them.
  return (await batches(typeof input === 'string' ? [input] : input, maxRecordChars))
    .flat()
    .filter((r) => r.length > 0);
}

/** The records, or the error message, so both outcomes compare with one toEqual. */
async function outcome(chunks: readonly string[]): Promise<string[][] | string> {
  try {
    return await records(chunks);
  } catch (e) {
    return (e as Error).message;
  }
}

async function failure(
  input: string | readonly string[],
  maxRecordChars?: number,
): Promise<string> {
  try {
    await records(input, maxRecordChars);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected readCsv to throw');
}

function splitAt(text: string, cuts: readonly number[]): string[] {
  const at = [...cuts].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const c of at) {
    out.push(text.slice(from, c));
    from = c;
  }
  out.push(text.slice(from));
  return out;
}

/** The text whole, one character per chunk, and cut in two and in three at every position. */
function chunkings(text: string): string[][] {
  const out: string[][] = [[text], text.split('')];
  for (let i = 0; i <= text.length; i++) {
    out.push(splitAt(text, [i]));
    for (let j = i; j <= text.length; j++) out.push(splitAt(text, [i, j]));
  }
  return out;
}

/** Asserts the same outcome however the text is cut into chunks. */
async function expectEveryChunking(text: string, expected: string[][] | string): Promise<void> {
  for (const chunks of chunkings(text)) {
    const got = await outcome(chunks);
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      // Name the chunking that failed; toEqual alone would hide it.
      expect({ chunks, got }).toEqual({ chunks, got: expected });
    }
  }
}

/**
 * The rules written out one character at a time, slow and obvious, for comparing on inputs
 * csv-parse rejects (a quote inside an unquoted field) and for the error's row number.
 */
function reference(input: string): string[][] | string {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const n = text.length;
  const breaks = ',\r\n';
  const out: string[][] = [];
  // Rows as a spreadsheet numbers them: records and blank lines.
  let row = 0;
  let i = 0;
  const lineBreak = () =>
    text[i] === '\r' && text[i + 1] === '\n' ? 2 : text[i] === '\r' || text[i] === '\n' ? 1 : 0;
  while (i < n) {
    const blank = lineBreak();
    if (blank) {
      i += blank;
      row++;
      continue;
    }
    const record: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) return `row ${row + 1}: unterminated quoted field`;
          if (text[i] !== '"') field += text[i++];
          else if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        }
        if (i < n && !breaks.includes(text[i])) {
          return `row ${row + 1}: unexpected character after closing quote`;
        }
      } else {
        while (i < n && !breaks.includes(text[i])) field += text[i++];
      }
      record.push(field);
      if (text[i] !== ',') break;
      i++;
    }
    out.push(record);
    row++;
    i += lineBreak();
  }
  return out;
}

describe('readCsv', () => {
  describe('records and fields', () => {
    it('reads unquoted fields and Chinese text', async () => {
      const text =
        '统一社会信用代码,名称,地址\n91150102MA0000001X,呼和浩特市某某乳业有限公司（演示）,新城区\n';
      await expectEveryChunking(text, [
        ['统一社会信用代码', '名称', '地址'],
        ['91150102MA0000001X', '呼和浩特市某某乳业有限公司（演示）', '新城区'],
      ]);
    });

    it('accepts LF, CRLF and lone CR, mixed in one file', async () => {
      await expectEveryChunking('a,1\nb,2\r\nc,3\rd,4', [
        ['a', '1'],
        ['b', '2'],
        ['c', '3'],
        ['d', '4'],
      ]);
      expect(await records('a\r\nb\r\n')).toEqual(parse('a\r\nb\r\n', CSV_PARSE));
      expect(await records('a\rb\r')).toEqual(parse('a\rb\r', CSV_PARSE));
    });

    it('reads the last record without a trailing line break', async () => {
      await expectEveryChunking('a,b\nc,d', [
        ['a', 'b'],
        ['c', 'd'],
      ]);
      await expectEveryChunking('a,"b"', [['a', 'b']]);
    });

    it('keeps records of differing length', async () => {
      await expectEveryChunking('a\nb,c,d\ne,f\n', [['a'], ['b', 'c', 'd'], ['e', 'f']]);
    });

    it('yields empty strings for a line of commas and for a trailing comma', async () => {
      await expectEveryChunking(',,\na,\n,b', [
        ['', '', ''],
        ['a', ''],
        ['', 'b'],
      ]);
      await expectEveryChunking('a,', [['a', '']]);
    });

    it('skips empty lines of every kind, numbering them as rows', async () => {
      await expectEveryChunking('\n\r\n\ra\n\n\r\r\nb\r\n\r\n', [['a'], ['b']]);
      // An unquoted lone empty field is an empty line; quoted, it is a record of one empty field.
      expect(await records('a\n\nb')).toEqual([['a'], ['b']]);
      await expectEveryChunking('a\n""\nb', [['a'], [''], ['b']]);
      expect(await failure('\n\na\n\n"x"y')).toBe(
        'row 5: unexpected character after closing quote',
      );
    });

    it('reads nothing from empty input, empty chunks or only line breaks', async () => {
      expect(await batches([])).toEqual([]);
      expect(await batches(['', '', ''])).toEqual([]);
      expect(await batches(['\r\n\n', '\r'])).toEqual([[[], []], [[]]]);
      expect(await records(['\r\n\n', '\r'])).toEqual([]);
      expect(await records('\ufeff')).toEqual([]);
    });

    it('keeps spaces', async () => {
      await expectEveryChunking(' a , " b " \n \n', [[' a ', ' " b " '], [' ']]);
    });
  });

  describe('byte order mark', () => {
    it('strips a leading BOM wherever the first chunk ends', async () => {
      await expectEveryChunking('\ufeff名称,b\nc', [['名称', 'b'], ['c']]);
      await expectEveryChunking('\ufeff"名称",b', [['名称', 'b']]);
    });

    it('strips it after empty chunks', async () => {
      expect(await records(['', '\ufeffa'])).toEqual([['a']]);
    });

    it('keeps U+FEFF anywhere else, as csv-parse does', async () => {
      const text = 'a\n\ufeffb,c\ufeff';
      expect(await records(text)).toEqual([['a'], ['\ufeffb', 'c\ufeff']]);
      expect(await records(text)).toEqual(parse(text, CSV_PARSE));
      expect(await records('\ufeff\ufeffa')).toEqual([['\ufeffa']]);
    });
  });

  describe('quoted fields', () => {
    it('reads commas, CR, LF and CRLF inside quotes', async () => {
      await expectEveryChunking('"呼和浩特市,新城区","第一行\r\n第二行\r第三行\n第四行",x\r\n', [
        ['呼和浩特市,新城区', '第一行\r\n第二行\r第三行\n第四行', 'x'],
      ]);
    });

    it('unescapes doubled quotes, including at either end and back to back', async () => {
      await expectEveryChunking('"a""b","""x""","""""",""\n', [['a"b', '"x"', '""', '']]);
    });

    it('ends a quoted field at a comma, a line break or the end of input', async () => {
      await expectEveryChunking('"a","b"\n"c"\r"d"\r\n"e"', [['a', 'b'], ['c'], ['d'], ['e']]);
    });

    it('keeps a quote inside an unquoted field literally, where csv-parse would reject it', async () => {
      await expectEveryChunking('ab"c,d""e,某"某\nf"\n', [['ab"c', 'd""e', '某"某'], ['f"']]);
      expect(() => parse('ab"c', CSV_PARSE)).toThrow();
    });

    it('rejects text after a closing quote, naming the record', async () => {
      await expectEveryChunking('"ab"c,d', 'row 1: unexpected character after closing quote');
      await expectEveryChunking(
        'x\n\n"y" ,"z"\n',
        'row 3: unexpected character after closing quote',
      );
      await expectEveryChunking('h\n"a"""b"\n', 'row 2: unexpected character after closing quote');
      expect(() => parse('"ab"c,d', CSV_PARSE)).toThrow(/Invalid Closing Quote/);
    });

    it('rejects an unterminated quoted field, naming the record', async () => {
      await expectEveryChunking('"ab', 'row 1: unterminated quoted field');
      await expectEveryChunking('a\nb\n"c,\nd""', 'row 3: unterminated quoted field');
      await expectEveryChunking('a\n"', 'row 2: unterminated quoted field');
      await expectEveryChunking('a\nb,"', 'row 2: unterminated quoted field');
      expect(() => parse('"ab', CSV_PARSE)).toThrow(/Quote Not Closed/);
    });

    it('yields the records before the bad one, then throws', async () => {
      const seen: string[][] = [];
      const read = async () => {
        for await (const b of readCsv(source(['a\nb\n"c"d\ne\n']))) seen.push(...b);
      };
      await expect(read()).rejects.toThrow('row 3: unexpected character after closing quote');
      expect(seen).toEqual([['a'], ['b']]);
    });
  });

  describe('chunk boundaries', () => {
    // expectEveryChunking above already cuts every case at every position; these name the
    // boundaries that need the reader to carry state and pin each one down.
    const cases: [string, string[], string[][]][] = [
      ['inside an unquoted field', ['呼和浩', '特市,b\n'], [['呼和浩特市', 'b']]],
      ['inside an unquoted field spanning chunks', ['a', 'b', 'c', ',d'], [['abc', 'd']]],
      ['right after a comma', ['a,', 'b\n'], [['a', 'b']]],
      ['right after a comma before a quote', ['a,', '"b"\n'], [['a', 'b']]],
      ['right after a trailing comma', ['a,', '\nb'], [['a', ''], ['b']]],
      ['between CR and LF', ['a\r', '\nb\r', '\n'], [['a'], ['b']]],
      ['between CR and LF after a quoted field', ['"a"\r', '\n"b"'], [['a'], ['b']]],
      ['between CR and LF inside quotes', ['"a\r', '\nb"'], [['a\r\nb']]],
      ['right after an opening quote', ['"', 'a,b"\n'], [['a,b']]],
      ['right after an opening quote before an escaped quote', ['"', '""a"'], [['"a']]],
      ['between the quotes of an escaped quote', ['"a"', '"b"'], [['a"b']]],
      ['between escaped quotes, back to back', ['"', '"', '"', '"', '"', '"'], [['""']]],
      ['right before a closing quote', ['"ab', '",c'], [['ab', 'c']]],
      ['right after a closing quote, before a comma', ['"ab"', ',c'], [['ab', 'c']]],
      ['right after a closing quote, before a line break', ['"ab"', '\nc'], [['ab'], ['c']]],
      ['right after a closing quote at the end of input', ['"ab"'], [['ab']]],
      [
        'inside a quoted field spanning many chunks',
        ['"呼', '和', ',', '\n', '浩"', '"特"'],
        [['呼和,\n浩"特']],
      ],
      ['with empty chunks between', ['"a', '', '"', '', '"b"', '', ',', '', 'c'], [['a"b', 'c']]],
    ];
    it.each(cases)('works %s', async (_name, chunks, expected) => {
      expect(await records(chunks)).toEqual(expected);
    });

    it('rejects text after a closing quote that ends a chunk', async () => {
      expect(await failure(['a\n"b"', 'c'])).toBe(
        'row 2: unexpected character after closing quote',
      );
    });
  });

  describe('batches', () => {
    it('yields one batch per chunk with the records that chunk completed', async () => {
      expect(await batches(['a\nb', '\nc\n', 'd,', 'e\nf'])).toEqual([
        [['a']],
        [['b'], ['c']],
        [['d', 'e']],
        [['f']],
      ]);
    });

    it('yields nothing for a chunk that completes no record', async () => {
      expect(await batches(['"a\n', 'b', '"\n'])).toEqual([[['a\nb']]]);
    });
  });

  describe('record length', () => {
    it('accepts exactly maxRecordChars characters, not counting the line break', async () => {
      const at = 'x'.repeat(65536);
      expect(await records(`${at}\r\n`)).toEqual([[at]]);
      expect(await records(['a,b\n', `"${'y'.repeat(6)}",`, 'zz\n'], 11)).toEqual([
        ['a', 'b'],
        ['yyyyyy', 'zz'],
      ]);
    });

    it('rejects a longer record, default 65536', async () => {
      expect(await failure(`a\n${'x'.repeat(65537)}\n`)).toBe(
        'row 2: record longer than 65536 characters',
      );
      expect(await failure(['a,b\n', `"${'y'.repeat(6)}",`, 'zzz\n'], 11)).toBe(
        'row 2: record longer than 11 characters',
      );
      expect(await failure('abcdef', 5)).toBe('row 1: record longer than 5 characters');
      // Caught while the record is still open, before the end of input could call it unterminated.
      expect(await failure(['"abc', 'de'], 5)).toBe('row 1: record longer than 5 characters');
      expect(await failure(['"abc', 'd'], 5)).toBe('row 1: unterminated quoted field');
    });

    it('stops early on a stray quote instead of holding the rest of the file', async () => {
      let pulled = 0;
      async function* file() {
        yield 'h\n"stray\n';
        for (let i = 0; i < 10_000; i++) {
          pulled++;
          yield 'x,y\n'.repeat(1000);
        }
      }
      const read = async () => {
        for await (const b of readCsv(file())) void b;
      };
      await expect(read()).rejects.toThrow('row 2: record longer than 65536 characters');
      expect(pulled).toBeLessThan(20);
    });
  });

  describe('properties', () => {
    const special = fc.constantFrom(',', '"', '\r', '\n', '\r\n', '""', ' ', '\ufeff');
    const cjk = fc.constantFrom('呼', '和', '浩', '特', '市', '（', '）', '，', '“', '”');
    const unit = fc.oneof(
      { weight: 3, arbitrary: special },
      { weight: 3, arbitrary: cjk },
      { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    );
    const field = fc.string({ unit, maxLength: 12 });
    const table = fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { maxLength: 12 });
    const lineBreak = fc.constantFrom('\n', '\r\n', '\r');

    /**
     * RFC 4180 with quotes where needed, plus at random where not. A record of one empty field
     * is always quoted: bare, it is an empty line, which both readers skip.
     */
    function serialise(
      rows: string[][],
      quoteAnyway: boolean[],
      breaks: string[],
      blankLines: number[],
      trailingBreak: boolean,
    ): string {
      let q = 0;
      const lines = rows.map((row) =>
        row
          .map((f) =>
            /[",\r\n]/.test(f) ||
            quoteAnyway[q++ % quoteAnyway.length] ||
            (row.length === 1 && f === '')
              ? `"${f.replace(/"/g, '""')}"`
              : f,
          )
          .join(','),
      );
      let text = '';
      lines.forEach((line, i) => {
        const br = breaks[i % breaks.length];
        text += br.repeat(blankLines[i % blankLines.length]) + line;
        if (i < lines.length - 1 || trailingBreak) text += br;
      });
      return text;
    }

    const document = fc.record({
      rows: table,
      quoteAnyway: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
      mixed: fc.boolean(),
      breaks: fc.array(lineBreak, { minLength: 1, maxLength: 5 }),
      blankLines: fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 4 }),
      trailingBreak: fc.boolean(),
      bom: fc.boolean(),
    });
    const cuts = fc.array(fc.nat({ max: 10_000 }), { maxLength: 20 });

    it('agrees with csv-parse on serialised tables, however the text is chunked', async () => {
      await fc.assert(
        fc.asyncProperty(document, cuts, async (d, cutAt) => {
          // One line break per file keeps to csv-parse's own settings; mixed ones need it told.
          const breaks = d.mixed ? d.breaks : [d.breaks[0]];
          const text =
            (d.bom ? '\ufeff' : '') +
            serialise(d.rows, d.quoteAnyway, breaks, d.blankLines, d.trailingBreak);
          const expected = parse(text, d.mixed ? CSV_PARSE_MIXED : CSV_PARSE) as string[][];
          // Skipping the BOM, a first field that starts with U+FEFF loses it in both readers.
          const original = d.rows.map((r) => [...r]);
          if (!d.bom && text.startsWith('\ufeff')) {
            original[0][0] = original[0][0].slice(1);
            // A first row that was only a U+FEFF is then an empty line, which both skip.
            if (original[0].length === 1 && original[0][0] === '' && !text.startsWith('\ufeff"')) {
              original.shift();
            }
          }
          expect(expected).toEqual(original);
          const chunks = splitAt(
            text,
            cutAt.map((c) => c % (text.length + 1)),
          );
          expect(await records(chunks)).toEqual(expected);
        }),
        { numRuns: 500 },
      );
    });

    it('matches a character-by-character reading on arbitrary text, errors included', async () => {
      const anyText = fc.string({
        unit: fc.constantFrom('a', '中', ',', '"', '\r', '\n', '\ufeff'),
        maxLength: 40,
      });
      await fc.assert(
        fc.asyncProperty(anyText, cuts, async (text, cutAt) => {
          const chunks = splitAt(
            text,
            cutAt.map((c) => c % (text.length + 1)),
          );
          const expected = reference(text);
          expect(await outcome(chunks)).toEqual(expected);
          // Where csv-parse accepts the text it must agree too; it differs only by rejecting.
          let strict: string[][] | undefined;
          try {
            strict = parse(text, CSV_PARSE_MIXED) as string[][];
          } catch {
            strict = undefined;
          }
          if (strict) expect(expected).toEqual(strict);
        }),
        { numRuns: 2000 },
      );
    });
  });
});

describe('blank lines', () => {
  it('come out as empty records so rows keep their spreadsheet numbers', async () => {
    const out = (await batches(['a,b\r\n\r\nc,d\n\n\ne\r\rf'])).flat();
    expect(out).toEqual([['a', 'b'], [], ['c', 'd'], [], [], ['e'], [], ['f']]);
  });

  it('count in the row number of an error', async () => {
    await expect(batches(['a\n\n"x"y\n'])).rejects.toThrow(
      'row 3: unexpected character after closing quote',
    );
  });
});
