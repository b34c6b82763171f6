import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

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
