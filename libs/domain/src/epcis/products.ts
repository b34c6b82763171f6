/**
 * Products in captured EPCIS events: which GTIN (and batch/lot, or serial) an EPC or EPC class
 * names, and whether a GTIN belongs to the enterprise capturing the event.
 *
 * Identifiers that carry a GTIN (GS1 Tag Data Standard 2.x; GS1 Digital Link 1.2):
 *
 *   urn:epc:id:sgtin:<company prefix>.<indicator + item ref>.<serial>   one item
 *   urn:epc:class:lgtin:<company prefix>.<indicator + item ref>.<lot>   a batch/lot (AI 10)
 *   urn:epc:idpat:sgtin:<company prefix>.<indicator + item ref>.*       all items of a GTIN
 *   http(s)://<host>[/<path>]/01/<GTIN>[/22/<cpv>][/10/<lot>][/21/<serial>]   Digital Link
 *
 * In the URNs the company prefix and the indicator + item reference have 13 digits together;
 * the GTIN-14 is the indicator digit, the company prefix, the rest of the item reference and
 * the mod-10 check digit. In a Digital Link the GTIN is written with 8, 12, 13 or 14 digits
 * and is read in its 14-digit form. On id.gs1.org the path must start with /01/; on another
 * host (a brand's own resolver) a path prefix is allowed and the URI is taken for a Digital
 * Link only when its path ends in that pattern, so `https://example.com/2024/01/15` is not one.
 * Lot and serial values are percent-decoded, so `…lgtin:4012345.012345.A%2F1` and
 * `…/10/A%2F1` name the same lot `A/1`.
 *
 * Anything else (SSCC, GLN, GIAI, sample URIs, one's own URNs) names no product and is
 * ignored here. An identifier of one of the four forms above that is malformed (wrong digit
 * count, wrong check digit, bad percent-encoding) is a problem: capture refuses it rather than
 * let an unreadable product through the own-products rule.
 */
import { gtinCheckDigit, validateGtin } from '../gtin';

/** What one identifier names: a GTIN-14 and, when it says so, a lot or a serial number. */
export interface EpcisProduct {
  gtin: string;
  lot?: string;
  serial?: string;
}

/** A product, no product (null: not a GTIN-bearing identifier), or why it cannot be read. */
export type EpcisProductParse = { ok: true; product: EpcisProduct } | { ok: false; reason: string };

const SGTIN = 'urn:epc:id:sgtin:';
const LGTIN = 'urn:epc:class:lgtin:';
const SGTIN_PATTERN = 'urn:epc:idpat:sgtin:';
const GS1_RESOLVER = /^https?:\/\/id\.gs1\.org(?::\d+)?\//i;
const HTTP = /^https?:\/\/[^/?#]*/i;
const DIGITS = /^\d+$/;
const GTIN_LENGTHS = new Set([8, 12, 13, 14]);
/** Digital Link key qualifiers of AI 01, in the order GS1 Digital Link requires. */
const QUALIFIERS = ['22', '10', '21'] as const;

function decode(
  value: string,
  what: string,
): { ok: true; value: string } | { ok: false; reason: string } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return { ok: false, reason: `its ${what} "${value}" has a malformed percent-encoding` };
  }
  if (decoded.length === 0) return { ok: false, reason: `its ${what} is empty` };
  if (decoded.includes('\u0000')) return { ok: false, reason: `its ${what} contains %00` };
  return { ok: true, value: decoded };
}

/** GTIN-14 of a TDS `<company prefix>.<indicator + item reference>` pair, or the reason. */
function gtinOfUrn(
  prefix: string,
  itemRef: string,
): { ok: true; gtin: string } | { ok: false; reason: string } {
  if (!DIGITS.test(prefix) || !DIGITS.test(itemRef))
    return { ok: false, reason: 'its company prefix and item reference must be digits' };
  if (prefix.length < 6 || prefix.length > 12)
    return {
      ok: false,
      reason: `its company prefix has ${prefix.length} digit${prefix.length === 1 ? '' : 's'}, GS1 company prefixes have 6 to 12`,
    };
  if (prefix.length + itemRef.length !== 13)
    return {
      ok: false,
      reason: `its company prefix and indicator + item reference have ${prefix.length + itemRef.length} digits together, they must have 13`,
    };
  const data = itemRef[0] + prefix + itemRef.slice(1);
  return { ok: true, gtin: data + gtinCheckDigit(data) };
}

