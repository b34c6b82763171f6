/**
 * The EPCIS 2.0 export of one sample (docs/rules.md §3.3): one ObjectEvent per custody step and one
 * for the issued test report, as an EPCISDocument in JSON-LD. docs/epcis.md has the mapping
 * table and the reasons for each choice; the tests check every export against GS1's schema.
 *
 * Identifiers:
 * - the sample: `<base>/samples/<sampleNo>` — a URI of ours, because a GS1 SGTIN or GS1
 *   Digital Link serial would claim a serial number in the brand owner's GTIN space;
 * - the product: when the sampling record has a GTIN, every event also carries its class in
 *   `quantityList`: GS1 Digital Link `https://id.gs1.org/01/<GTIN-14>[/10/<batch>]`, so the
 *   trace by GTIN and batch finds the sample's events;
 * - places: GS1 Digital Link `https://id.gs1.org/414/<GLN>` when the GLN is known (an SGLN
 *   URN would need the company prefix length, which we do not have), else
 *   `<base>/places/<id>`, else `<base>/regions/<GB/T 2260 code>`;
 * - events: `<base>/samples/<sampleNo>/events/<step id>`, stable across exports;
 * - the report: `<base>/reports/<reportNo>` unless the caller gives its URI.
 *
 * Times are written in China Standard Time with `eventTimeZoneOffset` `+08:00`.
 */
import { isDateTime, isUri, parseDateTime } from './format';
import type { EpcisDocument, EpcisObjectEvent, EpcisQuantityElement } from './types';
import type { CbvBizStep, CbvDisposition } from './vocabulary';

export const EPCIS_CUSTODY_KINDS = [
  'sampled',
  'sealed',
  'shipped',
  'received',
  'rejected_at_receipt',
  'testing',
  'tested',
  'backup_retained',
  'retest_dispatched',
  'disposed',
  'returned',
] as const;
/** A custody step of a sample, plus `tested`: the issued report's conclusion. */
export type EpcisCustodyKind = (typeof EPCIS_CUSTODY_KINDS)[number];

export interface EpcisStepMapping {
  action: 'ADD' | 'OBSERVE';
  bizStep: CbvBizStep;
  /** null: no CBV disposition fits, the event leaves the previous one in place. */
  disposition: CbvDisposition | null;
  /** The sample is on its way after this step: no bizLocation. */
  leavesPlace: boolean;
}

/**
 * CBV 2.0 business step and disposition of each step. Two depend on the step's details:
 * `rejected_at_receipt` is `container_open` when the seal was broken, `damaged` otherwise;
 * `tested` is `conformant` for a pass and `non_conformant` for a fail.
 */
export const EPCIS_STEP_MAPPING: Readonly<Record<EpcisCustodyKind, EpcisStepMapping>> =
  Object.freeze({
    sampled: { action: 'ADD', bizStep: 'sampling', disposition: 'in_progress', leavesPlace: false },
    sealed: {
      action: 'OBSERVE',
      bizStep: 'packing',
      disposition: 'container_closed',
      leavesPlace: false,
    },
    shipped: {
      action: 'OBSERVE',
      bizStep: 'shipping',
      disposition: 'in_transit',
      leavesPlace: true,
    },
    received: {
      action: 'OBSERVE',
      bizStep: 'receiving',
      disposition: 'in_progress',
      leavesPlace: false,
    },
    rejected_at_receipt: {
      action: 'OBSERVE',
      bizStep: 'receiving',
      disposition: 'damaged',
      leavesPlace: false,
    },
    testing: {
      action: 'OBSERVE',
      bizStep: 'inspecting',
      disposition: 'in_progress',
      leavesPlace: false,
    },
    tested: {
      action: 'OBSERVE',
      bizStep: 'inspecting',
      disposition: 'conformant',
      leavesPlace: false,
    },
    backup_retained: {
      action: 'OBSERVE',
      bizStep: 'holding',
      disposition: null,
      leavesPlace: false,
    },
    retest_dispatched: {
      action: 'OBSERVE',
      bizStep: 'shipping',
      disposition: 'in_transit',
      leavesPlace: true,
    },
    disposed: {
      action: 'OBSERVE',
      bizStep: 'destroying',
      disposition: 'destroyed',
      leavesPlace: true,
    },
    returned: {
      action: 'OBSERVE',
      bizStep: 'shipping',
      disposition: 'returned',
      leavesPlace: true,
    },
  });

/** Where a step happened; at least one of the three. */
export interface EpcisPlace {
  /** 13-digit GS1 Global Location Number, check digit verified. */
  gln?: string;
  /** The project's id of the place (an enterprise site, a lab). */
  id?: string;
  /** GB/T 2260 region code, 6 digits, when nothing finer is known. */
  regionCode?: string;
}

