import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** One field at fault and why. */
export class FieldErrorDto {
  @ApiProperty({ example: 'items[0].value' })
  field!: string;

  @ApiProperty({ example: 'must be a decimal string' })
  reason!: string;
}

/**
 * The body of every error answer (AllExceptionsFilter). Some codes add members the client may
 * rely on (`currentState`, `allowedEvents`, `requiredRoles`, …).
 */
export class ErrorDto {
  @ApiProperty({ example: 404 })
  statusCode!: number;

  @ApiProperty({ example: 'NOT_FOUND', description: 'stable, machine-readable' })
  code!: string;

  @ApiProperty({ example: 'report 0b6f… not found' })
  message!: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request breaks a rule; `errors` names the fields',
  403: 'The caller’s role may not do this',
  404: 'Absent, or outside what the caller may see (the same answer)',
  409: 'The record’s state does not allow it; the body names the state',
  415: 'The body is not of a media type the route takes',
};

/** Declares the error answers of a route, each with the {@link ErrorDto} body. */
export const ApiErrors = (...statuses: (400 | 403 | 404 | 409 | 415 | 422)[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', type: ErrorDto }),
    ),
  );