/** `<company prefix>.<item ref>.<rest>` of an EPC URN body. */
function urnParts(body: string): [string, string, string] | null {
  const a = body.indexOf('.');
  const b = a < 0 ? -1 : body.indexOf('.', a + 1);
  if (b < 0) return null;
  return [body.slice(0, a), body.slice(a + 1, b), body.slice(b + 1)];
}

function fromUrn(
  uri: string,
  scheme: string,
  third: 'serial' | 'lot' | 'pattern',
): EpcisProductParse {
  const what = third === 'lot' ? 'LGTIN' : third === 'serial' ? 'SGTIN' : 'SGTIN pattern';
  const parts = urnParts(uri.slice(scheme.length));
  const shape =
    third === 'pattern'
      ? `${scheme}<company prefix>.<indicator + item reference>.*`
      : `${scheme}<company prefix>.<indicator + item reference>.<${third}>`;
  if (!parts)
    return { ok: false, reason: `is not a valid ${what} URN: it must look like ${shape}` };
  const [prefix, itemRef, rest] = parts;
  if (third === 'pattern' && itemRef === '*')
    return {
      ok: false,
      reason:
        'names every item of a company prefix, not a product: name the GTIN (company prefix and item reference)',
    };
  const gtin = gtinOfUrn(prefix, itemRef);
  if (!gtin.ok) return { ok: false, reason: `is not a valid ${what} URN: ${gtin.reason}` };
  if (third === 'pattern') {
    if (rest !== '*')
      return { ok: false, reason: `is not a valid ${what} URN: it must look like ${shape}` };
    return { ok: true, product: { gtin: gtin.gtin } };
  }
  const value = decode(rest, third);
  if (!value.ok) return { ok: false, reason: `is not a valid ${what} URN: ${value.reason}` };
  return { ok: true, product: { gtin: gtin.gtin, [third]: value.value } };
}

