import { Injectable } from '@nestjs/common';
import { Principal, Scope, scopeOf } from '@spotcheck/auth';
import { Page } from '@spotcheck/common';
import {
  decodeCursor,
  encodeCursor,
  epcisLotKey,
  epcisProductMentions,
  invalidError,
  isCursorInstant,
  isRecalledDisposition,
  isUuid,
  normaliseDateTime,
  notFoundError,
  toGtin14,
  validateGtin,
} from '@spotcheck/domain';
import type {
  EpcisBizTransaction,
  EpcisDestination,
  EpcisEventType,
  EpcisSource,
} from '@spotcheck/domain';
import {
  EpcisEventFilter,
  EpcisEventRepository,
  EpcisEventRow,
  EpcisEventView,
} from './epcis-event.repository';
import { EpcisEventQuery } from './epcis.dto';

export type { EpcisEventView } from './epcis-event.repository';

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
  /** `recalled`: a holder's event of disposition recalled (its withdrawal, docs/cases.md). */
  movement: 'shipped' | 'received' | 'recalled' | null;
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
  constructor(private readonly events: EpcisEventRepository) {}

  async list(p: Principal, q: EpcisEventQuery): Promise<Page<EpcisEventView>> {
    const scope = this.scope(p);
    if (q.batch !== undefined && q.gtin === undefined)
      throw invalidError([
        { field: 'batch', reason: 'needs gtin: a batch is a batch of one GTIN' },
      ]);
    const f: EpcisEventFilter = {
      epc: q.epc,
      epcClass: q.epcClass,
      bizStep: q.bizStep,
      type: q.type,
      owner: q.owner,
      eventId: q.eventId,
      captureId: q.captureId,
    };
    if (q.gtin !== undefined) {
      const gtin = toGtin14(q.gtin);
      if (q.batch !== undefined) f.lot = epcisLotKey(gtin, q.batch);
      else f.gtin = gtin;
    }
    if (q.from !== undefined) f.from = normaliseDateTime(q.from);
    if (q.to !== undefined) f.to = normaliseDateTime(q.to);
    const page = await this.page(scope, f, q.cursor, q.limit);
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }

  /** `id` is a UUID (the controller's `@IdParam`). */
  async get(p: Principal, id: string): Promise<EpcisEventView> {
    const row = await this.events.get(this.scope(p), id);
    if (!row) throw notFoundError('EPCIS event', id);
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
    if (!check.ok) throw invalidError([{ field: 'gtin', reason: check.reason }]);
    const gtin = toGtin14(q.gtin);
    if (
      q.batch !== undefined &&
      (q.batch.length === 0 || q.batch.length > 255 || q.batch.includes('\u0000'))
    )
      throw invalidError([{ field: 'batch', reason: 'must be 1–255 characters without NUL' }]);
    const limit = Math.min(Math.max(Math.trunc(q.limit ?? 500), 1), 5000);
    const scope = this.scope(p);
    const f: EpcisEventFilter = {
      ...(q.batch !== undefined ? { lot: epcisLotKey(gtin, q.batch) } : { gtin }),
      movedBy: [...SHIPPING_BIZ_STEPS, ...RECEIVING_BIZ_STEPS],
    };
    const page = await this.page(scope, f, q.cursor, limit);
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
        movement: isRecalledDisposition(r.disposition) ? 'recalled' : movementOf(r.bizStep),
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
  private async page(
    scope: Scope,
    f: EpcisEventFilter,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<EpcisEventRow>> {
    if (cursor !== undefined) {
      const after = decodeCursor(cursor);
      const [time, id] = after ?? [];
      if (after?.length !== 2 || !isCursorInstant(time, 6) || !isUuid(id))
        throw invalidError([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
      f.after = [time as string, id];
    }
    const rows = await this.events.list(scope, f, limit + 1);
    const more = rows.length > limit;
    const items = more ? rows.slice(0, limit) : rows;
    const last = items[items.length - 1];
    return { items, nextCursor: more ? encodeCursor([last.cursorTime, last.id]) : null };
  }

  /** What `p` may read of captured events; 403 for a lab. */
  private scope(p: Principal): Scope {
    return scopeOf(p, 'captured EPCIS events', ['enterprise', 'regulator', 'admin']);
  }
}

function movementOf(bizStep: string | null): DistributionStep['movement'] {
  if ((SHIPPING_BIZ_STEPS as readonly (string | null)[]).includes(bizStep)) return 'shipped';
  if ((RECEIVING_BIZ_STEPS as readonly (string | null)[]).includes(bizStep)) return 'received';
  return null;
}

function view({ cursorTime: _c, lots, ...row }: EpcisEventRow): EpcisEventView {
  return {
    ...row,
    lots: lots.map((k) => ({ gtin: k.slice(0, 14), lot: k.slice(15) })),
  };
}
