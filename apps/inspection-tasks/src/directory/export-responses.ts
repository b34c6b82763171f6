import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
} from '@nestjs/swagger';
import { ImportRejectedDto, ImportResultDto } from './import-result.dto';
import { CONTENT_TYPES } from './export-query';

/** A directory file download: CSV or XLSX, in the layout the import reads. */
export const ApiFileExport = () =>
  applyDecorators(
    ApiProduces(CONTENT_TYPES.csv, CONTENT_TYPES.xlsx),
    ApiOkResponse({
      description: 'The file, as an attachment',
      schema: { type: 'string', format: 'binary' },
    }),
  );

/** A directory file upload (multipart field `file`), all or nothing. */
export const ApiFileImport = () =>
  applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: ['file'],
        properties: { file: { type: 'string', format: 'binary', description: '.csv or .xlsx' } },
      },
    }),
    ApiCreatedResponse({ type: ImportResultDto }),
    ApiBadRequestResponse({
      type: ImportRejectedDto,
      description: 'IMPORT_REJECTED naming each bad row, or UNSUPPORTED_FILE / FILE_REQUIRED',
    }),
  );
