/**
 * The sampling record (抽样单), docs/rules.md §3.3: what the task's two inspectors write
 * down when they take a sample, checked here without I/O. The HTTP layer checks types, text
 * lengths and NUL characters; this module checks what the values mean:
 *
 * - `sampledAt` is an RFC 3339 instant with its offset and is not in the future (up to
 *   {@link CLOCK_SKEW_MS} ahead of the server, for a field device's clock); its date in China
 *   Standard Time is the sampling date every deadline counts from;
 * - the production date is not after the sampling date, and the end of shelf life not
 *   before the production date; a batch number or a production date is required (the
 *   official failed-product notice has a column for "production date/batch");
 * - quantities are positive decimal strings (never floats), the price paid a non-negative
 *   amount in yuan with at most two decimals;
 * - the GTIN's GS1 check digit is verified and the GTIN kept in its 14-digit form; the
 *   nominal manufacturer's USCC (when known — the manufacturer may be outside the directory)
 *   is verified with GB 32100's check character;
 * - online sampling names the platform and the shop, other stages do not;
 * - the two signing inspectors are distinct and, against the task, are exactly its pair
 *   (in either order), the stage is one of the plan's, and the sample was not taken before
 *   the task was drawn ({@link samplingRecordTaskProblems}).
 *
 * Sample numbers are the plan code, a hyphen and the sample's sequence number within the plan,
 * zero-padded to four digits ({@link formatSampleNo}).
 */
import { IsoDate, fromDayNumber, validateIsoDate } from './calendar/iso-date';
import { toGtin14, validateGtin } from './gtin';
import { validateRegionCode } from './region';
import { validateUscc } from './uscc';

export const SAMPLE_STAGES = ['production', 'distribution', 'online'] as const;
export type SampleStage = (typeof SAMPLE_STAGES)[number];

export const SAMPLE_STAGE_LABELS_ZH: Readonly<Record<SampleStage, string>> = Object.freeze({
  production: '生产环节',
  distribution: '流通环节',
  online: '网络抽样',
});

/** How far ahead of the server clock a reported time may be before it counts as future. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** A field and why its value is refused; field paths as the request body spells them. */
export interface RecordProblem {
  field: string;
  reason: string;
}

export interface SamplingRecordInput {
  sampledAt: string;
  place: { regionCode: string; address: string };
  stage: string;
  online?: { platform: string; shopName: string } | null;
  manufacturer: { name: string; address?: string | null; uscc?: string | null };
  productName: string;
  brand?: string | null;
  spec?: string | null;
  batch?: string | null;
  productionDate?: string | null;
  /** End of shelf life (保质期至), when the product has one. */
  expiryDate?: string | null;
  gtin?: string | null;
  testPortion: { quantity: string; unit: string };
  backupPortion: { quantity: string; unit: string };
  pricePaid: string;
  sealNumbers?: string[] | null;
  inspectors: string[];
  representative: { name: string; title?: string | null };
  attachments?: { sha256: string; name?: string | null; mediaType?: string | null }[] | null;
  note?: string | null;
}

/** What the checks add: the instant, its date in China, and the GTIN-14. */
export interface CheckedSamplingRecord {
  sampledAt: Date;
  /** The sampling date in China Standard Time. */
  samplingDate: IsoDate;
  /** GTIN-14, or null when the record has no GTIN. */
  gtin14: string | null;
}

export type SamplingRecordCheck =
  { ok: true; record: CheckedSamplingRecord } | { ok: false; problems: RecordProblem[] };

const INSTANT =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;
const MS_PER_DAY = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * An RFC 3339 date-time with seconds and an offset (`2026-02-12T10:30:00+08:00`,
 * `2026-02-12T02:30:00.250Z`; at most milliseconds), as an instant; or the reason it is not.
 */
