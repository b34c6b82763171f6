import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { DomainError, DomainErrorKind } from '@spotcheck/domain';

/** The one place a rule's verdict becomes an HTTP status. */
const DOMAIN_STATUS: Record<DomainErrorKind, HttpStatus> = {
  invalid: HttpStatus.BAD_REQUEST,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** PostgreSQL error codes that mean "your input", never "our fault". */
const PG_INPUT_ERRORS: Record<string, [HttpStatus, string]> = {
  '23505': [HttpStatus.CONFLICT, 'DUPLICATE'],
  '23502': [HttpStatus.BAD_REQUEST, 'NOT_NULL_VIOLATION'],
  '23503': [HttpStatus.CONFLICT, 'REFERENCED'],
  '23514': [HttpStatus.BAD_REQUEST, 'CHECK_VIOLATION'],
  '22P02': [HttpStatus.BAD_REQUEST, 'INVALID_TEXT'],
  '22001': [HttpStatus.BAD_REQUEST, 'VALUE_TOO_LONG'],
  '22003': [HttpStatus.BAD_REQUEST, 'NUMBER_OUT_OF_RANGE'],
  '22007': [HttpStatus.BAD_REQUEST, 'INVALID_DATETIME'],
  '22008': [HttpStatus.BAD_REQUEST, 'DATETIME_OUT_OF_RANGE'],
  '22021': [HttpStatus.BAD_REQUEST, 'INVALID_CHARACTER'],
  '22P05': [HttpStatus.BAD_REQUEST, 'INVALID_CHARACTER'],
  '40001': [HttpStatus.CONFLICT, 'SERIALIZATION_FAILURE'],
  // Two requests waited on each other and PostgreSQL ended one: retrying it succeeds.
  '40P01': [HttpStatus.CONFLICT, 'DEADLOCK_RETRY'],
};

/** Seconds a client is told to wait (`Retry-After`) while the database does not answer. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * SQLSTATEs that say the server is not there for now: connection exceptions (class 08, bar
 * 08P01, a protocol violation), shutting down or crashed (57P01, 57P02), starting up or
 * shutting down (57P03), out of connections (53300).
 */
const PG_UNAVAILABLE = /^(08(?!P01)[0-9A-Z]{3}|57P0[123]|53300)$/;
/** Errors the network or node-postgres raise when the server cannot be reached. */
const NET_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const PG_CLIENT_UNAVAILABLE =
  /^(Connection terminated|timeout exceeded when trying to connect|timeout expired|Client has encountered a connection error|Client was closed)/;

/**
 * Whether `exception` means PostgreSQL cannot be reached (stopped, restarting, unreachable,
 * out of connections) rather than that the request or the code is wrong. The cause may sit in
 * TypeORM's `driverError`, an `Error.cause`, or each attempt of an `AggregateError` (one per
 * address of a host name).
 */
export function isDatabaseUnavailable(exception: unknown, depth = 0): boolean {
  if (typeof exception !== 'object' || exception === null || depth > 4) return false;
  const e = exception as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof e.code === 'string' && (PG_UNAVAILABLE.test(e.code) || NET_UNAVAILABLE.has(e.code)))
    return true;
  if (typeof e.message === 'string' && PG_CLIENT_UNAVAILABLE.test(e.message)) return true;
  // TypeORM releases a transaction's connection when that connection fails (a restart of
  // PostgreSQL ends the session between two statements); the transaction's next statement then
  // fails with one of these errors instead of the connection's (which one depends on whether the
  // statement goes through the entity manager or the query builder). The server has rolled the
  // transaction back.
  if (
    exception instanceof QueryRunnerProviderAlreadyReleasedError ||
    exception instanceof QueryRunnerAlreadyReleasedError
  )
    return true;
  const inner = [e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  return inner.some(
    (i) => i !== undefined && i !== exception && isDatabaseUnavailable(i, depth + 1),
  );
}

/**
 * Fastify's refusals of a request body, before any route sees it: the status, a stable code,
 * and the field (the body, or the header that says what it is) with the reason.
 */
const BODY_PARSER_ERRORS: Record<string, [HttpStatus, string, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [
    HttpStatus.BAD_REQUEST,
    'INVALID_JSON',
    'body',
    'must be valid JSON, without __proto__ or constructor.prototype keys',
  ],
  FST_ERR_CTP_EMPTY_JSON_BODY: [
    HttpStatus.BAD_REQUEST,
    'INVALID_JSON',
    'body',
    'must not be empty when Content-Type is application/json',
  ],
  FST_ERR_CTP_BODY_TOO_LARGE: [
    HttpStatus.PAYLOAD_TOO_LARGE,
    'PAYLOAD_TOO_LARGE',
    'body',
    'is larger than this route accepts',
  ],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    'UNSUPPORTED_MEDIA_TYPE',
    'Content-Type',
    'is not a type this route reads (application/json, or multipart/form-data for an upload)',
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    HttpStatus.BAD_REQUEST,
    'INVALID_CONTENT_LENGTH',
    'Content-Length',
    'does not match the body received',
  ],
};

