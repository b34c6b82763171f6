import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, invalid } from './app.exception';

/** Flattens class-validator's tree into `items[0].limit.max: must be ...` entries. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = /^\d+$/.test(e.property)
      ? `${parent}[${e.property}]`
      : parent
        ? `${parent}.${e.property}`
        : e.property;
    for (const reason of Object.values(e.constraints ?? {})) {
      out.push({
        field,
        reason: reason.replace(/^property (\S+) should not exist$/, 'unknown field'),
      });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

export const appValidationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => invalid(flattenValidationErrors(errors)),
  });