export function parseInstant(s: unknown): { ok: true; at: Date } | { ok: false; reason: string } {
  const shape = 'must be a date-time with seconds and an offset, e.g. 2026-02-12T10:30:00+08:00';
  if (typeof s !== 'string') return { ok: false, reason: shape };
  const m = INSTANT.exec(s);
  if (!m) return { ok: false, reason: shape };
  const d = validateIsoDate(m[1]);
  if (!d.ok) return { ok: false, reason: d.reason };
  const [hh, mm, ss] = [Number(m[2]), Number(m[3]), Number(m[4])];
  if (hh > 23 || mm > 59 || ss > 59) return { ok: false, reason: `${s} is not a time of day` };
  const offH = m[6] ? 0 : Number(m[8]);
  const offM = m[6] ? 0 : Number(m[9]);
  if (offH > 14 || offM > 59) return { ok: false, reason: `${s} has no valid offset` };
  const ms = m[5] ? Number(m[5].padEnd(3, '0')) : 0;
  const local = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${String(ms).padStart(3, '0')}Z`);
  const sign = m[7] === '-' ? -1 : 1;
  const at = new Date(local - sign * (offH * 60 + offM) * 60_000);
  if (Number.isNaN(at.getTime())) return { ok: false, reason: shape };
  return { ok: true, at };
}

/**
 * The calendar date of an instant in China Standard Time (UTC+8; China has kept one civil
 * time without daylight saving since 1991), the day deadlines and "today" are counted in.
 */
export function chinaDate(at: Date): IsoDate {
  return fromDayNumber(Math.floor((at.getTime() + CHINA_OFFSET_MS) / MS_PER_DAY));
}

const POSITIVE_DECIMAL = /^(?:0|[1-9]\d{0,11})(?:\.\d{1,6})?$/;
const YUAN = /^(?:0|[1-9]\d{0,9})(?:\.\d{1,2})?$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** A quantity: a decimal string greater than zero (at most 12 integer and 6 decimal digits). */
export function quantityProblem(s: unknown): string | null {
  if (typeof s !== 'string' || !POSITIVE_DECIMAL.test(s))
    return 'must be a decimal number written as a string, e.g. "2" or "0.5" (no sign, no exponent, at most 6 decimals)';
  if (!/[1-9]/.test(s)) return 'must be greater than zero';
  return null;
}

/**
 * A price paid in yuan: a decimal string with at most two decimals, above zero. Samples are
 * bought, never taken for free (docs/rules.md §3.3; no fee is charged to the enterprise either).
 */
export function yuanProblem(s: unknown): string | null {
  if (typeof s !== 'string' || !YUAN.test(s))
    return 'must be an amount in yuan written as a string, e.g. "36.50" (no sign, at most 2 decimals)';
  if (!/[1-9]/.test(s)) return 'must be greater than zero: samples are bought';
  return null;
}

/**
 * The checks of a sampling record that need nothing but the record and the clock. Every
 * problem is listed, each under its field path.
 */
export function validateSamplingRecord(r: SamplingRecordInput, now: Date): SamplingRecordCheck {
  const problems: RecordProblem[] = [];
  const problem = (field: string, reason: string) => problems.push({ field, reason });

  let sampledAt: Date | null = null;
  let samplingDate: IsoDate | null = null;
  const at = parseInstant(r.sampledAt);
  if (!at.ok) problem('sampledAt', at.reason);
  else if (at.at.getTime() > now.getTime() + CLOCK_SKEW_MS)
    problem('sampledAt', `must not be in the future (now is ${now.toISOString()})`);
  else {
    sampledAt = at.at;
    samplingDate = chinaDate(at.at);
  }

  const region = validateRegionCode(r.place?.regionCode);
  if (!region.ok) problem('place.regionCode', region.reason);

  if (!(SAMPLE_STAGES as readonly string[]).includes(r.stage))
    problem('stage', `must be one of ${SAMPLE_STAGES.join(', ')}`);
  else if (r.stage === 'online' && !r.online)
    problem('online', 'is required for online sampling: the platform and the shop');
  else if (r.stage !== 'online' && r.online)
    problem('online', `is only for online sampling (the stage is ${r.stage})`);

  const uscc = r.manufacturer?.uscc;
  if (uscc !== undefined && uscc !== null) {
    const v = validateUscc(uscc);
    if (!v.ok) problem('manufacturer.uscc', v.reason);
  }

  const has = (s: string | null | undefined) => s !== undefined && s !== null;
  if (!has(r.batch) && !has(r.productionDate))
    problem('batch', 'give the batch number or the production date (or both)');
  let productionDate: IsoDate | null = null;
  if (has(r.productionDate)) {
    const v = validateIsoDate(r.productionDate);
    if (!v.ok) problem('productionDate', v.reason);
    else {
      productionDate = r.productionDate as IsoDate;
      if (samplingDate !== null && productionDate > samplingDate)
        problem(
          'productionDate',
          `must not be after the sampling date ${samplingDate} (China Standard Time)`,
        );
    }
  }
  if (has(r.expiryDate)) {
    const v = validateIsoDate(r.expiryDate);
    if (!v.ok) problem('expiryDate', v.reason);
    else if (productionDate !== null && (r.expiryDate as string) < productionDate)
      problem('expiryDate', `must not be before the production date ${productionDate}`);
  }

  let gtin14: string | null = null;
  if (has(r.gtin)) {
    const v = validateGtin(r.gtin as string);
    if (!v.ok) problem('gtin', v.reason);
    else gtin14 = toGtin14(r.gtin as string);
  }

  for (const portion of ['testPortion', 'backupPortion'] as const) {
    const q = quantityProblem(r[portion]?.quantity);
    if (q) problem(`${portion}.quantity`, q);
  }
  const price = yuanProblem(r.pricePaid);
  if (price) problem('pricePaid', price);

  const seals = r.sealNumbers ?? [];
  seals.forEach((s, i) => {
    if (seals.indexOf(s) !== i) problem(`sealNumbers[${i}]`, `${s} is listed twice`);
  });

  const [a, b] = r.inspectors ?? [];
  if (r.inspectors?.length !== 2)
    problem('inspectors', 'must be the staff numbers of the two inspectors who signed');
  else if (a === b) problem('inspectors[1]', 'must differ from inspectors[0] (two inspectors)');

  const files = r.attachments ?? [];
  files.forEach((f, i) => {
    if (typeof f?.sha256 !== 'string' || !SHA256.test(f.sha256))
      problem(`attachments[${i}].sha256`, 'must be a SHA-256 digest: 64 lowercase hex digits');
    else if (files.findIndex((g) => g?.sha256 === f.sha256) !== i)
      problem(`attachments[${i}].sha256`, 'is listed twice');
  });

  if (problems.length) return { ok: false, problems };
  return { ok: true, record: { sampledAt: sampledAt!, samplingDate: samplingDate!, gtin14 } };
}

/** What a sampling record is checked against: its task, the task's plan and its draw. */
export interface SamplingTaskContext {
  /** The task's inspector pair (two staff numbers). */
  pair: readonly string[];
  /** The plan's sampling stages. */
  planStages: readonly string[];
  /** When the task was drawn: nobody knew which enterprise to visit before. */
  drawnAt: Date;
}

/** The checks of a record against its task; [] when it fits. */
export function samplingRecordTaskProblems(
  r: Pick<SamplingRecordInput, 'inspectors' | 'stage'>,
  sampledAt: Date,
  task: SamplingTaskContext,
): RecordProblem[] {
  const problems: RecordProblem[] = [];
  const [a, b] = task.pair;
  const given = new Set(r.inspectors);
  if (given.size !== 2 || !given.has(a) || !given.has(b))
    problems.push({
      field: 'inspectors',
      reason: `must be the task's inspectors ${a} and ${b} (in either order)`,
    });
  if (!task.planStages.includes(r.stage))
    problems.push({
      field: 'stage',
      reason: `the plan samples at ${task.planStages.join(', ')}, not ${r.stage}`,
    });
  if (sampledAt.getTime() < task.drawnAt.getTime())
    problems.push({
      field: 'sampledAt',
      reason: `must not be before the task was drawn (${task.drawnAt.toISOString()})`,
    });
  return problems;
}