export interface EpcisCustodyStep {
  /** Stable id of the custody event (or of the report, for `tested`); names the EPCIS event. */
  id: string;
  kind: EpcisCustodyKind;
  /** When it happened: a Date, or an RFC 3339 date-time with an offset. */
  at: Date | string;
  place: EpcisPlace;
  /** Shipping steps: where the sample goes (destinationList). */
  to?: EpcisPlace;
  /** Receiving steps: where the sample came from (sourceList). */
  from?: EpcisPlace;
  /** rejected_at_receipt: why. Default `damaged`. */
  rejection?: 'seal_broken' | 'damaged';
  /**
   * tested: the issued report (one step per issued version). `version` > 1 is an amendment,
   * named `<report URI>/versions/<n>`; `failedItems` (item codes) and `retest` (the retest
   * lab's report after an objection) go into extension fields.
   */
  report?: {
    reportNo: string;
    verdict: 'pass' | 'fail' | 'not_applicable';
    uri?: string;
    version?: number;
    failedItems?: readonly string[];
    retest?: boolean;
  };
}

export interface EpcisExportInput {
  sampleNo: string;
  /** GTIN-8, -12, -13 or -14 from the sampling record, check digit verified. */
  gtin?: string;
  /** Batch or lot as written on the product. */
  batch?: string;
  steps: readonly EpcisCustodyStep[];
  /** When the document is made (the caller's clock; this function reads none). */
  creationDate: Date | string;
  /** The public base URI of Spotcheck's identifiers. Default EPCIS_DEFAULT_BASE_URI. */
  baseUri?: string;
}

export const EPCIS_DEFAULT_BASE_URI = 'https://id.spotcheck.example';
export const EPCIS_CONTEXT_URI = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
/** Extension fields of Spotcheck exports, under the prefix `spotcheck:`. */
export const EPCIS_SPOTCHECK_NAMESPACE_PATH = '/epcis/ns/';
export const CHINA_TIME_ZONE_OFFSET = '+08:00';

/** Thrown for input that cannot be exported; the message names the field. */
export class EpcisExportError extends Error {
  override readonly name = 'EpcisExportError';
}

/** The EPCIS 2.0 document of a sample's custody chain and report, one ObjectEvent per step in input order. */
export function buildEpcisDocument(input: EpcisExportInput): EpcisDocument {
  const base = baseUriOf(input.baseUri);
  if (typeof input.sampleNo !== 'string' || input.sampleNo.trim() === '') {
    throw new EpcisExportError('sampleNo must be a non-empty string');
  }
  const sampleUri = `${base}/samples/${segment(input.sampleNo)}`;
  const productClass = productClassOf(input.gtin, input.batch);
  const events = input.steps.map((step, i) =>
    eventOf(step, `steps[${i}]`, { base, sampleUri, productClass, batch: input.batch }),
  );
  return {
    '@context': [EPCIS_CONTEXT_URI, { spotcheck: `${base}${EPCIS_SPOTCHECK_NAMESPACE_PATH}` }],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: chinaTime(input.creationDate, 'creationDate'),
    epcisBody: { eventList: events },
  };
}

interface Shared {
  base: string;
  sampleUri: string;
  productClass: string | null;
  batch: string | undefined;
}

function eventOf(step: EpcisCustodyStep, at: string, s: Shared): EpcisObjectEvent {
  if (!(EPCIS_CUSTODY_KINDS as readonly string[]).includes(step.kind)) {
    throw new EpcisExportError(`${at}.kind: unknown custody step ${JSON.stringify(step.kind)}`);
  }
  if (typeof step.id !== 'string' || step.id === '') {
    throw new EpcisExportError(`${at}.id must be a non-empty string`);
  }
  const m = EPCIS_STEP_MAPPING[step.kind];
  const place = placeUri(step.place, s.base, `${at}.place`);
  const event: EpcisObjectEvent = {
    type: 'ObjectEvent',
    eventTime: chinaTime(step.at, `${at}.at`),
    eventTimeZoneOffset: CHINA_TIME_ZONE_OFFSET,
    eventID: `${s.sampleUri}/events/${segment(step.id)}`,
    action: m.action,
    epcList: [s.sampleUri],
    bizStep: m.bizStep,
    readPoint: { id: place },
  };
  const quantity: EpcisQuantityElement[] | undefined = s.productClass
    ? [{ epcClass: s.productClass }]
    : undefined;
  if (quantity) event.quantityList = quantity;
  const disposition = dispositionOf(step, m, at);
  if (disposition !== null) event.disposition = disposition;
  if (!m.leavesPlace) event.bizLocation = { id: place };
  if (step.kind === 'tested') {
    const report = step.report!;
    const version = report.version ?? 1;
    if (!Number.isInteger(version) || version < 1)
      throw new EpcisExportError(`${at}.report.version must be a whole number from 1`);
    const chain = report.uri ?? `${s.base}/reports/${segment(report.reportNo)}`;
    const reportUri = version > 1 ? `${chain}/versions/${version}` : chain;
    if (!isUri(reportUri)) throw new EpcisExportError(`${at}.report.uri must be a URI`);
    event.bizTransactionList = [{ type: 'testres', bizTransaction: reportUri }];
    event['spotcheck:verdict'] = report.verdict;
    if (report.failedItems && report.failedItems.length > 0)
      event['spotcheck:failedItems'] = [...report.failedItems];
    if (report.retest) event['spotcheck:retest'] = true;
  }
  if (step.from) {
    event.sourceList = [{ type: 'location', source: placeUri(step.from, s.base, `${at}.from`) }];
  }
  if (step.to) {
    event.destinationList = [
      { type: 'location', destination: placeUri(step.to, s.base, `${at}.to`) },
    ];
  }
  if (m.action === 'ADD' && s.batch !== undefined && s.batch !== '') {
    event.ilmd = { 'spotcheck:batch': s.batch };
  }
  event['spotcheck:custodyKind'] = step.kind;
  return event;
}

