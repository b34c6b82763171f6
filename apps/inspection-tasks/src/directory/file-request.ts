import { HttpStatus } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppException } from '@spotcheck/common';
import { DomainError } from '@spotcheck/domain';
import type { ImportFile } from './directory-import.service';

/** The uploaded file of a multipart/form-data request (field name `file`). */
export async function uploadedFile(req: FastifyRequest): Promise<ImportFile> {
  if (!req.isMultipart()) {
    throw new DomainError(
      'invalid',
      'FILE_REQUIRED',
      'file: send multipart/form-data with a file field',
      { errors: [{ field: 'file', reason: 'send multipart/form-data with a file field' }] },
    );
  }
  const part = await req.file();
  if (!part) {
    throw new DomainError('invalid', 'FILE_REQUIRED', 'file: is required', {
      errors: [{ field: 'file', reason: 'is required' }],
    });
  }
  part.file.on('limit', () => part.file.destroy(fileTooLarge()));
  return { stream: part.file, filename: part.filename, mimetype: part.mimetype };
}

/** 413 is HTTP's own answer to a body over the limit; no rule of the domain says it. */
export const fileTooLarge = () =>
  new AppException(
    HttpStatus.PAYLOAD_TOO_LARGE,
    'FILE_TOO_LARGE',
    'file: is larger than the configured limit',
    { errors: [{ field: 'file', reason: 'is larger than the configured limit' }] },
  );

/**
 * Whether the upload stopped at its size limit. The limit errors the stream, but when the cut
 * falls near the end of the file the reader may already have had every byte busboy passed on,
 * and would otherwise judge (or import) the truncated file as if it were whole.
 */
export const truncated = (stream: unknown): boolean =>
  (stream as { truncated?: boolean }).truncated === true;