/** Longer than any sample number (plan codes are at most 64 characters). */
export const MAX_SAMPLE_NO_LENGTH = 80;
const SAMPLE_NO_SHAPE = /^[^\p{Cc}]{1,80}$/u;

/**
 * Could name a sample: 1–80 characters without control characters (PostgreSQL text holds no
 * NUL). Anything else is answered as a sample that does not exist.
 */
export function isSampleNoShape(s: unknown): s is string {
  return typeof s === 'string' && SAMPLE_NO_SHAPE.test(s);
}

/** Sequence numbers are at least four digits wide; a plan with more just grows longer. */
export const SAMPLE_SEQ_WIDTH = 4;
export const MAX_SAMPLE_SEQ = 2_147_483_647;

/**
 * The sample number of the `seq`-th sample of a plan: `NM-2026-001` and 7 give
 * `NM-2026-001-0007`. Distinct (plan code, seq) pairs always give distinct numbers: the
 * sequence is digits only, so the last hyphen splits a number back into its two parts
 * ({@link parseSampleNo}), whatever hyphens the plan code holds.
 */
export function formatSampleNo(planCode: string, seq: number): string {
  if (typeof planCode !== 'string' || planCode.length === 0)
    throw new RangeError('plan code must be a non-empty string');
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > MAX_SAMPLE_SEQ)
    throw new RangeError(`sample sequence must be an integer from 1 to ${MAX_SAMPLE_SEQ}`);
  return `${planCode}-${String(seq).padStart(SAMPLE_SEQ_WIDTH, '0')}`;
}

/** The plan code and sequence of a sample number formatSampleNo could have made, else undefined. */
export function parseSampleNo(s: unknown): { planCode: string; seq: number } | undefined {
  if (typeof s !== 'string') return undefined;
  const i = s.lastIndexOf('-');
  if (i < 1) return undefined;
  const digits = s.slice(i + 1);
  if (!/^\d+$/.test(digits) || digits.length > 10) return undefined;
  const seq = Number(digits);
  if (seq < 1 || seq > MAX_SAMPLE_SEQ) return undefined;
  const planCode = s.slice(0, i);
  return formatSampleNo(planCode, seq) === s ? { planCode, seq } : undefined;
}
