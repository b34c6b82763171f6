/**
 * What a rule says about a request, without saying how it travels: the HTTP apps map each kind
 * to one status in libs/common's exception filter (invalid 400, forbidden 403, not_found 404,
 * conflict 409, unprocessable 422). Repositories and libs/database throw these, never HTTP
 * errors, so the same rule can run in the worker or a script.
 */
export type DomainErrorKind = 'invalid' | 'forbidden' | 'not_found' | 'conflict' | 'unprocessable';

export interface DomainFieldError {
  field: string;
  reason: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** Stable, machine-readable: NOT_FOUND, ILLEGAL_TRANSITION, … */
    readonly code: string,
    message: string,
    /** Extra body members (errors, state, deadline, …) the client may rely on. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A record that is absent, or outside what the caller may see: the two are one answer. */
export const notFoundError = (entity: string, key: string) =>
  new DomainError('not_found', 'NOT_FOUND', `${entity} ${key} not found`);

/** Input that breaks a rule, named by field. */
export const invalidError = (errors: DomainFieldError[]) =>
  new DomainError(
    'invalid',
    'VALIDATION_FAILED',
    errors.map((e) => `${e.field}: ${e.reason}`).join('; '),
    { errors },
  );

export const conflictError = (
  code: string,
  message: string,
  details: Record<string, unknown> = {},
) => new DomainError('conflict', code, message, details);

export const forbiddenError = (message: string, code = 'FORBIDDEN') =>
  new DomainError('forbidden', code, message);
