import { HttpException, HttpStatus } from '@nestjs/common';

export interface FieldError {
  field: string;
  reason: string;
}

/**
 * An error with a stable machine-readable code. The body always carries `statusCode`,
 * `code` and `message`; `errors` names fields and reasons where there are any.
 */
export class AppException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: string,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super({ statusCode: status, code, message, ...extra }, status);
  }
}

export const notFound = (entity: string, key: string) =>
  new AppException(HttpStatus.NOT_FOUND, 'NOT_FOUND', `${entity} ${key} not found`);

export const invalid = (errors: FieldError[]) =>
  new AppException(
    HttpStatus.BAD_REQUEST,
    'VALIDATION_FAILED',
    errors.map((e) => `${e.field}: ${e.reason}`).join('; '),
    { errors },
  );

export const conflict = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  new AppException(HttpStatus.CONFLICT, code, message, extra);
