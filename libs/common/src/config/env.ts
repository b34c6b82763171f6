import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** The secret `npm run token` and local runs use. Production refuses to start with it. */
export const DEV_JWT_SECRET = 'spotcheck-development-secret-do-not-use-in-production';

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];
/** A known spelling of true or false; anything else stays a string, which IsBoolean names. */
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  return TRUE.includes(v) ? true : FALSE.includes(v) ? false : value;
};
const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;

/** Every setting the apps read, validated once at boot. */
export class Env {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/spotcheck';

  @IsInt()
  @Min(1)
  @Max(200)
  @Transform(toInt)
  DATABASE_POOL_SIZE = 10;

  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** BullMQ key prefix; the braces make it a Redis Cluster hash tag. */
  @Matches(/^\{[a-z0-9:_-]+\}$/, { message: 'QUEUE_PREFIX must look like {name}' })
  QUEUE_PREFIX = '{spotcheck}';

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET = DEV_JWT_SECRET;

  @IsString()
  JWT_ISSUER = 'spotcheck';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * `pretty`: one readable coloured line per event, for a person at a terminal; `json`: one
   * JSON object per line, for log collectors. Unset: pretty in development, JSON otherwise.
   */
  @IsOptional()
  @IsIn(['json', 'pretty'])
  LOG_FORMAT?: 'json' | 'pretty';

  /** Run pending migrations at start-up (under an advisory lock). */
  @IsBoolean()
  @Transform(toBool)
  MIGRATIONS_RUN = true;

  /** Largest JSON body accepted, in bytes; more answers 413. */
  @IsInt()
  @Min(1024)
  @Transform(toInt)
  BODY_LIMIT = 1024 * 1024;

  /**
   * Largest EPCIS document accepted by `POST /epcis/capture`, in bytes; more answers 413.
   * A 10,000-event document of shipping and receiving events is about 6 MB.
   */
  @IsInt()
  @Min(1024)
  @Transform(toInt)
  EPCIS_MAX_BODY_BYTES = 16 * 1024 * 1024;

  /** Largest JSON body of a lab's report batch (1,000 reports, 20,000 items), in bytes; 413 above. */
  @IsInt()
  @Min(1024)
  @Transform(toInt)
  LAB_BATCH_MAX_BYTES = 16 * 1024 * 1024;

  /**
   * Lab uploads (batch and import) read and written at once per process; more wait, unread,
   * until one finishes. Bounds the memory uploads take (each holds its parsed body).
   */
  @IsInt()
  @Min(1)
  @Transform(toInt)
  LAB_UPLOAD_CONCURRENCY = 2;

  /** Largest uploaded import file, in bytes; more answers 413. */
  @IsInt()
  @Min(1024)
  @Transform(toInt)
  IMPORT_MAX_BYTES = 1024 * 1024 * 1024;

  /**
   * The proxies whose X-Forwarded-For is believed: a hop count, or addresses and subnets
   * separated by commas (`loopback`, `10.0.0.0/8`). Read by the HTTP apps at start.
   */
  @IsString()
  TRUST_PROXY = 'loopback';

  /** Requests a minute one address may make to the public portal's API (then 429). */
  @IsInt()
  @Min(1)
  @Transform(toInt)
  PUBLIC_RATE_LIMIT_PER_MINUTE = 600;

  /** Imports at least this large, and larger than the table, rebuild its indexes instead of maintaining them. */
  @IsInt()
  @Min(1)
  @Transform(toInt)
  IMPORT_BULK_MIN_ROWS = 20_000;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  @Transform(toInt)
  PORT?: number;

  @IsString()
  HOST = '0.0.0.0';

  /** How often the worker relays the outbox when no notification arrives, in ms. */
  @IsInt()
  @Min(10)
  @Transform(toInt)
  OUTBOX_POLL_MS = 500;

  /**
   * A relayed outbox row whose job has not finished after this long is relayed again (same
   * job id, so a job BullMQ still has is not duplicated; one Redis lost is restored), in ms.
   */
  @IsInt()
  @Min(100)
  @Transform(toInt)
  OUTBOX_REDELIVER_MS = 5 * 60 * 1000;

  /** How often the worker seals the audit chain, in ms. */
  @IsInt()
  @Min(100)
  @Transform(toInt)
  AUDIT_SEAL_EVERY_MS = 2000;
}

/** Validates process.env; throws one error listing every problem. Used by ConfigModule and scripts. */
export function validateEnv(raw: Record<string, unknown>): Env {
  const env = plainToInstance(Env, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, skipMissingProperties: false });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}));
  // Migrating holds one connection for its advisory lock and runs on another.
  if (env.MIGRATIONS_RUN === true && env.DATABASE_POOL_SIZE < 2) {
    problems.push('DATABASE_POOL_SIZE must be at least 2 while MIGRATIONS_RUN is on');
  }
  if (env.NODE_ENV === 'production' && env.JWT_SECRET === DEV_JWT_SECRET) {
    problems.push('JWT_SECRET is the development secret; set a real secret in production');
  }
  if (problems.length > 0) {
    throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return env;
}

export function loadEnv(): Env {
  return validateEnv(process.env);
}
