/**
 * EPCIS 2.0 documents as an enterprise's traceability system would send them, for the capture
 * tests and the trace benchmark: GS1 identifiers under a given company prefix, and a
 * generator of shipping/receiving chains for batches.
 */
import { completeGtin } from '@spotcheck/domain';

export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

/** GTIN-14 of item `item` (digits) under a company prefix; the two have 12 digits together. */
export const gtinOf = (prefix: string, item: string) => completeGtin(`0${prefix}${item}`);
/** SGTIN URN of one item (indicator digit 0). */
export const sgtin = (prefix: string, item: string, serial: string | number) =>
  `urn:epc:id:sgtin:${prefix}.0${item}.${serial}`;
/** LGTIN URN of a batch. */
export const lgtin = (prefix: string, item: string, lot: string) =>
  `urn:epc:class:lgtin:${prefix}.0${item}.${lot}`;
/** GS1 Digital Link of a batch on id.gs1.org. */
export const digitalLinkLot = (gtin: string, lot: string) =>
  `https://id.gs1.org/01/${gtin}/10/${lot}`;
/** An SGLN (a place) under a company prefix. */
export const sgln = (prefix: string, location: string | number) =>
  `urn:epc:id:sgln:${prefix}.${String(location).padStart(12 - prefix.length, '0')}.0`;
export const pgln = (prefix: string) =>
  `urn:epc:id:pgln:${prefix}.${'0'.repeat(12 - prefix.length)}`;
export const sscc = (prefix: string, n: number) =>
  `urn:epc:id:sscc:${prefix}.0${String(n).padStart(16 - prefix.length, '0')}`;

export function epcisDocument(eventList: unknown[]): Record<string, unknown> {
  return {
    '@context': [EPCIS_CONTEXT],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2026-05-06T10:00:00.000+08:00',
    epcisBody: { eventList },
  };
}

/** Beijing time, `minutes` after 2026-05-01 08:00. */
export function cst(minutes: number): string {
  const t = new Date(Date.UTC(2026, 4, 1, 0, 0) + minutes * 60_000);
  return `${new Date(t.getTime() + 8 * 3600_000).toISOString().slice(0, 23)}+08:00`;
}

export interface MoveOptions {
  /** Company prefix of the products and of the shipper's places. */
  prefix: string;
  item: string;
  lot: string;
  quantity: number;
  /** Minutes after 2026-05-01 08:00 Beijing time. */
  at: number;
  from: string;
  to: string;
  eventID?: string;
}

/** The shipper's ObjectEvent: a quantity of a batch leaves `from` for `to`. */
export function shippingEvent(o: MoveOptions): Record<string, unknown> {
  return {
    type: 'ObjectEvent',
    ...(o.eventID ? { eventID: o.eventID } : {}),
    eventTime: cst(o.at),
    eventTimeZoneOffset: '+08:00',
    action: 'OBSERVE',
    epcList: [],
    quantityList: [{ epcClass: lgtin(o.prefix, o.item, o.lot), quantity: o.quantity, uom: 'KGM' }],
    bizStep: 'shipping',
    disposition: 'in_transit',
    readPoint: { id: o.from },
    sourceList: [
      { type: 'owning_party', source: pgln(o.prefix) },
      { type: 'location', source: o.from },
    ],
    destinationList: [{ type: 'location', destination: o.to }],
  };
}

/** The receipt at `to`, recorded by the same enterprise's system (Digital Link form of the batch). */
export function receivingEvent(o: MoveOptions): Record<string, unknown> {
  return {
    type: 'ObjectEvent',
    ...(o.eventID ? { eventID: o.eventID } : {}),
    eventTime: cst(o.at),
    eventTimeZoneOffset: '+08:00',
    action: 'OBSERVE',
    epcList: [],
    quantityList: [
      {
        epcClass: digitalLinkLot(gtinOf(o.prefix, o.item), o.lot),
        quantity: o.quantity,
        uom: 'KGM',
      },
    ],
    bizStep: 'receiving',
    disposition: 'in_progress',
    readPoint: { id: o.to },
    bizLocation: { id: o.to },
    sourceList: [{ type: 'location', source: o.from }],
    destinationList: [{ type: 'location', destination: o.to }],
  };
}

/**
 * `count` events about batches of the enterprise's own GTINs: for each batch a packing
 * AggregationEvent (a pallet of serialised items), a TransactionEvent tying it to a purchase
 * order, then shipping and receiving ObjectEvents to a series of distributors — mostly
 * shipping/receiving, as a distribution feed is. Deterministic for a given `seed`.
 */
export function distributionDocument(
  prefix: string,
  count: number,
  seed = 'bench',
): Record<string, unknown> {
  const events: Record<string, unknown>[] = [];
  const items = ['00001', '00002', '00003', '00004', '00005'];
  let batch = 0;
  while (events.length < count) {
    const item = items[batch % items.length];
    const lot = `${seed}-L${batch}`;
    const at = batch * 60;
    const pallet = sscc(prefix, batch);
    const factory = sgln(prefix, 1);
    events.push({
      type: 'AggregationEvent',
      eventTime: cst(at),
      eventTimeZoneOffset: '+08:00',
      action: 'ADD',
      parentID: pallet,
      childEPCs: [0, 1, 2, 3].map((i) => sgtin(prefix, item, `${seed}${batch}s${i}`)),
      childQuantityList: [{ epcClass: lgtin(prefix, item, lot), quantity: 40, uom: 'KGM' }],
      bizStep: 'packing',
      disposition: 'in_progress',
      readPoint: { id: factory },
    });
    events.push({
      type: 'TransactionEvent',
      eventTime: cst(at + 1),
      eventTimeZoneOffset: '+08:00',
      action: 'ADD',
      bizTransactionList: [
        { type: 'po', bizTransaction: `urn:epcglobal:cbv:bt:${prefix}.${seed}-PO${batch}` },
      ],
      parentID: pallet,
      quantityList: [{ epcClass: lgtin(prefix, item, lot), quantity: 40, uom: 'KGM' }],
      bizStep: 'shipping',
      readPoint: { id: factory },
    });
    let from = factory;
    for (let hop = 1; hop <= 4; hop++) {
      const to = sgln(prefix, 100 + ((batch * 7 + hop) % 900));
      const move = { prefix, item, lot, quantity: 40 / hop, from, to };
      events.push(shippingEvent({ ...move, at: at + hop * 10 }));
      events.push(receivingEvent({ ...move, at: at + hop * 10 + 5 }));
      from = to;
    }
    batch++;
  }
  return epcisDocument(events.slice(0, count));
}
