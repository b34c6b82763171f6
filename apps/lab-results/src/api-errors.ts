import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
} from '@nestjs/swagger';
import { ErrorDto } from '@spotcheck/common';

/** The error answers every lab route may give, all with the one error body. */
export const LabErrors = () =>
  applyDecorators(
    ApiBadRequestResponse({ type: ErrorDto, description: 'invalid input, named by field' }),
    ApiForbiddenResponse({ type: ErrorDto, description: 'role, staff role or four-eyes rule' }),
    ApiNotFoundResponse({ type: ErrorDto, description: 'absent, or another lab’s' }),
    ApiConflictResponse({ type: ErrorDto, description: 'not allowed in the current state' }),
  );