function fromDigitalLink(uri: string): EpcisProductParse | null {
  const host = HTTP.exec(uri);
  if (!host) return null;
  let path = uri.slice(host[0].length);
  const end = path.search(/[?#]/);
  if (end >= 0) path = path.slice(0, end);
  const segments = path.split('/');
  // segments[0] is '' (the path starts with '/'); a trailing '/' leaves a last ''.
  if (segments.length > 1 && segments[segments.length - 1] === '') segments.pop();
  const onResolver = GS1_RESOLVER.test(uri);
  for (let i = 1; i < segments.length - 1; i++) {
    if (segments[i] !== '01') continue;
    if (onResolver && i !== 1) break;
    const tail = segments.slice(i + 2);
    const qualifiers = qualifiersOf(tail);
    const gtinText = segments[i + 1];
    if (!qualifiers || !DIGITS.test(gtinText) || !GTIN_LENGTHS.has(gtinText.length)) {
      if (onResolver)
        return {
          ok: false,
          reason:
            'is not a valid GS1 Digital Link: it must look like https://id.gs1.org/01/<GTIN of 8, 12, 13 or 14 digits>[/10/<lot>][/21/<serial>]',
        };
      continue;
    }
    const check = validateGtin(gtinText);
    if (!check.ok)
      return {
        ok: false,
        reason: `is a GS1 Digital Link with an invalid GTIN ${gtinText}: ${check.reason}`,
      };
    const product: EpcisProduct = { gtin: gtinText.padStart(14, '0') };
    for (const [ai, raw] of qualifiers) {
      if (ai === '22') continue;
      const value = decode(raw, ai === '10' ? 'lot' : 'serial');
      if (!value.ok)
        return { ok: false, reason: `is not a valid GS1 Digital Link: ${value.reason}` };
      if (ai === '10') product.lot = value.value;
      else product.serial = value.value;
    }
    return { ok: true, product };
  }
  if (onResolver && segments[1] === '01')
    return {
      ok: false,
      reason:
        'is not a valid GS1 Digital Link: it must look like https://id.gs1.org/01/<GTIN of 8, 12, 13 or 14 digits>[/10/<lot>][/21/<serial>]',
    };
  return null;
}

/** The (AI, value) pairs after the GTIN when they follow Digital Link's order, else null. */
function qualifiersOf(tail: string[]): [string, string][] | null {
  if (tail.length % 2 !== 0 || tail.length > 2 * QUALIFIERS.length) return null;
  const out: [string, string][] = [];
  let next = 0;
  for (let j = 0; j < tail.length; j += 2) {
    const ai = tail[j];
    const k = QUALIFIERS.indexOf(ai as (typeof QUALIFIERS)[number], next);
    if (k < 0 || tail[j + 1] === '') return null;
    next = k + 1;
    out.push([ai, tail[j + 1]]);
  }
  return out;
}

/**
 * The product an EPC or EPC class names: `null` when it is not one of the GTIN-bearing forms
 * (the file comment lists them), `{ ok: false, reason }` when it is one but cannot be read.
 */
export function epcisProductOf(uri: string): EpcisProductParse | null {
  if (uri.startsWith(SGTIN)) return fromUrn(uri, SGTIN, 'serial');
  if (uri.startsWith(LGTIN)) return fromUrn(uri, LGTIN, 'lot');
  if (uri.startsWith(SGTIN_PATTERN)) return fromUrn(uri, SGTIN_PATTERN, 'pattern');
  if (uri.charCodeAt(0) === 104 /* h */ || uri.charCodeAt(0) === 72 /* H */)
    return fromDigitalLink(uri);
  return null;
}

/** The key a batch is stored and queried under: the GTIN-14, '/', the lot as decoded. */
export function epcisLotKey(gtin14: string, lot: string): string {
  return `${gtin14}/${lot}`;
}

// ---------------------------------------------------------------------------------------------
// The own-products rule

/**
 * What an enterprise holds: a GS1 company prefix (every GTIN whose digits after the indicator
 * digit start with it) or one GTIN (exactly that GTIN-14).
 */
export interface GtinHolding {
  kind: 'company_prefix' | 'gtin';
  /** The company prefix as digits, or the GTIN-14. */
  value: string;
}

/** Whether a holding covers a GTIN-14. */
export function holdingCovers(h: GtinHolding, gtin14: string): boolean {
  return h.kind === 'gtin' ? h.value === gtin14 : gtin14.startsWith(h.value, 1);
}

/**
 * Whether two holdings claim a common GTIN (then they cannot belong to two enterprises): two
 * prefixes where one starts the other, a GTIN under a prefix, or the same GTIN.
 */
export function holdingsOverlap(a: GtinHolding, b: GtinHolding): boolean {
  if (a.kind === 'gtin') return holdingCovers(b, a.value);
  if (b.kind === 'gtin') return holdingCovers(a, b.value);
  return a.value.startsWith(b.value) || b.value.startsWith(a.value);
}

/** A company prefix as registered: 6 to 12 digits (GS1 General Specifications §1.4.2). */
export function validateCompanyPrefix(v: string): { ok: true } | { ok: false; reason: string } {
  if (!DIGITS.test(v)) return { ok: false, reason: 'a GS1 company prefix is digits only' };
  if (v.length < 6 || v.length > 12)
    return { ok: false, reason: `a GS1 company prefix has 6 to 12 digits, got ${v.length}` };
  return { ok: true };
}

/** Where in an event its products are named, and by which field. */
const EPC_FIELDS = ['parentID', 'epcList', 'childEPCs', 'inputEPCList', 'outputEPCList'] as const;
const QUANTITY_FIELDS = [
  'quantityList',
  'childQuantityList',
  'inputQuantityList',
  'outputQuantityList',
] as const;

/** Each EPC and EPC class of an event with its path relative to the event (e.g. `.epcList[2]`). */
export function* epcisIdentifiersOf(event: object): Generator<[string, string]> {
  const ev = event as Record<string, unknown>;
  for (const f of EPC_FIELDS) {
    const v = ev[f];
    if (typeof v === 'string') yield [`.${f}`, v];
    else if (Array.isArray(v))
      for (let i = 0; i < v.length; i++)
        if (typeof v[i] === 'string') yield [`.${f}[${i}]`, v[i] as string];
  }
  for (const f of QUANTITY_FIELDS) {
    const v = ev[f];
    if (!Array.isArray(v)) continue;
    for (let i = 0; i < v.length; i++) {
      const c = (v[i] as { epcClass?: unknown } | null)?.epcClass;
      if (typeof c === 'string') yield [`.${f}[${i}].epcClass`, c];
    }
  }
}

/** The product keys of one event, for storage and the trace. */
export interface EpcisEventProducts {
  /** Distinct GTIN-14s the event names. */
  gtins: string[];
  /** Distinct batch keys (epcisLotKey) the event names. */
  lots: string[];
}

export interface EpcisProductProblem {
  path: string;
  reason: string;
  /** `invalid`: the identifier or event cannot be read; `not_own`: a GTIN of someone else. */
  kind: 'invalid' | 'not_own';
}

/**
 * The own-products rule of capture, applied to each event of a valid document (`path` is the
 * event's path, e.g. `epcisBody.eventList[3]`):
 *
 * 1. every EPC and EPC class of a GTIN-bearing form must be readable (`invalid` otherwise);
 * 2. the event must name at least one product: an event without a GTIN cannot be placed in a
 *    product trace (`invalid`);
 * 3. every GTIN it names must be covered by one of the enterprise's holdings (`not_own`).
 *
 * `ownership` memoises the verdict per GTIN across the events of a document.
 */
export function epcisEventProducts(
  event: object,
  path: string,
  holdings: readonly GtinHolding[],
  problems: EpcisProductProblem[],
  ownership: Map<string, boolean> = new Map(),
): EpcisEventProducts {
  const gtins = new Set<string>();
  const lots = new Set<string>();
  let named = false;
  let unreadable = false;
  for (const [sub, uri] of epcisIdentifiersOf(event)) {
    const parsed = epcisProductOf(uri);
    if (parsed === null) continue;
    if (!parsed.ok) {
      problems.push({ path: path + sub, reason: `${uri} ${parsed.reason}`, kind: 'invalid' });
      unreadable = true;
      continue;
    }
    named = true;
    const { gtin, lot } = parsed.product;
    let own = ownership.get(gtin);
    if (own === undefined) {
      own = holdings.some((h) => holdingCovers(h, gtin));
      ownership.set(gtin, own);
    }
    if (!own)
      problems.push({
        path: path + sub,
        reason: `${uri} is GTIN ${gtin}, which is not under a GS1 company prefix or GTIN registered to the capturing enterprise`,
        kind: 'not_own',
      });
    gtins.add(gtin);
    if (lot !== undefined) lots.add(epcisLotKey(gtin, lot));
  }
  if (!named && !unreadable)
    problems.push({
      path,
      reason:
        'names no product: none of its EPCs or EPC classes carries a GTIN (SGTIN, LGTIN or a GS1 Digital Link with /01/); capture takes events about the enterprise’s own products',
      kind: 'invalid',
    });
  return { gtins: [...gtins], lots: [...lots] };
}

/**
 * The EPCs and quantity elements of an event that name a given GTIN-14 (and lot, when given):
 * what of the product the event moved.
 */
export function epcisProductMentions(
  event: object,
  gtin14: string,
  lot?: string,
): { epcs: string[]; quantities: { epcClass: string; quantity?: number; uom?: string }[] } {
  const ev = event as Record<string, unknown>;
  const matches = (uri: string) => {
    const p = epcisProductOf(uri);
    return !!p?.ok && p.product.gtin === gtin14 && (lot === undefined || p.product.lot === lot);
  };
  const epcs: string[] = [];
  for (const f of EPC_FIELDS) {
    const v = ev[f];
    const list = typeof v === 'string' ? [v] : Array.isArray(v) ? v : [];
    for (const e of list) if (typeof e === 'string' && matches(e)) epcs.push(e);
  }
  const quantities: { epcClass: string; quantity?: number; uom?: string }[] = [];
  for (const f of QUANTITY_FIELDS) {
    const v = ev[f];
    if (!Array.isArray(v)) continue;
    for (const q of v as { epcClass: string; quantity?: number; uom?: string }[])
      if (matches(q.epcClass)) quantities.push(q);
  }
  return { epcs, quantities };
}
