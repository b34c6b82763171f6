import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Scope } from '@spotcheck/auth';
import type {
  EpcisBizTransaction,
  EpcisDestination,
  EpcisEvent,
  EpcisEventType,
  EpcisSource,
} from '@spotcheck/domain';
import { ownerScopeSql } from './gtin-prefix.repository';

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

/** A stored event as read: lots as `<gtin14>/<lot>` keys, and its keyset position. */
export interface EpcisEventRow extends Omit<EpcisEventView, 'lots'> {
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

/** Filters of the event list and the distribution; values checked by the service. */
export interface EpcisEventFilter {
  /** A GTIN-14 the event names. */
  gtin?: string;
  /** A `<gtin14>/<lot>` key the event names. */
  lot?: string;
  epc?: string;
  epcClass?: string;
  bizStep?: string;
  type?: string;
  /** Normalised instants: from inclusive, to exclusive (null matches nothing). */
  from?: string | null;
  to?: string | null;
  owner?: string;
  eventId?: string;
  captureId?: string;
  /** Only events that moved a product: one of these steps, or a source or destination. */
  /** Events that move the product (these steps, or with sources or destinations), or recall it. */
  movedBy?: readonly string[];
  /** The (event time, id) of the previous page's last event. */
  after?: [string, string];
}

/** Stores new events from one JSON array parameter (jsonb_to_recordset), counting them. */
const INSERT_EVENTS = `
  WITH ins AS (
    INSERT INTO epcis_event (owner_uscc, event_id, event_hash, capture_id, type, event_time,
                             event_time_zone_offset, action, biz_step, disposition, read_point,
                             biz_location, epcs, epc_classes, gtins, lots, biz_transactions,
                             sources, destinations, event)
    SELECT $1, r.id, r.hash, $2::uuid, r.type, r.time, r.tz, r.action, r.biz_step, r.disposition,
           r.read_point, r.biz_location, r.epcs, r.classes, r.gtins, r.lots,
           coalesce(r.event -> 'bizTransactionList', '[]'), coalesce(r.event -> 'sourceList', '[]'),
           coalesce(r.event -> 'destinationList', '[]'), r.event
      FROM jsonb_to_recordset($3::jsonb) AS r(id text, hash text, type text, time timestamptz,
             tz text, action text, biz_step text, disposition text, read_point text,
             biz_location text, epcs text[], classes text[], gtins text[], lots text[], event jsonb)
     -- One order for every writer: two captures sharing events wait on each other, never deadlock.
     ORDER BY r.id COLLATE "C"
    ON CONFLICT (owner_uscc, event_id) DO NOTHING
    RETURNING 1)
  SELECT count(*)::int AS n FROM ins`;

/** The SQL of captured EPCIS events and their captures. */
@Injectable()
export class EpcisEventRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * The holders of each failed batch among `lots` (`<GTIN-14>/<batch>`) that has a follow-up
   * case not withdrawn: the destinations of its shipping events and the business locations of
   * its receiving events (as docs/cases.md#recall reads them).
   */
  recallHolders(lots: readonly string[]): Promise<{ lot: string; holder: string }[]> {
    if (lots.length === 0) return Promise.resolve([]);
    return this.ds.query(
      `WITH recalled AS (
         SELECT DISTINCT s.gtin || '/' || s.batch_no AS lot
           FROM followup_case c JOIN sample s ON s.id = c.sample_id
          WHERE c.state <> 'withdrawn' AND s.gtin IS NOT NULL AND s.batch_no IS NOT NULL
            AND s.gtin || '/' || s.batch_no = ANY($1::text[]))
       SELECT DISTINCT r.lot, d ->> 'destination' AS holder
         FROM recalled r JOIN epcis_event e ON e.lots @> ARRAY[r.lot]
         CROSS JOIN jsonb_array_elements(e.destinations) d
        WHERE d ->> 'destination' IS NOT NULL
          AND e.biz_step IN ('shipping', 'urn:epcglobal:cbv:bizstep:shipping',
                             'https://ref.gs1.org/cbv/BizStep-shipping')
       UNION
       SELECT r.lot, e.biz_location FROM recalled r JOIN epcis_event e ON e.lots @> ARRAY[r.lot]
        WHERE e.biz_location IS NOT NULL
          AND e.biz_step IN ('receiving', 'urn:epcglobal:cbv:bizstep:receiving',
                             'https://ref.gs1.org/cbv/BizStep-receiving')`,
      [lots],
    ) as Promise<{ lot: string; holder: string }[]>;
  }

  /**
   * Stores the events of `payload` (a JSON array, see the capture service) not yet stored for
   * `owner`; answers how many were new.
   */
  async insertEvents(
    m: EntityManager,
    owner: string,
    captureId: string,
    payload: string,
  ): Promise<number> {
    const [{ n }] = (await m.query(INSERT_EVENTS, [owner, captureId, payload])) as { n: number }[];
    return n;
  }

  /** The 1-based positions of the (id, hash) pairs stored for `owner` with another hash. */
  async clashes(
    m: EntityManager,
    owner: string,
    ids: string[],
    hashes: string[],
  ): Promise<number[]> {
    const rows = (await m.query(
      `SELECT r.ord FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS r(id, hash, ord)
         JOIN epcis_event e ON e.owner_uscc = $1 AND e.event_id = r.id
        WHERE e.event_hash <> r.hash ORDER BY r.ord`,
      [owner, ids, hashes],
    )) as { ord: string }[];
    return rows.map((r) => Number(r.ord));
  }

  async insertCapture(
    m: EntityManager,
    c: {
      id: string;
      owner: string;
      actor: string;
      events: number;
      stored: number;
      bodySha256: string;
    },
  ): Promise<Date> {
    const [{ receivedAt }] = (await m.query(
      `INSERT INTO epcis_capture (id, owner_uscc, actor, event_count, new_count, duplicate_count, body_sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING received_at AS "receivedAt"`,
      [c.id, c.owner, c.actor, c.events, c.stored, c.events - c.stored, c.bodySha256],
    )) as { receivedAt: Date }[];
    return receivedAt;
  }

  async get(scope: Scope, id: string): Promise<EpcisEventRow | undefined> {
    const params: unknown[] = [id];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [row] = (await this.ds.query(
      `SELECT ${COLUMNS} FROM epcis_event ev
        WHERE ev.id = $1::uuid AND ${ownerScopeSql(scope, 'ev.owner_uscc', arg)}`,
      params,
    )) as EpcisEventRow[];
    return row;
  }

  /** Up to `limit` events in `scope`, in (event time, id) order after `f.after`. */
  list(scope: Scope, f: EpcisEventFilter, limit: number): Promise<EpcisEventRow[]> {
    const params: unknown[] = [];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const where = [ownerScopeSql(scope, 'ev.owner_uscc', arg)];
    if (f.lot !== undefined) where.push(`ev.lots @> ARRAY[${arg(f.lot)}]`);
    else if (f.gtin !== undefined) where.push(`ev.gtins @> ARRAY[${arg(f.gtin)}]`);
    if (f.epc !== undefined) where.push(`ev.epcs @> ARRAY[${arg(f.epc)}]`);
    if (f.epcClass !== undefined) where.push(`ev.epc_classes @> ARRAY[${arg(f.epcClass)}]`);
    if (f.bizStep !== undefined) where.push(`ev.biz_step = ${arg(f.bizStep)}`);
    if (f.type !== undefined) where.push(`ev.type = ${arg(f.type)}`);
    if (f.from !== undefined) where.push(`ev.event_time >= ${arg(f.from)}::timestamptz`);
    if (f.to !== undefined) where.push(`ev.event_time < ${arg(f.to)}::timestamptz`);
    if (f.owner !== undefined) where.push(`ev.owner_uscc = ${arg(f.owner)}`);
    if (f.eventId !== undefined) where.push(`ev.event_id = ${arg(f.eventId)}`);
    if (f.captureId !== undefined) where.push(`ev.capture_id = ${arg(f.captureId)}::uuid`);
    if (f.movedBy !== undefined)
      where.push(
        `(ev.biz_step = ANY(${arg(f.movedBy)}::text[]) OR ev.sources <> '[]'::jsonb OR ev.destinations <> '[]'::jsonb
          OR ev.disposition IN ('recalled', 'urn:epcglobal:cbv:disp:recalled', 'https://ref.gs1.org/cbv/Disp-recalled'))`,
      );
    if (f.after !== undefined)
      where.push(
        `(ev.event_time, ev.id) > (${arg(f.after[0])}::timestamptz, ${arg(f.after[1])}::uuid)`,
      );
    return this.ds.query(
      `SELECT ${COLUMNS} FROM epcis_event ev WHERE ${where.join(' AND ')}
        ORDER BY ev.event_time, ev.id LIMIT ${arg(limit)}`,
      params,
    ) as Promise<EpcisEventRow[]>;
  }
}
