import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LiveDto {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status!: 'ok';
}

/** One dependency's answer, as @nestjs/terminus reports it. */
export class DependencyStatusDto {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status!: 'up' | 'down';

  @ApiPropertyOptional({ description: 'Why the dependency is down', example: 'timeout' })
  message?: string;
}

const DEPENDENCIES = {
  description: 'By dependency: `database` (PostgreSQL) and `redis`',
  type: 'object',
  additionalProperties: { $ref: '#/components/schemas/DependencyStatusDto' },
  example: { database: { status: 'up' }, redis: { status: 'up' } },
} as const;

/** The readiness answer: 200 with status `ok` when PostgreSQL and Redis both answer, else 503. */
export class ReadyDto {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'], example: 'ok' })
  status!: 'ok' | 'error' | 'shutting_down';

  @ApiPropertyOptional({ ...DEPENDENCIES, description: 'The dependencies that answer' })
  info?: Record<string, DependencyStatusDto>;

  @ApiPropertyOptional({
    ...DEPENDENCIES,
    description: 'The dependencies that do not answer',
    example: { redis: { status: 'down', message: 'timeout' } },
  })
  error?: Record<string, DependencyStatusDto>;

  @ApiProperty({ ...DEPENDENCIES, description: 'Every dependency checked' })
  details!: Record<string, DependencyStatusDto>;
}
