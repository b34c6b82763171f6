import { applyDecorators, Injectable, Param, PipeTransform } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsObject, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { isSampleNoShape, isUuid, notFoundError, validateUscc } from '@spotcheck/domain';

/**
 * A path id that cannot name a record (not a UUID) answers exactly as an absent one: 404, the
 * same body a repository's miss gives. One rule for every `/:id` route.
 */
@Injectable()
export class IdPipe implements PipeTransform<unknown, string> {
  constructor(private readonly entity: string) {}

  transform(value: unknown): string {
    if (!isUuid(value)) throw notFoundError(this.entity, String(value).slice(0, 80));
    return value.toLowerCase();
  }
}

/** `@IdParam('plan')` reads `:id` (or `name`) and answers 404 for a malformed one. */
export const IdParam = (entity: string, name = 'id') => Param(name, new IdPipe(entity));

// eslint-disable-next-line no-control-regex -- NUL is what PostgreSQL text cannot hold
const SAYS_SOMETHING = /^[^\u0000]*[^\s\u0000][^\u0000]*$/;
// eslint-disable-next-line no-control-regex -- as above
const NO_NUL = /^[^\u0000]*$/;

/**
 * A free-text field: a string of 1..max characters that is not only whitespace and holds no
 * NUL. The one decorator for names, reasons and notes in request bodies.
 */
export const Text = (max: number) =>
  applyDecorators(
    IsString(),
    Length(1, max),
    Matches(SAYS_SOMETHING, {
      message: ({ property }) => `${property} must not be blank or contain NUL characters`,
    }),
  );

/** A string whose meaning libs/domain checks (a code, a number); here only its length and NUL. */
export const Raw = (max: number) =>
  applyDecorators(
    IsString(),
    Length(1, max),
    Matches(NO_NUL, { message: ({ property }) => `${property} must not contain NUL characters` }),
  );

/** A nested object validated by its own class. */
export const Nested = (type: () => new () => object) =>
  applyDecorators(IsObject(), ValidateNested(), Type(type));

/**
 * A list of objects, each validated by its own class. Each item must be an object: for an
 * array in the list, ValidateNested checks the items of that inner array instead (none, for
 * `[[]]`), so the list would pass holding an item with no field at all.
 */
export const NestedList = (type: () => new () => object) =>
  applyDecorators(
    IsArray(),
    IsObject({
      each: true,
      message: ({ property }) => `each item of ${property} must be an object`,
    }),
    ValidateNested({ each: true }),
    Type(type),
  );

/**
 * A path key that is not a UUID (a sample number, a USCC): one that cannot name a record
 * answers exactly as an absent one, 404, as {@link IdPipe} does for ids.
 */
@Injectable()
export class KeyPipe implements PipeTransform<unknown, string> {
  constructor(
    private readonly entity: string,
    private readonly isKey: (v: unknown) => boolean,
  ) {}

  transform(value: unknown): string {
    if (typeof value !== 'string' || !this.isKey(value))
      throw notFoundError(this.entity, String(value).slice(0, 80));
    return value;
  }
}

export const KeyParam = (entity: string, isKey: (v: unknown) => boolean, name: string) =>
  Param(name, new KeyPipe(entity, isKey));

/** `:sampleNo` (or `name`): 404 for a string that cannot be a sample number. */
export const SampleNoParam = (name = 'sampleNo') => KeyParam('sample', isSampleNoShape, name);

/** `:uscc` (or `name`): 404 for a string that is not a valid USCC. */
export const UsccParam = (name = 'uscc') =>
  KeyParam('enterprise', (v) => validateUscc(v as string).ok, name);