function dispositionOf(step: EpcisCustodyStep, m: EpcisStepMapping, at: string) {
  if (step.kind === 'rejected_at_receipt') {
    return step.rejection === 'seal_broken' ? 'container_open' : 'damaged';
  }
  if (step.kind === 'tested') {
    const r = step.report;
    if (!r || typeof r.reportNo !== 'string' || r.reportNo === '') {
      throw new EpcisExportError(`${at}.report.reportNo is required for a tested step`);
    }
    if (r.verdict !== 'pass' && r.verdict !== 'fail' && r.verdict !== 'not_applicable') {
      throw new EpcisExportError(`${at}.report.verdict must be pass, fail or not_applicable`);
    }
    // A report whose items are all not applicable judges nothing: no disposition fits.
    if (r.verdict === 'not_applicable') return null;
    return r.verdict === 'pass' ? 'conformant' : 'non_conformant';
  }
  return m.disposition;
}

function baseUriOf(given: string | undefined): string {
  const base = (given ?? EPCIS_DEFAULT_BASE_URI).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/?#]+(\/[^?#]*)?$/.test(base) || !isUri(base)) {
    throw new EpcisExportError(
      `baseUri must be an http(s) URI without query or fragment, got ${given}`,
    );
  }
  return base;
}

/** A path segment: everything but unreserved characters percent-encoded. */
function segment(s: string): string {
  return encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function placeUri(place: EpcisPlace | undefined, base: string, at: string): string {
  if (!place) throw new EpcisExportError(`${at} is required`);
  if (place.gln !== undefined) {
    if (!isGs1Key(place.gln, 13)) {
      throw new EpcisExportError(`${at}.gln must be 13 digits with a valid check digit`);
    }
    return `https://id.gs1.org/414/${place.gln}`;
  }
  if (place.id !== undefined && place.id !== '') return `${base}/places/${segment(place.id)}`;
  if (place.regionCode !== undefined) {
    if (!/^\d{6}$/.test(place.regionCode)) {
      throw new EpcisExportError(`${at}.regionCode must be a 6-digit GB/T 2260 code`);
    }
    return `${base}/regions/${place.regionCode}`;
  }
  throw new EpcisExportError(`${at} needs a gln, an id or a regionCode`);
}

/** GS1 mod-10 check digit over a numeric key of `length` digits. */
function isGs1Key(s: string, length: number): boolean {
  if (typeof s !== 'string' || s.length !== length || !/^\d+$/.test(s)) return false;
  let sum = 0;
  for (let i = length - 2, w = 3; i >= 0; i--, w = 4 - w) sum += Number(s[i]) * w;
  return (10 - (sum % 10)) % 10 === Number(s[length - 1]);
}

/** GS1 AI (10) batch/lot: up to 20 characters of GS1 character set 82. */
const AI10 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/;

function productClassOf(gtin: string | undefined, batch: string | undefined): string | null {
  if (gtin === undefined || gtin === '') return null;
  const g14 = [8, 12, 13, 14].includes(gtin.length) ? gtin.padStart(14, '0') : '';
  if (!isGs1Key(g14, 14)) {
    throw new EpcisExportError('gtin must be a GTIN-8, -12, -13 or -14 with a valid check digit');
  }
  const dl = `https://id.gs1.org/01/${g14}`;
  return batch !== undefined && AI10.test(batch) ? `${dl}/10/${segment(batch)}` : dl;
}

/** A time as `YYYY-MM-DDTHH:MM:SS.sss+08:00`. */
function chinaTime(at: Date | string, field: string): string {
  let ms: number;
  if (at instanceof Date) ms = at.getTime();
  else if (typeof at === 'string' && isDateTime(at)) ms = parseDateTime(at)!.epochMs;
  else ms = NaN;
  if (!Number.isFinite(ms)) {
    throw new EpcisExportError(`${field} must be a Date or an RFC 3339 date-time with an offset`);
  }
  const local = new Date(ms + 8 * 3_600_000).toISOString();
  if (local.length !== 24) throw new EpcisExportError(`${field} is outside the years 0000–9999`);
  return `${local.slice(0, 23)}${CHINA_TIME_ZONE_OFFSET}`;
}
