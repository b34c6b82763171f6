import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsObject, IsString, Length, Matches, ValidateNested } from 'class-validator';

// eslint-disable-next-line no-control-regex -- NUL is what PostgreSQL text cannot hold
const TEXT = /^[^\u0000]*[^\s\u0000][^\u0000]*$/;
// eslint-disable-next-line no-control-regex -- as above
const NO_NUL = /^[^\u0000]*$/;

/** Free text that says something (not only whitespace), without NUL. */
export const Text = (max: number) =>
  applyDecorators(
    IsString(),
    Length(1, max),
    Matches(TEXT, {
      message: ({ property }) => `${property} must not be blank or contain NUL characters`,
    }),
  );

/** A string whose meaning libs/domain checks; here only: without NUL, not too long. */
export const Raw = (max: number) =>
  applyDecorators(
    IsString(),
    Length(1, max),
    Matches(NO_NUL, { message: ({ property }) => `${property} must not contain NUL characters` }),
  );

export const Nested = (type: () => new () => object) =>
  applyDecorators(IsObject(), ValidateNested(), Type(type));
