import { ApiPropertyOptional } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { IsIn, IsOptional } from 'class-validator';

export class ExportQuery {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format: 'csv' | 'xlsx' = 'csv';

  @ApiPropertyOptional({ enum: ['zh', 'en'], default: 'zh', description: 'Header language' })
  @IsOptional()
  @IsIn(['zh', 'en'])
  lang: 'zh' | 'en' = 'zh';
}

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export function sendFile(
  res: FastifyReply,
  stream: Readable,
  name: string,
  format: 'csv' | 'xlsx',
) {
  return res
    .header('content-type', CONTENT_TYPES[format])
    .header('content-disposition', `attachment; filename="${name}.${format}"`)
    .send(stream);
}
