/**
 * Event identity for deduplication at capture.
 *
 * An event that carries an `eventID` is that event. One without gets a content hash, so that
 * the same event sent twice — by a retry, or in two documents — is recognised:
 *
 *   ni:///sha-256;<64 hex digits>?ver=spotcheck-cjson-1
 *
 * This is NOT the GS1 CBV 2.0 "EPCIS event hash" (`?ver=CBV2.0`, CBV §8.9). That algorithm
 * rewrites every EPC URN as GS1 Digital Link, expands compact IRIs through the JSON-LD
 * context and orders fields by a fixed table; implementing it faithfully is a project of its
 * own. Ours is a plain canonical-JSON SHA-256, with its own version tag so that the two are
 * never confused (and so that switching to the CBV hash later changes the tag, not the
 * meaning of stored ids). The canonical form (docs/epcis.md §Identity):
 *
 * 1. Dropped: `eventID` (the hash names the content), `recordTime` (set by the receiving
 *    repository, not by the event) and `@context` (a serialisation aid).
 * 2. `eventTime` and `errorDeclaration.declarationTime` are rewritten as the UTC instant
 *    (`normaliseDateTime`): `09:30:00+08:00` and `01:30:00.000Z` are the same time.
 * 3. The event's unordered lists (epcList, childEPCs, input/output lists, quantity lists,
 *    bizTransactionList, sourceList, destinationList, sensorElementList, certificationInfo,
 *    persistentDisposition set/unset) are sorted by the canonical JSON of their items.
 * 4. Objects are written with their keys in code-unit order, no white space, strings and
 *    numbers as JSON.stringify writes them. Nothing else is normalised: `"shipping"` and a
 *    URI for the same business step are different content.
 *
 * SHA-256 is taken over the UTF-8 bytes of that text.
 */
import { hash } from 'node:crypto';
import { normaliseDateTime } from './format';

export const EPCIS_EVENT_HASH_VERSION = 'spotcheck-cjson-1';

const DROPPED = new Set(['eventID', 'recordTime', '@context']);
const UNORDERED_LISTS = new Set([
  'epcList',
  'childEPCs',
  'inputEPCList',
  'outputEPCList',
  'quantityList',
  'childQuantityList',
  'inputQuantityList',
  'outputQuantityList',
  'bizTransactionList',
  'sourceList',
  'destinationList',
  'sensorElementList',
  'certificationInfo',
]);

/** JSON with object keys in code-unit order and no white space. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let s = '[';
    for (let i = 0; i < value.length; i++) s += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${s}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length > 1) keys.sort();
  let s = '{';
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    s += `${s.length === 1 ? '' : ','}${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `${s}}`;
}

function sortedList(items: unknown[]): string {
  return `[${items.map(canonicalJson).sort().join(',')}]`;
}

function time(v: unknown): string {
  return canonicalJson(typeof v === 'string' ? (normaliseDateTime(v) ?? v) : v);
}

/** The canonical text of an event that its content hash is taken over. */
export function canonicalEpcisEvent(event: object): string {
  const ev = event as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(ev).sort()) {
    const v = ev[k];
    if (v === undefined || DROPPED.has(k)) continue;
    let text: string;
    if (k === 'eventTime') {
      text = time(v);
    } else if (UNORDERED_LISTS.has(k) && Array.isArray(v)) {
      text = sortedList(v);
    } else if (k === 'errorDeclaration' && isPlainObject(v)) {
      text = canonicalWithOverride(v, 'declarationTime', time(v.declarationTime));
    } else if (k === 'persistentDisposition' && isPlainObject(v)) {
      text = canonicalWithOverrides(v, (key, value) =>
        (key === 'set' || key === 'unset') && Array.isArray(value) ? sortedList(value) : null,
      );
    } else {
      text = canonicalJson(v);
    }
    parts.push(`${JSON.stringify(k)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function canonicalWithOverride(obj: Record<string, unknown>, key: string, text: string): string {
  return canonicalWithOverrides(obj, (k) => (k === key ? text : null));
}

function canonicalWithOverrides(
  obj: Record<string, unknown>,
  override: (key: string, value: unknown) => string | null,
): string {
  const parts: string[] = [];
  for (const k of Object.keys(obj).sort()) {
    const v = obj[k];
    if (v === undefined) continue;
    parts.push(`${JSON.stringify(k)}:${override(k, v) ?? canonicalJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/** The content hash of an event: `ni:///sha-256;<hex>?ver=spotcheck-cjson-1`. */
export function epcisEventHash(event: object): string {
  return `ni:///sha-256;${hash('sha256', canonicalEpcisEvent(event))}?ver=${EPCIS_EVENT_HASH_VERSION}`;
}

/** The identity of an event: its `eventID` when it has one, otherwise its content hash. */
export function epcisEventId(event: object): string {
  const id = (event as { eventID?: unknown }).eventID;
  return typeof id === 'string' ? id : epcisEventHash(event);
}
