import { applyDecorators } from '@nestjs/common';
import { IsString, Length, Matches } from 'class-validator';
import {
  invalidError,
  isUuid,
  isValidRegionCode,
  validateIsoDate,
  validateUscc,
} from '@spotcheck/domain';

// eslint-disable-next-line no-control-regex -- control characters cannot be searched for
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;

/** A query parameter of 1..max characters without control characters. */
export const QueryText = (max: number) =>
  applyDecorators(
    IsString(),
    Length(1, max),
    Matches(NO_CONTROL, {
      message: ({ property }) => `${property} must not contain control characters`,
    }),
  );

/**
 * The checks of the public filters that need libs/domain (a real day, a real region, a USCC
 * with its check digit, a UUID): each failing one named, all at once, as a 400.
 */
export function checkFilters(f: {
  from?: string;
  to?: string;
  prefecture?: string;
  jurisdiction?: string;
  plan?: string;
  lab?: string;
  uscc?: string;
}): void {
  const errors: { field: string; reason: string }[] = [];
  for (const field of ['from', 'to'] as const) {
    const v = f[field];
    if (v === undefined) continue;
    const r = validateIsoDate(v);
    if (!r.ok) errors.push({ field, reason: r.reason });
  }
  if (f.from && f.to && errors.length === 0 && f.from > f.to)
    errors.push({ field: 'to', reason: `must not be before from (${f.from})` });
  for (const field of ['prefecture', 'jurisdiction'] as const) {
    const v = f[field];
    if (v !== undefined && !isValidRegionCode(v))
      errors.push({ field, reason: 'must be a GB/T 2260 region code of 6 digits' });
  }
  for (const field of ['plan', 'lab'] as const) {
    const v = f[field];
    if (v !== undefined && !isUuid(v)) errors.push({ field, reason: 'must be a UUID' });
  }
  if (f.uscc !== undefined) {
    const r = validateUscc(f.uscc);
    if (!r.ok) errors.push({ field: 'uscc', reason: r.reason });
  }
  if (errors.length) throw invalidError(errors);
}
