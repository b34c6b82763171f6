import { ArgumentMetadata, HttpException } from '@nestjs/common';
import { IsOptional, IsString } from 'class-validator';
import { appValidationPipe, prototypeKeys } from './validation';

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
