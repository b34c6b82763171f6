import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal, scopePrefix } from '@spotcheck/auth';
import { AppException, Page, invalid, notFound } from '@spotcheck/common';
import {
  decodeCursor,
  isCursorInstant,
  encodeCursor,
  epcisLotKey,
  epcisProductMentions,
  normaliseDateTime,
  toGtin14,
  validateGtin,
} from '@spotcheck/domain';
import type {
  EpcisBizTransaction,
  EpcisDestination,
  EpcisEvent,
  EpcisEventType,
  EpcisSource,
} from '@spotcheck/domain';
import { EpcisEventQuery } from './epcis.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A stored event as the API shows it. */
export interface EpcisEventView {
  id: string;
  /** The identity it is stored under: its eventID, or its content hash. */
  eventId: string;
  eventHash: string;
  /** The capturing enterprise (USCC). */
  owner: string;
  captureId: string;
  type: EpcisEventType;
  eventTime: Date;
  eventTimeZoneOffset: string;
  action: 'ADD' | 'OBSERVE' | 'DELETE' | null;
  bizStep: string | null;
  disposition: string | null;
  readPoint: string | null;
  bizLocation: string | null;
  epcs: string[];
  epcClasses: string[];
  /** GTIN-14s the event names. */
  gtins: string[];
  /** Batches/lots the event names. */
  lots: { gtin: string; lot: string }[];
  bizTransactions: EpcisBizTransaction[];
  sources: EpcisSource[];
  destinations: EpcisDestination[];
  capturedAt: Date;
  /** The event as it was captured. */
  event: EpcisEvent;
}

/** Business steps by which a product changes hands or place (CBV 2.0 §7.1). */
export const SHIPPING_BIZ_STEPS = ['shipping', 'departing'] as const;
export const RECEIVING_BIZ_STEPS = ['receiving', 'arriving', 'accepting'] as const;

/** One step of a product's distribution: an event that moved it, with where from and to. */
export interface DistributionStep {
  id: string;
  eventId: string;
  owner: string;
  type: EpcisEventType;
  eventTime: Date;
  eventTimeZoneOffset: string;
  action: 'ADD' | 'OBSERVE' | 'DELETE' | null;
  bizStep: string | null;
  /** `shipped` (shipping, departing), `received` (receiving, arriving, accepting), else null. */
  movement: 'shipped' | 'received' | null;
  disposition: string | null;
  readPoint: string | null;
  bizLocation: string | null;
  /** Where from: owning/possessing party and location, as the event gives them. */
  sources: EpcisSource[];
  /** Where to. */
  destinations: EpcisDestination[];
  bizTransactions: EpcisBizTransaction[];
  /** The EPCs of the product (and batch) the event names. */
  epcs: string[];
  /** Its quantity elements for the product (and batch). */
  quantities: { epcClass: string; quantity?: number; uom?: string }[];
}

export interface ProductDistribution extends Page<DistributionStep> {
  /** GTIN-14. */
  gtin: string;
  batch: string | null;
}

export interface DistributionQuery {
  /** GTIN-8, -12, -13 or -14. */
  gtin: string;
  batch?: string;
  cursor?: string;
  /** Default 500, at most 5000. */
  limit?: number;
}

interface Row extends Omit<EpcisEventView, 'lots'> {
  lots: string[];
  cursorTime: string;
}

const COLUMNS = `
  ev.id, ev.event_id AS "eventId", ev.event_hash AS "eventHash", ev.owner_uscc AS owner,
  ev.capture_id AS "captureId", ev.type, ev.event_time AS "eventTime",
  ev.event_time_zone_offset AS "eventTimeZoneOffset", ev.action, ev.biz_step AS "bizStep",
  ev.disposition, ev.read_point AS "readPoint", ev.biz_location AS "bizLocation", ev.epcs,
  ev.epc_classes AS "epcClasses", ev.gtins, ev.lots, ev.biz_transactions AS "bizTransactions",
  ev.sources, ev.destinations, ev.captured_at AS "capturedAt", ev.event,
  to_char(ev.event_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorTime"`;

