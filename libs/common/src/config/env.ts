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
import {
  RISK_CLASSES,
  RISK_FEEDBACK_PARTIES,
  type RiskClass,
  type RiskFeedbackParties,
  noticeFormatProblems,
} from '@spotcheck/domain';

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

/** `name` as the Redis Cluster hash tag `{name}`; a value already in braces, or no string, as is. */
export const hashTagged = (value: unknown): unknown =>
  typeof value === 'string' && !/^\{.*\}$/.test(value) ? `{${value}}` : value;

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

  /**
   * Longest wait to open a connection to PostgreSQL, or for a free one from a full pool, in ms;
   * then the request answers 503. Without it a server that accepts TCP but never answers (a
   * frozen machine, dropped packets) makes requests wait for ever.
   */
  @IsInt()
  @Min(100)
  @Max(600_000)
  @Transform(toInt)
  DATABASE_CONNECT_TIMEOUT_MS = 5000;

  /**
   * A statement that has waited this long makes the app check that PostgreSQL answers a new
   * connection within DATABASE_CONNECT_TIMEOUT_MS; if it does not, the statement's connection
   * is closed and its request answers 503. A slow statement on a server that answers goes on.
   * In ms; 0 never checks.
   */
  @IsInt()
  @Min(0)
  @Transform(toInt)
  DATABASE_ANSWER_CHECK_MS = 5000;

  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /**
   * REDIS_URL is one node of a Redis Cluster: the worker's queues connect to the cluster (the
   * other nodes are found from it). Readiness checks answer for that node.
   */
  @IsBoolean()
  @Transform(toBool)
  REDIS_CLUSTER = false;

  /**
   * BullMQ key prefix. The braces make it a Redis Cluster hash tag: every key of every queue
   * hashes to one slot, as BullMQ's scripts need. A name given without them gets them.
   */
  @Transform(({ value }: { value: unknown }) => hashTagged(value))
  @Matches(/^\{[a-z0-9:_-]+\}$/, {
    message: 'QUEUE_PREFIX must be a name of a-z, 0-9, ":", "_" and "-", in braces or not',
  })
  QUEUE_PREFIX = '{spotcheck}';

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET = DEV_JWT_SECRET;

  /**
   * The key JWT_SECRET replaced, during a rotation: tokens signed with it are accepted until
   * they expire (docs: SECURITY.md). Unset, or empty, outside a rotation.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET_PREVIOUS must be at least 32 characters' })
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  JWT_SECRET_PREVIOUS?: string;

  @IsString()
  JWT_ISSUER = 'spotcheck';

  /** Lifetime of the access token a sign-in or a refresh hands a browser, in seconds. */
  @IsInt()
  @Min(60)
  @Max(3600)
  @Transform(toInt)
  AUTH_ACCESS_TTL_SECONDS = 15 * 60;

  /**
   * A refresh token unused this long expires, and with it the browser's session, in seconds.
   * Each refresh hands out a new one.
   */
  @IsInt()
  @Min(300)
  @Transform(toInt)
  AUTH_REFRESH_TTL_SECONDS = 12 * 3600;

  /** The longest a browser stays signed in, however often it refreshes, in seconds. */
  @IsInt()
  @Min(300)
  @Transform(toInt)
  AUTH_SESSION_MAX_SECONDS = 7 * 24 * 3600;

  /** Sign-ins and password changes a minute one address may make (then 429 with Retry-After). */
  @IsInt()
  @Min(1)
  @Transform(toInt)
  AUTH_SIGN_IN_RATE_LIMIT_PER_MINUTE = 20;

  /**
   * Origins, besides the app's own, whose pages may send cookie-authenticated writes: full
   * origins (`https://console.example.gov.cn`), separated by commas. Empty: the app's own only.
   */
  @IsString()
  @Matches(/^(\s*https?:\/\/[^\s/,]+\s*)?(,\s*https?:\/\/[^\s/,]+\s*)*$/, {
    message:
      'AUTH_ALLOWED_ORIGINS must be origins such as https://host[:port], separated by commas',
  })
  AUTH_ALLOWED_ORIGINS = '';

  /**
   * Whether accounts may sign in with their passwords. Off when a province's single sign-on
   * (OIDC_ISSUER) replaces them: POST /auth/login then answers 403.
   */
  @IsBoolean()
  @Transform(toBool)
  AUTH_PASSWORD_SIGN_IN = true;

  /**
   * The issuer (`iss`) of an OpenID Connect identity provider whose bearer tokens the APIs
   * accept beside their own, verified against its JWKS. Unset: none.
   */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'OIDC_ISSUER must be an http(s) URL' })
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  OIDC_ISSUER?: string;

  /** The audience (`aud`) the provider's tokens must name; required with OIDC_ISSUER. */
  @IsOptional()
  @IsString()
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  OIDC_AUDIENCE?: string;

  /** Where the provider's keys are; unset: the `jwks_uri` of its discovery document. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'OIDC_JWKS_URI must be an http(s) URL' })
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  OIDC_JWKS_URI?: string;

  /**
   * The claims of the provider's tokens that give role, jurisdiction, organisation, inspector
   * staff number and display name: names, or dotted paths into nested claims
   * (`realm_access.roles`). A role claim may hold a list; its first value OIDC_ROLE_MAP maps
   * (or that is a role itself) is taken.
   */
  @IsString()
  OIDC_ROLE_CLAIM = 'role';

  @IsString()
  OIDC_JURISDICTION_CLAIM = 'jurisdiction';

  @IsString()
  OIDC_ORG_CLAIM = 'org';

  @IsString()
  OIDC_STAFF_NO_CLAIM = 'staffNo';

  @IsString()
  OIDC_NAME_CLAIM = 'name';

  /**
   * The provider's role names as Spotcheck's: `provider=role` pairs separated by commas
   * (`scjg_inspector=regulator,jyjg=lab`). A value that is already a role needs no entry.
   */
  @IsString()
  @Matches(
    /^(\s*[^=,\s]+\s*=\s*(regulator|lab|enterprise|admin)\s*)?(,\s*[^=,\s]+\s*=\s*(regulator|lab|enterprise|admin)\s*)*$/,
    {
      message:
        'OIDC_ROLE_MAP must be provider=role pairs (roles regulator, lab, enterprise, admin) separated by commas',
    },
  )
  OIDC_ROLE_MAP = '';

  /**
   * The bearer token Prometheus sends to read `/metrics` on every app. Unset: /metrics is open
   * outside production and off in production (docs/operations.md, Metrics).
   */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  METRICS_TOKEN?: string;

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

  /**
   * Largest JSON body of an enterprise's rectification report, its attachments base64-encoded
   * inside, in bytes; 413 above (docs/cases.md).
   */
  @IsInt()
  @Min(1024)
  @Transform(toInt)
  CASE_REPORT_MAX_BYTES = 32 * 1024 * 1024;

  /**
   * The directory where uploaded attachments (rectification reports) are kept, by SHA-256
   * (libs/common BlobStore on local disk); relative paths are taken from the working directory.
   */
  @IsString()
  ATTACHMENT_DIR = '.data/attachments';

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

  /**
   * Bytes of public draw answers (verifications and complete records of closed draws) the
   * public portal keeps in memory; beyond it the least recently asked for are computed again
   * for each request (their ETags are kept).
   */
  @IsInt()
  @Min(0)
  @Transform(toInt)
  PUBLIC_DRAW_CACHE_BYTES = 64 * 1024 * 1024;

  /**
   * How often, at most, the public portal asks the database whether a list was published,
   * superseded or indexed since (its answers cache is keyed by that): answers are at most this
   * many milliseconds behind a publication.
   */
  @IsInt()
  @Min(0)
  @Transform(toInt)
  PUBLIC_VERSION_CHECK_MS = 1000;

  /** Bytes of answers (searches, counts, lists) the public portal keeps in memory. */
  @IsInt()
  @Min(0)
  @Transform(toInt)
  PUBLIC_ANSWER_CACHE_BYTES = 64 * 1024 * 1024;

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
   * How long the relay waits after a notification before it relays, in ms, so that the rows of
   * the transactions committing meanwhile go in the same round, and the worker takes their jobs
   * as one batch (docs/adr/0028); 0 relays at once.
   */
  @IsInt()
  @Min(0)
  @Max(1000)
  @Transform(toInt)
  OUTBOX_GATHER_MS = 25;

  /**
   * A relayed outbox row whose job has not finished after this long is relayed again (same
   * job id, so a job BullMQ still has is not duplicated; one Redis lost is restored), in ms.
   */
  @IsInt()
  @Min(100)
  @Transform(toInt)
  OUTBOX_REDELIVER_MS = 5 * 60 * 1000;

  /**
   * A job that failed its last attempt is given another round when its outbox row is next
   * relayed, at the earliest this long after its first failure, in ms; each further failure
   * doubles the wait, up to FAILED_JOB_RETRY_MAX_MS. The failures stay in `failed_job`.
   */
  @IsInt()
  @Min(100)
  @Transform(toInt)
  FAILED_JOB_RETRY_MS = 5 * 60 * 1000;

  /** The longest wait between two rounds of a job that keeps failing, in ms. */
  @IsInt()
  @Min(100)
  @Transform(toInt)
  FAILED_JOB_RETRY_MAX_MS = 6 * 3600 * 1000;

  /**
   * Jobs the worker runs at once, per process, on the outcomes queue (deadlines, objections);
   * the reports and rates queues, which a stream of issued reports goes through, handle their
   * jobs in batches instead (WORKER_BATCH_SIZE). Each is short database work that spends most
   * of its time waiting on PostgreSQL and Redis. Each running job holds at most one database
   * connection: keep this plus two under DATABASE_POOL_SIZE.
   */
  @IsInt()
  @Min(1)
  @Max(64)
  @Transform(toInt)
  WORKER_CONCURRENCY = 3;

  /**
   * Most jobs of one kind the worker handles together, in one batch, on the queues where every
   * issued report makes a job (`report.issued` on reports, `outcome.changed` on rates): those
   * queues hold up to this many jobs at once, and the jobs that arrive while a batch is being
   * handled form the next one (docs/adr/0028). A batch holds one database connection.
   */
  @IsInt()
  @Min(1)
  @Max(1000)
  @Transform(toInt)
  WORKER_BATCH_SIZE = 100;

  /** How often the worker seals the audit chain, in ms. */
  @IsInt()
  @Min(100)
  @Transform(toInt)
  AUDIT_SEAL_EVERY_MS = 2000;

  /**
   * How often the worker sweeps for pending outcomes whose objection deadline has passed, and
   * for deadline notifications not raised yet, in ms: the safety net behind each sample's own
   * delayed jobs (lost with Redis's data).
   */
  @IsInt()
  @Min(1000)
  @Transform(toInt)
  OUTCOME_SWEEP_EVERY_MS = 10 * 60 * 1000;

  /** When the worker recomputes every rate cell from the outcomes: cron, China time. */
  @IsString()
  @Matches(/^\S+( \S+){4,5}$/, { message: 'RATES_RECOMPUTE_CRON must be a cron pattern' })
  RATES_RECOMPUTE_CRON = '30 2 * * *';

  /**
   * The notice number (公告号) of a published list: `{year}` and `{n}` (its number within the
   * jurisdiction and year) once each, optionally `{jurisdiction}` (the GB/T 2260 code).
   */
  @IsString()
  PUBLICATION_NOTICE_FORMAT = '内市监公告〔{year}〕{n}号';

  /**
   * When the worker compiles each jurisdiction's next list (cron, five fields, in
   * PUBLICATION_COMPILE_TZ): by default at 02:00 on the first of each month, listing what
   * became final by the end of the month before.
   */
  @Matches(/^\S+( \S+){4,5}$/, { message: 'PUBLICATION_COMPILE_CRON must be a cron pattern' })
  PUBLICATION_COMPILE_CRON = '0 2 1 * *';

  @IsString()
  PUBLICATION_COMPILE_TZ = 'Asia/Shanghai';

  /**
   * Credit-risk classes a published list raises each enterprise it names as failing (0 turns
   * the feedback off), never above PUBLICATION_RISK_CEILING; PUBLICATION_RISK_PARTIES says who
   * counts: the nominal manufacturer, the sampled unit, or both.
   */
  @IsInt()
  @Min(0)
  @Max(3)
  @Transform(toInt)
  PUBLICATION_RISK_STEP = 1;

  @IsIn(RISK_CLASSES)
  PUBLICATION_RISK_CEILING: RiskClass = 'D';

  @IsIn(RISK_FEEDBACK_PARTIES)
  PUBLICATION_RISK_PARTIES: RiskFeedbackParties = 'both';
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
  for (const p of noticeFormatProblems(env.PUBLICATION_NOTICE_FORMAT))
    problems.push(`PUBLICATION_NOTICE_FORMAT ${p}`);
  if (env.FAILED_JOB_RETRY_MAX_MS < env.FAILED_JOB_RETRY_MS) {
    problems.push('FAILED_JOB_RETRY_MAX_MS must not be less than FAILED_JOB_RETRY_MS');
  }
  if (env.NODE_ENV === 'production' && env.JWT_SECRET === DEV_JWT_SECRET) {
    problems.push('JWT_SECRET is the development secret; set a real secret in production');
  }
  if (env.NODE_ENV === 'production' && env.JWT_SECRET_PREVIOUS === DEV_JWT_SECRET) {
    problems.push('JWT_SECRET_PREVIOUS is the development secret; nobody may sign with it');
  }
  if (env.OIDC_ISSUER && !env.OIDC_AUDIENCE) {
    problems.push(
      'OIDC_AUDIENCE must be set with OIDC_ISSUER: tokens are checked to be meant for Spotcheck',
    );
  }
  if (env.NODE_ENV === 'production' && env.OIDC_ISSUER?.startsWith('http:')) {
    problems.push('OIDC_ISSUER must be an https URL in production');
  }
  if (env.AUTH_SESSION_MAX_SECONDS < env.AUTH_REFRESH_TTL_SECONDS) {
    problems.push('AUTH_SESSION_MAX_SECONDS must not be less than AUTH_REFRESH_TTL_SECONDS');
  }
  if (problems.length > 0) {
    throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return env;
}

export function loadEnv(): Env {
  return validateEnv(process.env);
}
