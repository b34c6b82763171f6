import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { QueryFailedError } from 'typeorm';
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

/**
 * Keeps the body shape stable (`statusCode`, `code`, `message`) and maps database errors that
 * input can cause to 4xx; anything else is a logged 500 without internals.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const [status, body] = this.toResponse(exception);
    if (status >= 500) this.logger.error(exception);
    void reply.status(status).send(body);
  }

  private toResponse(exception: unknown): [number, Record<string, unknown>] {
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