/** Builds a parameterised WHERE clause. */
class Where {
  readonly params: unknown[] = [];
  readonly parts: string[] = [];
  arg(v: unknown): string {
    this.params.push(v);
    return `$${this.params.length}`;
  }
  add(sql: string): void {
    this.parts.push(sql);
  }
  get sql(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

/**
 * Reading captured EPCIS events. Who sees what:
 * - an enterprise: the events it captured;
 * - a regulator: events captured by enterprises of its jurisdiction (the enterprise directory's
 *   region code under its GB/T 2260 subtree);
 * - an admin: all; a lab: none (403).
 * An event outside that answers 404, exactly like one that does not exist.
 *
 * `distribution()` is for other modules (the product trace): the events that shipped or
 * received a product or batch, in time order, as the caller may see them.
 */
@Injectable()
export class EpcisQueryService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async list(p: Principal, q: EpcisEventQuery): Promise<Page<EpcisEventView>> {
    const w = new Where();
    this.visible(p, w);
    if (q.batch !== undefined && q.gtin === undefined)
      throw invalid([{ field: 'batch', reason: 'needs gtin: a batch is a batch of one GTIN' }]);
    if (q.gtin !== undefined) {
      const gtin = toGtin14(q.gtin);
      if (q.batch !== undefined) w.add(`ev.lots @> ARRAY[${w.arg(epcisLotKey(gtin, q.batch))}]`);
      else w.add(`ev.gtins @> ARRAY[${w.arg(gtin)}]`);
    }
    if (q.epc !== undefined) w.add(`ev.epcs @> ARRAY[${w.arg(q.epc)}]`);
    if (q.epcClass !== undefined) w.add(`ev.epc_classes @> ARRAY[${w.arg(q.epcClass)}]`);
    if (q.bizStep !== undefined) w.add(`ev.biz_step = ${w.arg(q.bizStep)}`);
    if (q.type !== undefined) w.add(`ev.type = ${w.arg(q.type)}`);
    if (q.from !== undefined)
      w.add(`ev.event_time >= ${w.arg(normaliseDateTime(q.from))}::timestamptz`);
    if (q.to !== undefined) w.add(`ev.event_time < ${w.arg(normaliseDateTime(q.to))}::timestamptz`);
    if (q.owner !== undefined) w.add(`ev.owner_uscc = ${w.arg(q.owner)}`);
    if (q.eventId !== undefined) w.add(`ev.event_id = ${w.arg(q.eventId)}`);
    if (q.captureId !== undefined) w.add(`ev.capture_id = ${w.arg(q.captureId)}::uuid`);
    const page = await this.page(w, q.cursor, q.limit);
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }

  async get(p: Principal, id: string): Promise<EpcisEventView> {
    if (!UUID.test(id)) throw notFound('EPCIS event', id);
    const w = new Where();
    this.visible(p, w);
    w.add(`ev.id = ${w.arg(id)}::uuid`);
    const [row] = (await this.ds.query(
      `SELECT ${COLUMNS} FROM epcis_event ev ${w.sql}`,
      w.params,
    )) as Row[];
    if (!row) throw notFound('EPCIS event', id);
    return view(row);
  }

  /**
   * The distribution of a product (GTIN, optionally one batch): every visible event that
   * names it and moved it — business step shipping, departing, receiving, arriving or
   * accepting, or any event with a sourceList or destinationList — in event-time order, with
   * where from, where to, and what of the product it moved. Paged like the event list
   * (`cursor` from `nextCursor`). Throws 400 for a bad GTIN and 403 for a lab.
   */
  async distribution(p: Principal, q: DistributionQuery): Promise<ProductDistribution> {
    const check = validateGtin(q.gtin);
    if (!check.ok) throw invalid([{ field: 'gtin', reason: check.reason }]);
    const gtin = toGtin14(q.gtin);
    if (
      q.batch !== undefined &&
      (q.batch.length === 0 || q.batch.length > 255 || q.batch.includes('\u0000'))
    )
      throw invalid([{ field: 'batch', reason: 'must be 1–255 characters without NUL' }]);
    const limit = Math.min(Math.max(Math.trunc(q.limit ?? 500), 1), 5000);
    const w = new Where();
    this.visible(p, w);
    if (q.batch !== undefined) w.add(`ev.lots @> ARRAY[${w.arg(epcisLotKey(gtin, q.batch))}]`);
    else w.add(`ev.gtins @> ARRAY[${w.arg(gtin)}]`);
    const steps = [...SHIPPING_BIZ_STEPS, ...RECEIVING_BIZ_STEPS];
    w.add(
      `(ev.biz_step = ANY(${w.arg(steps)}::text[]) OR ev.sources <> '[]'::jsonb OR ev.destinations <> '[]'::jsonb)`,
    );
    const page = await this.page(w, q.cursor, limit);
    const items = page.items.map((r): DistributionStep => {
      const mentions = epcisProductMentions(r.event, gtin, q.batch);
      return {
        id: r.id,
        eventId: r.eventId,
        owner: r.owner,
        type: r.type,
        eventTime: r.eventTime,
        eventTimeZoneOffset: r.eventTimeZoneOffset,
        action: r.action,
        bizStep: r.bizStep,
        movement: movementOf(r.bizStep),
        disposition: r.disposition,
        readPoint: r.readPoint,
        bizLocation: r.bizLocation,
        sources: r.sources,
        destinations: r.destinations,
        bizTransactions: r.bizTransactions,
        epcs: mentions.epcs,
        quantities: mentions.quantities,
      };
    });
    return { gtin, batch: q.batch ?? null, items, nextCursor: page.nextCursor };
  }

  /** Rows in (event time, id) order after the cursor, one more than asked to know if more follow. */
  private async page(w: Where, cursor: string | undefined, limit: number): Promise<Page<Row>> {
    if (cursor !== undefined) {
      const after = decodeCursor(cursor);
      const [time, id] = after ?? [];
      if (
        after?.length !== 2 ||
        !isCursorInstant(time, 6) ||
        typeof id !== 'string' ||
        !UUID.test(id)
      )
        throw invalid([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
      w.add(`(ev.event_time, ev.id) > (${w.arg(time)}::timestamptz, ${w.arg(id)}::uuid)`);
    }
    const rows = (await this.ds.query(
      `SELECT ${COLUMNS} FROM epcis_event ev ${w.sql}
        ORDER BY ev.event_time, ev.id LIMIT ${w.arg(limit + 1)}`,
      w.params,
    )) as Row[];
    const more = rows.length > limit;
    const items = more ? rows.slice(0, limit) : rows;
    const last = items[items.length - 1];
    return { items, nextCursor: more ? encodeCursor([last.cursorTime, last.id]) : null };
  }

  /** Restricts `w` to what the caller may see; 403 for roles that see no events. */
  private visible(p: Principal, w: Where): void {
    if (p.role === 'enterprise') {
      w.add(`ev.owner_uscc = ${w.arg(p.org)}`);
      return;
    }
    const prefix = scopePrefix(p);
    if (prefix === null)
      throw new AppException(
        HttpStatus.FORBIDDEN,
        'FORBIDDEN',
        `role ${p.role} may not read captured EPCIS events`,
      );
    if (prefix !== '')
      w.add(
        `ev.owner_uscc IN (SELECT e.uscc FROM enterprise e WHERE e.region_code LIKE ${w.arg(`${prefix}%`)})`,
      );
  }
}

function movementOf(bizStep: string | null): DistributionStep['movement'] {
  if ((SHIPPING_BIZ_STEPS as readonly (string | null)[]).includes(bizStep)) return 'shipped';
  if ((RECEIVING_BIZ_STEPS as readonly (string | null)[]).includes(bizStep)) return 'received';
  return null;
}

function view({ cursorTime: _c, lots, ...row }: Row): EpcisEventView {
  return {
    ...row,
    lots: lots.map((k) => ({ gtin: k.slice(0, 14), lot: k.slice(15) })),
  };
}