/** The Fastify error code behind an exception, as such or as the cause Nest wrapped it in. */
function fastifyCodeOf(exception: unknown): string | undefined {
  for (const e of [exception, (exception as { cause?: unknown } | null)?.cause]) {
    const code = (e as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && code.startsWith('FST_')) return code;
  }
  return undefined;
}

/**
 * Keeps the body shape stable (`statusCode`, `code`, `message`), maps database errors that
 * input can cause to 4xx and an unreachable database to 503 with `Retry-After`; anything else
 * is a logged 500 without internals.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const ours = exception instanceof DomainError || exception instanceof HttpException;
    if (!ours && isDatabaseUnavailable(exception)) {
      // One line, not a stack per request: while the database is away every request fails alike.
      this.logger.warn(`database unavailable: ${(exception as Error).message}`);
      void reply
        .status(HttpStatus.SERVICE_UNAVAILABLE)
        .header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
        .send({
          statusCode: HttpStatus.SERVICE_UNAVAILABLE,
          code: 'DATABASE_UNAVAILABLE',
          message: `the database is not available; retry in ${DATABASE_RETRY_AFTER_SECONDS} seconds`,
        });
      return;
    }
    const [status, body] = this.toResponse(exception);
    if (status >= 500) this.logger.error(exception);
    void reply.status(status).send(body);
  }

  private toResponse(exception: unknown): [number, Record<string, unknown>] {
    const parser = BODY_PARSER_ERRORS[fastifyCodeOf(exception) ?? ''];
    if (parser) {
      const [status, code, field, reason] = parser;
      return [
        status,
        { statusCode: status, code, message: `${field}: ${reason}`, errors: [{ field, reason }] },
      ];
    }
    if (exception instanceof DomainError) {
      const status = DOMAIN_STATUS[exception.kind];
      return [
        status,
        {
          statusCode: status,
          code: exception.code,
          message: exception.message,
          ...exception.details,
        },
      ];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      if (typeof res === 'object' && res !== null && 'code' in res)
        return [status, res as Record<string, unknown>];
      const message =
        typeof res === 'string'
          ? res
          : ((res as { message?: unknown }).message ?? exception.message);
      return [status, { statusCode: status, code: HttpStatus[status] ?? 'ERROR', message }];
    }
    const pg = pgErrorOf(exception);
    if (pg) {
      const mapped = pg.code ? PG_INPUT_ERRORS[pg.code] : undefined;
      if (mapped) {
        const [status, code] = mapped;
        if (pg.code === '23502' && pg.column) {
          const field = pg.column.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
          return [
            status,
            {
              statusCode: status,
              code,
              message: `${field}: must not be null`,
              errors: [{ field, reason: 'must not be null' }],
            },
          ];
        }
        return [
          status,
          { statusCode: status, code, message: pg.detail ?? code, constraint: pg.constraint },
        ];
      }
    }
    const fastifyStatus = (exception as { statusCode?: number })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return [
        fastifyStatus,
        {
          statusCode: fastifyStatus,
          code: (exception as { code?: string }).code ?? 'BAD_REQUEST',
          message: (exception as Error).message,
        },
      ];
    }
    return [500, { statusCode: 500, code: 'INTERNAL', message: 'Internal server error' }];
  }
}

interface PgError {
  code?: string;
  detail?: string;
  constraint?: string;
  column?: string;
}

/**
 * The PostgreSQL error behind an exception: TypeORM's QueryFailedError wraps it; a COPY
 * through pg-copy-streams fails with node-postgres's own DatabaseError (told by its SQLSTATE
 * and severity, as instanceof fails across module copies).
 */
function pgErrorOf(exception: unknown): PgError | undefined {
  if (exception instanceof QueryFailedError) return exception.driverError as PgError;
  const e = exception as { code?: unknown; severity?: unknown } | null;
  if (
    typeof e === 'object' &&
    e !== null &&
    typeof e.severity === 'string' &&
    typeof e.code === 'string' &&
    /^[0-9A-Z]{5}$/.test(e.code)
  )
    return e as PgError;
  return undefined;
}
