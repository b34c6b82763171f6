import { ArgumentMetadata, HttpException } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max } from 'class-validator';
import { VALIDATED_QUERIES_MAX, appValidationPipe, prototypeKeys } from './validation';

class PatchDto {
  @IsOptional()
  @IsString()
  name?: string;
}

const body: ArgumentMetadata = { type: 'body', metatype: PatchDto };

/** The body of the 400 the pipe throws for `value`, or 'accepted'. */
async function answer(value: unknown, meta = body) {
  try {
    await appValidationPipe().transform(value, meta);
    return 'accepted';
  } catch (e) {
    return (e as HttpException).getResponse();
  }
}

describe('appValidationPipe', () => {
  it('refuses a body that is no JSON object, though the DTO requires nothing', async () => {
    for (const value of [null, 'text', 12, true, [], [{ name: 'x' }]])
      expect(await answer(value)).toMatchObject({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'body', reason: 'must be a JSON object' }],
      });
    expect(await answer({})).toBe('accepted');
    // No body at all is an empty one.
    expect(await answer(undefined)).toBe('accepted');
    expect(await answer({ name: 'x' })).toBe('accepted');
  });

  it("refuses Object.prototype's names as keys, which class-transformer would drop silently", async () => {
    for (const key of ['constructor', 'hasOwnProperty', 'toString', 'valueOf', '__lookupGetter__'])
      expect(await answer(JSON.parse(`{"name":"x","${key}":1}`))).toMatchObject({
        errors: [{ field: key, reason: 'unknown field' }],
      });
  });

  it('names them with the DTO’s own errors, in one answer', async () => {
    expect(await answer({ name: 5, extra: 1, toString: 'x' })).toMatchObject({
      errors: [
        { field: 'extra', reason: 'unknown field' },
        { field: 'name', reason: 'name must be a string' },
        { field: 'toString', reason: 'unknown field' },
      ],
    });
  });

  it('leaves values without a DTO alone', async () => {
    const raw = { constructor: 1 };
    expect(await appValidationPipe().transform(raw, { type: 'body', metatype: Object })).toBe(raw);
    expect(await appValidationPipe().transform(null, { type: 'body', metatype: Object })).toBe(
      null,
    );
  });
});

class ListQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Max(500)
  limit = 50;

  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',') : value,
  )
  @IsIn(['A', 'B'], { each: true })
  risk?: string[];
}

class NarrowQuery {
  @IsOptional()
  @IsString()
  cursor?: string;
}

describe('appValidationPipe on queries (validated queries remembered)', () => {
  const query = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({
    type: 'query',
    metatype,
  });

  it('gives each request its own DTO, equal to the first', async () => {
    const pipe = appValidationPipe();
    const first = (await pipe.transform(
      { limit: '20', risk: 'A,B' },
      query(ListQuery),
    )) as ListQuery;
    expect(first).toBeInstanceOf(ListQuery);
    expect({ ...first }).toEqual({ limit: 20, risk: ['A', 'B'] });
    first.limit = 1;
    first.risk!.push('C');
    const again = (await pipe.transform(
      { limit: '20', risk: 'A,B' },
      query(ListQuery),
    )) as ListQuery;
    expect(again).toBeInstanceOf(ListQuery);
    expect(again).not.toBe(first);
    expect({ ...again }).toEqual({ limit: 20, risk: ['A', 'B'] });
  });

  it('refuses a refused query every time, and judges each DTO by its own rules', async () => {
    const pipe = appValidationPipe();
    const refused = async (value: unknown, metatype: ArgumentMetadata['metatype']) => {
      try {
        await pipe.transform(value, query(metatype));
        return 'accepted';
      } catch (e) {
        return (e as HttpException).getResponse();
      }
    };
    for (let i = 0; i < 2; i++)
      expect(await refused({ limit: '501' }, ListQuery)).toMatchObject({
        errors: [{ field: 'limit', reason: 'limit must not be greater than 500' }],
      });
    expect(await refused({ limit: '20' }, ListQuery)).toBe('accepted');
    // The same query, another DTO: its own answer.
    expect(await refused({ limit: '20' }, NarrowQuery)).toMatchObject({
      errors: [{ field: 'limit', reason: 'unknown field' }],
    });
    expect(await refused({ limit: '20', constructor: '1' }, ListQuery)).toMatchObject({
      errors: [{ field: 'constructor', reason: 'unknown field' }],
    });
  });

  it('keeps at most VALIDATED_QUERIES_MAX queries and still validates the ones it dropped', async () => {
    const pipe = appValidationPipe();
    for (let i = 0; i <= VALIDATED_QUERIES_MAX; i++)
      await pipe.transform(
        { limit: String(1 + (i % 500)), risk: i < 500 ? 'A' : 'B' },
        query(ListQuery),
      );
    expect({
      ...((await pipe.transform({ limit: '1', risk: 'A' }, query(ListQuery))) as ListQuery),
    }).toEqual({ limit: 1, risk: ['A'] });
    expect((pipe as unknown as { queries: Map<string, unknown> }).queries.size).toBeLessThanOrEqual(
      VALIDATED_QUERIES_MAX,
    );
  });
});

describe('prototypeKeys', () => {
  it('names them at any depth, by path', () => {
    expect(
      prototypeKeys(JSON.parse('{"a":{"b":[{"ok":1},{"isPrototypeOf":2}]},"valueOf":3}')),
    ).toEqual([
      { field: 'a.b[1].isPrototypeOf', reason: 'unknown field' },
      { field: 'valueOf', reason: 'unknown field' },
    ]);
    expect(prototypeKeys({ a: 'constructor', b: ['toString'] })).toEqual([]);
  });
});
