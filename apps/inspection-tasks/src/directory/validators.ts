import { ValidationOptions, registerDecorator } from 'class-validator';
import {
  parseLimitRule,
  validateLimitRule,
  validateJurisdiction,
  validateRegionCode,
  validateUscc,
} from '@spotcheck/domain';

/** A class-validator decorator from a domain check that says why a value is refused. */
export function fromCheck(
  name: string,
  check: (v: unknown) => { ok: true } | { ok: false; reason: string },
  options?: ValidationOptions,
) {
  return (target: object, property: string) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: property,
      options,
      validator: {
        validate: (v: unknown) => check(v).ok,
        defaultMessage: (args) => {
          const r = check(args?.value);
          return r.ok ? '' : r.reason;
        },
      },
    });
}

/** GB 32100 USCC; the message names the expected check character. */
export const IsUscc = (o?: ValidationOptions) =>
  fromCheck(
    'isUscc',
    (v) => (typeof v === 'string' ? validateUscc(v) : { ok: false, reason: 'must be a string' }),
    o,
  );

/** GB/T 2260 code from the national table. */
export const IsRegionCode = (o?: ValidationOptions) =>
  fromCheck('isRegionCode', (v) => validateRegionCode(v), o);

/** A regulator's jurisdiction: a GB/T 2260 code, or '000000' for the national level. */
export const IsJurisdiction = (o?: ValidationOptions) =>
  fromCheck('isJurisdiction', (v) => validateJurisdiction(v), o);

/** A limit rule as JSON ({kind:'range',...}) or in its compact text form ("≤0.5"). */
export const IsLimitRule = (o?: ValidationOptions) =>
  fromCheck(
    'isLimitRule',
    (v) => (typeof v === 'string' ? parseLimitRule(v) : validateLimitRule(v)),
    o,
  );
