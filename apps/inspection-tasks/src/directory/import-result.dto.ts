import { ApiProperty } from '@nestjs/swagger';

export class ImportResultDto {
  @ApiProperty({ enum: ['enterprise', 'inspector', 'lab', 'catalog'] })
  directory!: string;

  @ApiProperty({ enum: ['csv', 'xlsx'] })
  format!: string;

  @ApiProperty({ description: 'Data rows read (catalog: test items)' })
  rows!: number;

  @ApiProperty({ description: 'Records created (catalog: categories)' })
  inserted!: number;

  @ApiProperty({ description: 'Records changed' })
  updated!: number;

  @ApiProperty({ description: 'Records the file names but leaves as they were' })
  unchanged!: number;

  @ApiProperty({ description: 'SHA-256 of the whole upload, hex' })
  sha256!: string;

  @ApiProperty()
  bytes!: number;

  @ApiProperty({ type: [String], description: 'Headers of the file no column reads' })
  ignoredColumns!: string[];
}

export class ImportRowErrorDto {
  @ApiProperty({ description: 'Spreadsheet row (the header is row 1)', example: 7 })
  row!: number;

  @ApiProperty({ example: 'region_code', description: 'English column name; empty for the row' })
  column!: string;

  @ApiProperty({ example: '150199 is not a GB/T 2260 code' })
  reason!: string;
}

/** A refused import: nothing was written; each bad cell named by row and column. */
export class ImportRejectedDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'IMPORT_REJECTED' })
  code!: string;

  @ApiProperty()
  message!: string;

  @ApiProperty({ description: 'Every problem found; at most 100 are listed' })
  errorCount!: number;

  @ApiProperty({ type: [ImportRowErrorDto] })
  errors!: ImportRowErrorDto[];
}
