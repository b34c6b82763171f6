import { ArgumentMetadata, HttpException } from '@nestjs/common';
import {
  InputDepthPipe,
  InputTextPipe,
  MAX_INPUT_DEPTH,
  findInputProblem,
} from './input-text.pipe';

describe('findInputProblem', () => {
  it('passes ordinary input, astral characters included', () => {
    expect(
      findInputProblem({
        title: '2026年呼和浩特市乳制品监督抽查 😀',
        items: [{ code: 'PB', limit: { kind: 'max', value: '0.5' } }],
        n: 1,
        ok: true,
        none: null,
      }),
    ).toBeNull();
    expect(findInputProblem('鄂尔多斯')).toBeNull();
    expect(findInputProblem(undefined)).toBeNull();
  });

  it('names the first string with a NUL or a lone surrogate by its path', () => {
    expect(findInputProblem({ title: 'a\u0000b' })).toEqual({
      field: 'title',
      reason: 'must not contain NUL characters',
    });
    expect(findInputProblem({ items: [{ name: 'ok' }, { name: 'x\ud800' }] })).toEqual({
      field: 'items[1].name',
      reason: 'must be valid Unicode text (a lone surrogate)',
    });
    expect(findInputProblem({ a: ['\udc00y'] })).toMatchObject({ field: 'a[0]' });
    // The first in document order, not the last.
    expect(findInputProblem({ a: '\u0000', b: '\u0000' })).toMatchObject({ field: 'a' });
    expect(findInputProblem('\u0000', 'uscc')).toMatchObject({ field: 'uscc' });
    expect(findInputProblem(['\u0000'])).toMatchObject({ field: '[0]' });
    expect(findInputProblem('\u0000')).toMatchObject({ field: 'body' });
  });

  it('names control characters an XLSX export could not show, but lets tab and line breaks be', () => {
    for (const c of ['\u0001', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f'])
      expect(findInputProblem({ note: `a${c}b` })).toEqual({
        field: 'note',
        reason: 'must not contain control characters (U+0001–U+001F but tab and line breaks)',
      });
    expect(findInputProblem({ note: '第一行\r\n第二行\t完' })).toBeNull();
  });

  it('checks keys too (jsonb fields take free objects)', () => {
    expect(findInputProblem({ detail: { 'k\u0000': 1 } })).toEqual({
      field: 'detail',
      reason: 'key "k\\u0000" must not contain NUL characters',
    });
  });

  it('refuses nesting deeper than the limit without exhausting the stack', () => {
    const nest = (depth: number) =>
      JSON.parse(`{"reason":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    expect(findInputProblem(nest(MAX_INPUT_DEPTH - 1))).toBeNull();
    expect(findInputProblem(nest(MAX_INPUT_DEPTH))).toEqual({
      field: `reason${'[0]'.repeat(MAX_INPUT_DEPTH - 1)}`,
      reason: `is nested deeper than ${MAX_INPUT_DEPTH} levels`,
    });
    expect(findInputProblem(nest(200_000))).toMatchObject({
      reason: `is nested deeper than ${MAX_INPUT_DEPTH} levels`,
    });
  });
});

class SomeDto {
  title?: string;
}

describe('InputTextPipe', () => {
  const pipe = new InputTextPipe();
  const refusal = (value: unknown, meta: ArgumentMetadata) => {
    try {
      pipe.transform(value, meta);
    } catch (e) {
      return (e as HttpException).getResponse();
    }
  };
  it('answers 400 naming the field, 404 for a path parameter', () => {
    expect(refusal({ title: 'a\u0000' }, { type: 'body', metatype: SomeDto })).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'title', reason: 'must not contain NUL characters' }],
    });
    expect(refusal('a\u0000', { type: 'param', data: 'uscc', metatype: String })).toMatchObject({
      statusCode: 404,
      code: 'NOT_FOUND',
      errors: [{ field: 'uscc', reason: 'must not contain NUL characters' }],
    });
    expect(() => pipe.transform({ q: 'x\u0000' }, { type: 'query', metatype: SomeDto })).toThrow(
      'q: must not contain NUL characters',
    );
    expect(pipe.transform({ q: 'ok' }, { type: 'query', metatype: SomeDto })).toEqual({ q: 'ok' });
  });

  it('leaves custom parameters and bodies without a DTO (their routes check them) alone', () => {
    const principal = { sub: '\u0000' };
    expect(pipe.transform(principal, { type: 'custom' })).toBe(principal);
    const raw = { note: '\u0000' };
    expect(pipe.transform(raw, { type: 'body', metatype: Object })).toBe(raw);
    expect(pipe.transform(raw, { type: 'body' })).toBe(raw);
  });
});

describe('InputDepthPipe', () => {
  const pipe = new InputDepthPipe();
  it('refuses deep nesting in any body, and passes text through for validation', () => {
    const deep = JSON.parse(`{"reason":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    expect(() => pipe.transform(deep, { type: 'body', metatype: Object })).toThrow(
      /reason(\[0\])+: is nested deeper than 64 levels/,
    );
    const text = { title: 'a\u0000' };
    expect(pipe.transform(text, { type: 'body', metatype: SomeDto })).toBe(text);
    expect(pipe.transform('x', { type: 'param', data: 'id' })).toBe('x');
  });
});
