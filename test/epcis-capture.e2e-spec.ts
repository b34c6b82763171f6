import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Principal } from '@spotcheck/auth';
import { completeUscc } from '@spotcheck/domain';
import {
  AGGREGATION_EVENT_DOCUMENT,
  FULL_DOCUMENTS,
  MINIMAL_DOCUMENTS,
} from '../libs/domain/src/epcis/epcis-fixtures';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { EpcisQueryService } from '../apps/inspection-tasks/src/epcis/epcis-query.service';
import { REGISTRATION_LOCK } from '../apps/inspection-tasks/src/epcis/gtin-prefix.service';
import {
  ADMIN,
  REGULATOR_BAOTOU,
  REGULATOR_HOHHOT,
  REGULATOR_PROVINCE,
  bearer,
  bootHttp,
  dataSource,
} from './support/app';
import {
  cst,
  distributionDocument,
  epcisDocument,
  gtinOf,
  lgtin,
  receivingEvent,
  sgln,
  sgtin,
  shippingEvent,
  sscc,
} from './support/epcis-documents';
import { RUN as run, usccSource } from './support/api';

let app: NestFastifyApplication;
const uscc = usccSource('EC');

/** Three enterprises: A and B in Hohhot (新城区, 赛罕区), C in Baotou. Company prefixes of 7 digits. */
const A = { uscc: uscc('150102'), prefix: `6${run}01` };
const B = { uscc: uscc('150105'), prefix: `6${run}02` };
const C = { uscc: uscc('150203'), prefix: `6${run}03` };
const ent = (e: { uscc: string }): Principal => ({
  sub: `ent-${e.uscc}`,
  role: 'enterprise',
  org: e.uscc,
});
const LAB: Principal = { sub: 'lab-epcis', role: 'lab', org: 'lab-epcis' };

interface Receipt {
  captureId: string;
  events: number;
  stored: number;
  duplicates: number;
  bodySha256: string;
}
interface Problem {
  path: string;
  reason: string;
}

function send(
  p: Principal | null,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  payload?: unknown,
  contentType = 'application/json',
) {
  return app.inject({
    method,
    url,
    headers: {
      ...(p ? bearer(p) : {}),
      ...(payload === undefined ? {} : { 'content-type': contentType }),
    },
    ...(payload === undefined
      ? {}
      : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
  });
}
const capture = (p: Principal, doc: unknown, contentType?: string) =>
  send(p, 'POST', '/api/v1/epcis/capture', doc, contentType);
const get = (p: Principal, url: string) => send(p, 'GET', url);

async function captured(p: Principal, doc: unknown): Promise<Receipt> {
  const r = await capture(p, doc);
  if (r.statusCode !== 201) throw new Error(`capture: ${r.statusCode} ${r.body.slice(0, 2000)}`);
  return r.json() as Receipt;
}

const db = () => dataSource(app);
const count = async (sql: string, params: unknown[]) =>
  ((await db().query(`SELECT count(*)::int AS n FROM ${sql}`, params)) as { n: number }[])[0].n;
const eventsOf = (owner: string) => count('epcis_event WHERE owner_uscc = $1', [owner]);

/** A shipping event of A's item 00001, unique by its eventID. */
const shipA = (lot = 'L1', at = 0, extra: Record<string, unknown> = {}) => ({
  ...shippingEvent({
    prefix: A.prefix,
    item: '00001',
    lot,
    quantity: 10,
    at,
    from: sgln(A.prefix, 1),
    to: sgln(A.prefix, 2),
    eventID: `urn:uuid:${randomUUID()}`,
  }),
  ...extra,
});

beforeAll(async () => {
  app = await bootHttp(InspectionTasksModule);
  for (const [e, p, region] of [
    [A, REGULATOR_HOHHOT, '150102'],
    [B, REGULATOR_HOHHOT, '150105'],
    [C, REGULATOR_BAOTOU, '150203'],
  ] as const) {
    const r = await send(p, 'POST', '/api/v1/enterprises', {
      uscc: e.uscc,
      name: `追溯测试企业${region}`,
      regionCode: region,
      size: 'small',
      riskClass: 'B',
    });
    expect(r.statusCode).toBe(201);
  }
  for (const e of [A, B]) {
    const r = await send(ent(e), 'POST', '/api/v1/epcis/gtin-prefixes', {
      companyPrefix: e.prefix,
    });
    expect(r.statusCode).toBe(201);
  }
  // C holds one GTIN only, registered by an admin.
  const r = await send(ADMIN, 'POST', '/api/v1/epcis/gtin-prefixes', {
    uscc: C.uscc,
    gtin: gtinOf(C.prefix, '00001'),
  });
  expect(r.statusCode).toBe(201);
});

afterAll(() => app.close());

describe('GTIN prefixes (the own-products rule)', () => {
  it('are registered by the enterprise for itself, and a GTIN has one holder', async () => {
    const mine = await get(ent(A), '/api/v1/epcis/gtin-prefixes');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items).toEqual([
      expect.objectContaining({ uscc: A.uscc, kind: 'company_prefix', value: A.prefix }),
    ]);
    // B claims a prefix inside A's, or A's own item: taken.
    for (const body of [{ companyPrefix: `${A.prefix}5` }, { gtin: gtinOf(A.prefix, '00009') }]) {
      const r = await send(ent(B), 'POST', '/api/v1/epcis/gtin-prefixes', body);
      expect(r.statusCode).toBe(409);
      expect(r.json()).toMatchObject({ code: 'GTIN_PREFIX_TAKEN' });
      expect(r.json().message).not.toContain(A.uscc);
    }
    const again = await send(ent(A), 'POST', '/api/v1/epcis/gtin-prefixes', {
      companyPrefix: A.prefix,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'GTIN_PREFIX_REGISTERED' });
  });

  it('answers 400 naming the field, 403 for another enterprise or a lab', async () => {
    const bad = await send(ent(A), 'POST', '/api/v1/epcis/gtin-prefixes', {
      companyPrefix: '12345',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { field: 'companyPrefix', reason: 'a GS1 company prefix has 6 to 12 digits, got 5' },
    ]);
    const badGtin = await send(ent(A), 'POST', '/api/v1/epcis/gtin-prefixes', {
      gtin: '06901234567890',
    });
    expect(badGtin.json().errors).toEqual([
      { field: 'gtin', reason: 'check digit is 0, expected 2' },
    ]);
    const none = await send(ent(A), 'POST', '/api/v1/epcis/gtin-prefixes', {});
    expect(none.json().errors[0].field).toBe('companyPrefix');
    const adminWithout = await send(ADMIN, 'POST', '/api/v1/epcis/gtin-prefixes', {
      companyPrefix: '7123456',
    });
    expect(adminWithout.json().errors).toEqual([
      { field: 'uscc', reason: expect.stringMatching(/is required/) },
    ]);
    const forOther = await send(ent(A), 'POST', '/api/v1/epcis/gtin-prefixes', {
      uscc: B.uscc,
      companyPrefix: '7123456',
    });
    expect(forOther.statusCode).toBe(403);
    expect((await get(LAB, '/api/v1/epcis/gtin-prefixes')).statusCode).toBe(403);
    const unknown = await send(ADMIN, 'POST', '/api/v1/epcis/gtin-prefixes', {
      uscc: completeUscc(`91150102EC${run}999`),
      companyPrefix: '7123456',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ field: 'uscc' });
  });

  it('are read by regulators of the enterprise’s jurisdiction only, and removed by their holder', async () => {
    const hohhot = (
      await get(REGULATOR_HOHHOT, `/api/v1/epcis/gtin-prefixes?uscc=${A.uscc}`)
    ).json();
    expect(hohhot.items).toHaveLength(1);
    const baotou = (
      await get(REGULATOR_BAOTOU, `/api/v1/epcis/gtin-prefixes?uscc=${A.uscc}`)
    ).json();
    expect(baotou.items).toEqual([]);
    const own = await send(ent(A), 'POST', '/api/v1/epcis/gtin-prefixes', {
      gtin: gtinOf(`7${run}01`, '00001'),
    });
    expect(own.statusCode).toBe(201);
    const id = own.json().id as string;
    expect((await send(ent(B), 'DELETE', `/api/v1/epcis/gtin-prefixes/${id}`)).statusCode).toBe(
      404,
    );
    expect((await send(ent(A), 'DELETE', `/api/v1/epcis/gtin-prefixes/${id}`)).statusCode).toBe(
      204,
    );
    expect(
      await count(`audit_log WHERE entity_type = 'enterprise_gtin_prefix' AND entity_id = $1`, [
        id,
      ]),
    ).toBe(2);
  });
});

/** One valid event of each of the five types, about A's products. */
function fiveTypes(tag: string) {
  const item = '00002';
  const lot = `${tag}-LOT`;
  const factory = sgln(A.prefix, 1);
  return [
    shipA(lot, 0),
    {
      type: 'AggregationEvent',
      eventID: `urn:uuid:${randomUUID()}`,
      eventTime: cst(1),
      eventTimeZoneOffset: '+08:00',
      action: 'ADD',
      parentID: sscc(A.prefix, 1),
      childEPCs: [sgtin(A.prefix, item, `${tag}-1`), sgtin(A.prefix, item, `${tag}-2`)],
      bizStep: 'packing',
      disposition: 'in_progress',
      readPoint: { id: factory },
    },
    {
      type: 'TransactionEvent',
      eventTime: cst(2),
      eventTimeZoneOffset: '+08:00',
      action: 'ADD',
      bizTransactionList: [
        { type: 'po', bizTransaction: `urn:epcglobal:cbv:bt:${A.prefix}.${tag}-PO` },
      ],
      epcList: [sgtin(A.prefix, item, `${tag}-1`)],
      bizStep: 'shipping',
      readPoint: { id: factory },
    },
    {
      type: 'TransformationEvent',
      eventTime: cst(3),
      eventTimeZoneOffset: '+08:00',
      inputQuantityList: [
        { epcClass: lgtin(A.prefix, '00003', `${tag}-RAW`), quantity: 100, uom: 'KGM' },
      ],
      outputQuantityList: [
        {
          epcClass: `https://id.gs1.org/01/${gtinOf(A.prefix, item)}/10/${lot}`,
          quantity: 95,
          uom: 'KGM',
        },
      ],
      bizStep: 'commissioning',
      readPoint: { id: factory },
    },
    {
      type: 'AssociationEvent',
      eventTime: cst(4),
      eventTimeZoneOffset: '+08:00',
      action: 'ADD',
      parentID: `urn:epc:id:giai:${A.prefix}.${tag}-logger`,
      childEPCs: [sgtin(A.prefix, item, `${tag}-2`)],
      bizStep: 'assembling',
      readPoint: { id: factory },
    },
  ];
}

describe('POST /epcis/capture', () => {
  it('stores valid events of each of the five types, with their product keys', async () => {
    const doc = epcisDocument(fiveTypes('five'));
    const r = await capture(ent(A), doc);
    expect(r.statusCode).toBe(201);
    const receipt = r.json() as Receipt;
    expect(receipt).toMatchObject({ events: 5, stored: 5, duplicates: 0 });
    expect(receipt.bodySha256).toMatch(/^[0-9a-f]{64}$/);
    const rows = (await db().query(
      `SELECT type, action, biz_step, gtins, lots, event_time, sources, destinations
         FROM epcis_event WHERE capture_id = $1 ORDER BY event_time`,
      [receipt.captureId],
    )) as Record<string, unknown>[];
    expect(rows.map((x) => x.type)).toEqual([
      'ObjectEvent',
      'AggregationEvent',
      'TransactionEvent',
      'TransformationEvent',
      'AssociationEvent',
    ]);
    const g1 = gtinOf(A.prefix, '00001');
    const g2 = gtinOf(A.prefix, '00002');
    const g3 = gtinOf(A.prefix, '00003');
    expect(rows[0]).toMatchObject({
      action: 'OBSERVE',
      biz_step: 'shipping',
      gtins: [g1],
      lots: [`${g1}/five-LOT`],
      event_time: new Date('2026-05-01T00:00:00.000Z'),
      sources: [
        { type: 'owning_party', source: expect.stringMatching(/^urn:epc:id:pgln:/) },
        { type: 'location', source: sgln(A.prefix, 1) },
      ],
      destinations: [{ type: 'location', destination: sgln(A.prefix, 2) }],
    });
    expect(rows[1]).toMatchObject({ gtins: [g2], lots: [] });
    expect(rows[3]).toMatchObject({
      action: null,
      gtins: [g3, g2],
      lots: [`${g3}/five-RAW`, `${g2}/five-LOT`],
    });
    const [capture1] = (await db().query(`SELECT * FROM epcis_capture WHERE id = $1`, [
      receipt.captureId,
    ])) as Record<string, unknown>[];
    expect(capture1).toMatchObject({
      owner_uscc: A.uscc,
      event_count: 5,
      new_count: 5,
      duplicate_count: 0,
      body_sha256: receipt.bodySha256,
    });
    const audit = (await db().query(
      `SELECT action, org, detail FROM audit_log WHERE entity_type = 'epcis_capture' AND entity_id = $1`,
      [receipt.captureId],
    )) as { action: string; org: string; detail: Record<string, unknown> }[];
    expect(audit).toEqual([
      {
        action: 'capture',
        org: A.uscc,
        detail: { events: 5, stored: 5, duplicates: 0, bodySha256: receipt.bodySha256 },
      },
    ]);
  });

  it('takes the conformance fixtures of every event type from the holder of their prefixes', async () => {
    // The domain's hand-written documents (sensor data, master data, error declarations,
    // extensions) name GTINs under four company prefixes; D holds them.
    const D = { uscc: uscc('150102') };
    const created = await send(REGULATOR_HOHHOT, 'POST', '/api/v1/enterprises', {
      uscc: D.uscc,
      name: '追溯测试企业D',
      regionCode: '150102',
      size: 'large',
      riskClass: 'A',
    });
    expect(created.statusCode).toBe(201);
    for (const companyPrefix of ['0614141', '9521234', '4012345', '4000001'])
      expect(
        (await send(ent(D), 'POST', '/api/v1/epcis/gtin-prefixes', { companyPrefix })).statusCode,
      ).toBe(201);
    for (const [type, doc] of Object.entries(FULL_DOCUMENTS)) {
      const n = (doc.epcisBody as { eventList: unknown[] }).eventList.length;
      const r = await capture(ent(D), doc);
      expect([type, r.statusCode, r.json()]).toEqual([
        type,
        201,
        expect.objectContaining({ events: n, stored: n }),
      ]);
    }
    // On the edges of the schema: accepted when they name a product, else refused (400).
    const verdicts = Object.fromEntries(
      await Promise.all(
        Object.entries(MINIMAL_DOCUMENTS).map(async ([name, doc]) => {
          const r = await capture(ent(D), doc);
          return [name, r.statusCode === 201 ? r.json().stored : r.json().problems[0].reason];
        }),
      ),
    );
    const noProduct = expect.stringMatching(/^names no product/);
    expect(verdicts).toEqual({
      'empty event list': 0,
      'context as one URI': 0,
      'ObjectEvent with an empty epcList': noProduct,
      'ObjectEvent with sensor data and a readPoint only': noProduct,
      'ObjectEvent DELETE with a quantityList': 1,
      'AggregationEvent DELETE without children': noProduct,
      'TransactionEvent DELETE without objects': noProduct,
      'TransformationEvent with outputs and a transformationID only': 1,
      'AssociationEvent DELETE without children': noProduct,
    });
    // A mutated fixture answers 400 with the schema's problems, before any product rule.
    const broken = JSON.parse(JSON.stringify(AGGREGATION_EVENT_DOCUMENT)) as {
      epcisBody: { eventList: Record<string, unknown>[] };
    };
    broken.epcisBody.eventList[0].action = 'add';
    (broken.epcisBody.eventList[0].childEPCs as string[])[1] = 'not a uri';
    const r = await capture(ent(D), broken);
    expect(r.statusCode).toBe(400);
    expect((r.json().problems as Problem[]).map((p) => p.path)).toEqual([
      'epcisBody.eventList[0].action',
      'epcisBody.eventList[0].childEPCs[1]',
    ]);
  });

  it('recognises the same document sent again: nothing is stored twice', async () => {
    const doc = epcisDocument(fiveTypes('again'));
    const first = await captured(ent(A), doc);
    const before = await eventsOf(A.uscc);
    const second = await captured(ent(A), doc);
    expect(second).toMatchObject({
      events: 5,
      stored: 0,
      duplicates: 5,
      bodySha256: first.bodySha256,
    });
    expect(second.captureId).not.toBe(first.captureId);
    expect(await eventsOf(A.uscc)).toBe(before);
  });

  it('recognises an event without eventID by its content, whatever the key order, time zone and list order', async () => {
    const ev = {
      ...shipA('HASH', 30),
      eventID: undefined,
      destinationList: [
        { type: 'location', destination: sgln(A.prefix, 2) },
        { type: 'owning_party', destination: `urn:epc:id:pgln:${A.prefix}.00009` },
      ],
    };
    const first = await captured(ent(A), epcisDocument([ev]));
    expect(first.stored).toBe(1);
    const json = JSON.parse(JSON.stringify(ev)) as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(json).reverse());
    reordered.eventTime = '2026-05-01T00:30:00Z'; // the same instant, written in UTC
    reordered.destinationList = [...(json.destinationList as unknown[])].reverse();
    const again = await captured(ent(A), epcisDocument([reordered, reordered]));
    expect(again).toMatchObject({ events: 2, stored: 0, duplicates: 2 });
  });

  it('takes application/ld+json and a document above the app-wide body limit', async () => {
    const doc = distributionDocument(A.prefix, 3000, `big${run}`);
    const body = JSON.stringify(doc);
    expect(Buffer.byteLength(body)).toBeGreaterThan(1024 * 1024);
    const r = await capture(ent(A), body, 'application/ld+json; charset=utf-8');
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ events: 3000, stored: 3000, duplicates: 0 });
  });

  it('stores each event once when the same document is posted concurrently', async () => {
    const doc = epcisDocument([...fiveTypes('conc'), ...fiveTypes('conc2')]);
    const before = await eventsOf(A.uscc);
    const answers = await Promise.all(Array.from({ length: 6 }, () => capture(ent(A), doc)));
    expect(answers.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201, 201]);
    const receipts = answers.map((r) => r.json() as Receipt);
    expect(receipts.reduce((n, x) => n + x.stored, 0)).toBe(10);
    for (const x of receipts) expect(x.stored + x.duplicates).toBe(10);
    expect(await eventsOf(A.uscc)).toBe(before + 10);
  });

  it('answers 400 naming each problem with its path, and stores nothing', async () => {
    const good = shipA('BAD', 0);
    const doc = epcisDocument([
      good,
      shipA('BAD', 1, { eventTime: '2026-05-06 25:00', action: 'SHIP' }),
      shipA('BAD', 2, { bizStep: 'urn:epcglobal:cbv:bizstep:shipping', temperature: 4 }),
    ]);
    const before = await eventsOf(A.uscc);
    const r = await capture(ent(A), doc);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'INVALID_EPCIS_DOCUMENT' });
    expect((r.json().problems as Problem[]).map((p) => p.path)).toEqual([
      'epcisBody.eventList[1].eventTime',
      'epcisBody.eventList[1].action',
      'epcisBody.eventList[2].bizStep',
      'epcisBody.eventList[2].temperature',
    ]);
    expect(r.json().problems[1].reason).toBe(
      'must be one of ADD, OBSERVE, DELETE, got the string "SHIP"',
    );
    expect(await eventsOf(A.uscc)).toBe(before);

    const notADocument = await capture(ent(A), { type: 'EPCISQueryDocument' });
    expect(notADocument.json().problems).toEqual([
      { path: 'type', reason: expect.stringMatching(/must be "EPCISDocument"/) },
    ]);
    const notJson = await capture(ent(A), '{"type": "EPCISDocument",');
    expect(notJson.statusCode).toBe(400);
  });

  it('lists at most 1000 problems and says how many more there were', async () => {
    const events = Array.from({ length: 1500 }, (_, i) => shipA('MANY', i, { action: 'x' }));
    const r = await capture(ent(A), epcisDocument(events));
    expect(r.statusCode).toBe(400);
    const problems = r.json().problems as Problem[];
    expect(problems).toHaveLength(1001);
    expect(problems[1000]).toEqual({ path: '', reason: 'and 500 more problems not listed' });
  });

  it('refuses products of another enterprise naming the event and the product, and stores nothing', async () => {
    const foreign = shippingEvent({
      prefix: B.prefix,
      item: '00001',
      lot: 'B1',
      quantity: 1,
      at: 0,
      from: sgln(B.prefix, 1),
      to: sgln(B.prefix, 2),
    });
    const before = await eventsOf(A.uscc);
    const r = await capture(ent(A), epcisDocument([shipA('MIX', 0), shipA('MIX', 1), foreign]));
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({ code: 'EPCIS_NOT_OWN_PRODUCTS' });
    expect(r.json().problems).toEqual([
      {
        path: 'epcisBody.eventList[2].quantityList[0].epcClass',
        reason: expect.stringContaining(`is GTIN ${gtinOf(B.prefix, '00001')}, which is not under`),
      },
    ]);
    expect(await eventsOf(A.uscc)).toBe(before);

    // C holds one GTIN, not its whole prefix.
    const cOwn = { ...foreign, quantityList: [{ epcClass: lgtin(C.prefix, '00001', 'C1') }] };
    const cOther = { ...foreign, quantityList: [{ epcClass: lgtin(C.prefix, '00002', 'C1') }] };
    expect((await capture(ent(C), epcisDocument([cOwn]))).statusCode).toBe(201);
    expect((await capture(ent(C), epcisDocument([cOther]))).statusCode).toBe(403);
  });

  it('refuses an event without a product and an unreadable product identifier (400)', async () => {
    const pallet = { ...shipA('P', 0), quantityList: undefined, epcList: [sscc(A.prefix, 9)] };
    const bad = { ...shipA('P', 1), epcList: [`urn:epc:id:sgtin:${A.prefix}.001.1`] };
    const r = await capture(ent(A), epcisDocument([pallet, bad]));
    expect(r.statusCode).toBe(400);
    expect(r.json().problems).toEqual([
      { path: 'epcisBody.eventList[0]', reason: expect.stringMatching(/^names no product/) },
      {
        path: 'epcisBody.eventList[1].epcList[0]',
        reason: expect.stringMatching(
          /is not a valid SGTIN URN: .* 10 digits together, they must have 13/,
        ),
      },
    ]);
  });

  it('refuses text PostgreSQL cannot store, naming where it is', async () => {
    const r = await capture(
      ent(A),
      epcisDocument([shipA('NUL', 0, { 'example:note': 'a\u0000b' })]),
    );
    expect(r.statusCode).toBe(400);
    expect(r.json().problems).toEqual([
      {
        path: 'epcisBody.eventList[0]["example:note"]',
        reason: expect.stringMatching(/NUL character/),
      },
    ]);
  });

  it('stores nothing when a prefix the document was checked against is removed meanwhile', async () => {
    const prefix = `6${run}09`;
    const reg = await send(ent(B), 'POST', '/api/v1/epcis/gtin-prefixes', {
      companyPrefix: prefix,
    });
    expect(reg.statusCode).toBe(201);
    const doc = epcisDocument([
      shippingEvent({
        prefix,
        item: '00001',
        lot: 'RACE',
        quantity: 1,
        at: 0,
        from: sgln(prefix, 1),
        to: sgln(prefix, 2),
        eventID: `urn:uuid:${randomUUID()}`,
      }),
    ]);
    const before = await eventsOf(B.uscc);
    // An admin's removal, held open: the capture checks the document against the holdings
    // it still sees, then waits for the removal to commit.
    const q = db().createQueryRunner();
    await q.connect();
    try {
      await q.startTransaction();
      await q.query('SELECT pg_advisory_xact_lock($1)', [REGISTRATION_LOCK]);
      await q.query(`DELETE FROM enterprise_gtin_prefix WHERE id = $1`, [reg.json().id]);
      const pending = capture(ent(B), doc);
      for (let i = 0; i < 200; i++) {
        const [{ n }] = (await db().query(
          `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`,
        )) as { n: number }[];
        if (n > 0) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      await q.commitTransaction();
      const r = await pending;
      expect([r.statusCode, r.json().code]).toEqual([409, 'GTIN_PREFIXES_CHANGED']);
    } finally {
      if (q.isTransactionActive) await q.rollbackTransaction();
      await q.release();
    }
    expect(await eventsOf(B.uscc)).toBe(before);
  });

  it('refuses an event time outside the years PostgreSQL holds (0001–9999 UTC)', async () => {
    const before = await eventsOf(A.uscc);
    for (const eventTime of ['0000-06-01T00:00:00Z', '0001-01-01T00:30:00+01:00']) {
      const r = await capture(
        ent(A),
        epcisDocument([shipA('Y0', 0), shipA('Y0', 1, { eventTime })]),
      );
      expect([eventTime, r.statusCode, r.json().problems]).toEqual([
        eventTime,
        400,
        [
          {
            path: 'epcisBody.eventList[1].eventTime',
            reason: expect.stringMatching(/years 0001–9999/),
          },
        ],
      ]);
    }
    expect(await eventsOf(A.uscc)).toBe(before);
  });

  it('refuses an eventID reused with other content, in the document (400) or after capture (409)', async () => {
    const ev = shipA('ID', 0);
    const inDoc = await capture(ent(A), epcisDocument([ev, { ...ev, disposition: 'damaged' }]));
    expect(inDoc.statusCode).toBe(400);
    expect(inDoc.json().problems).toEqual([
      {
        path: 'epcisBody.eventList[1].eventID',
        reason: expect.stringMatching(/also the eventID of event 0/),
      },
    ]);
    await captured(ent(A), epcisDocument([ev]));
    const before = await eventsOf(A.uscc);
    const later = await capture(
      ent(A),
      epcisDocument([shipA('ID', 5), { ...ev, disposition: 'damaged' }]),
    );
    expect(later.statusCode).toBe(409);
    expect(later.json()).toMatchObject({
      code: 'EPCIS_EVENT_ID_CONFLICT',
      problems: [
        {
          path: 'epcisBody.eventList[1].eventID',
          reason: expect.stringMatching(/captured before/),
        },
      ],
    });
    expect(await eventsOf(A.uscc)).toBe(before);
    // The same eventID is B's own business: identities are per enterprise.
    const bEvent = shippingEvent({
      prefix: B.prefix,
      item: '00001',
      lot: 'B1',
      quantity: 1,
      at: 0,
      from: sgln(B.prefix, 1),
      to: sgln(B.prefix, 2),
      eventID: ev.eventID as string,
    });
    expect((await captured(ent(B), epcisDocument([bEvent]))).stored).toBe(1);
  });

  it('is for enterprises only (403), JSON only (415), and up to EPCIS_MAX_BODY_BYTES (413)', async () => {
    const doc = epcisDocument([shipA('ROLE', 0)]);
    for (const p of [REGULATOR_HOHHOT, ADMIN, LAB])
      expect((await capture(p, doc)).statusCode).toBe(403);
    expect((await send(null, 'POST', '/api/v1/epcis/capture', doc)).statusCode).toBe(401);
    const text = await capture(ent(A), JSON.stringify(doc), 'text/plain');
    expect(text.statusCode).toBe(415);
    const huge = `{"pad":"${'x'.repeat(16 * 1024 * 1024)}"}`;
    const r = await capture(ent(A), huge);
    expect(r.statusCode).toBe(413);
  });
});

describe('GET /epcis/events and the distribution of a product', () => {
  const item = '00007'; // not one of distributionDocument's items
  const lot = `Q${run}`;
  const gtin = gtinOf(A.prefix, item);
  const factory = sgln(A.prefix, 1);
  const depot = sgln(A.prefix, 20);
  const shop = sgln(A.prefix, 30);
  let chain: Receipt;
  let cEvent: string;
  type View = {
    id: string;
    eventId: string;
    owner: string;
    bizStep: string;
    eventTime: string;
    lots: unknown[];
    event: Record<string, unknown>;
  };
  const list = async (p: Principal, query: string) => {
    const r = await get(p, `/api/v1/epcis/events?${query}`);
    expect(r.statusCode).toBe(200);
    return r.json() as { items: View[]; nextCursor: string | null };
  };

  beforeAll(async () => {
    const move = { prefix: A.prefix, item, lot, quantity: 60 };
    chain = await captured(
      ent(A),
      epcisDocument([
        // Sent out of order: the answers are in event-time order.
        receivingEvent({ ...move, quantity: 20, at: 600, from: depot, to: shop }),
        shippingEvent({ ...move, at: 0, from: factory, to: depot }),
        receivingEvent({ ...move, at: 120, from: factory, to: depot }),
        shippingEvent({ ...move, quantity: 20, at: 480, from: depot, to: shop }),
        {
          type: 'ObjectEvent',
          eventTime: cst(200),
          eventTimeZoneOffset: '+08:00',
          action: 'OBSERVE',
          quantityList: [{ epcClass: lgtin(A.prefix, item, lot), quantity: 60 }],
          bizStep: 'storing',
          readPoint: { id: depot },
        },
        // Another batch of the same GTIN.
        shippingEvent({ ...move, lot: `${lot}-other`, at: 300, from: factory, to: shop }),
      ]),
    );
    const c = await captured(
      ent(C),
      epcisDocument([
        shippingEvent({
          prefix: C.prefix,
          item: '00001',
          lot,
          quantity: 5,
          at: 0,
          from: sgln(C.prefix, 1),
          to: sgln(C.prefix, 2),
        }),
      ]),
    );
    cEvent = (await list(ent(C), `captureId=${c.captureId}`)).items[0].id;
  });

  it('finds a batch by GTIN and lot, in event-time order, with the event as captured', async () => {
    const page = await list(ent(A), `gtin=${gtin}&batch=${lot}`);
    expect(page.items.map((e) => [e.bizStep, e.eventTime])).toEqual([
      ['shipping', '2026-05-01T00:00:00.000Z'],
      ['receiving', '2026-05-01T02:00:00.000Z'],
      ['storing', '2026-05-01T03:20:00.000Z'],
      ['shipping', '2026-05-01T08:00:00.000Z'],
      ['receiving', '2026-05-01T10:00:00.000Z'],
    ]);
    expect(page.items[0].lots).toEqual([{ gtin, lot }]);
    expect(page.items[0].event).toMatchObject({ type: 'ObjectEvent', eventTime: cst(0) });
    // The GTIN-13 form of the same item finds the same events; so do the other filters.
    expect((await list(ent(A), `gtin=${gtin.slice(1)}&batch=${lot}`)).items).toHaveLength(5);
    expect((await list(ent(A), `gtin=${gtin}`)).items).toHaveLength(6);
    expect((await list(ent(A), `gtin=${gtin}&batch=${lot}&bizStep=receiving`)).items).toHaveLength(
      2,
    );
    expect(
      (
        await list(
          ent(A),
          `gtin=${gtin}&from=2026-05-01T10:00:00%2B08:00&to=2026-05-01T18:00:00%2B08:00`,
        )
      ).items.map((e) => e.bizStep),
    ).toEqual(['receiving', 'storing', 'shipping', 'shipping']);
    expect(
      (await list(ent(A), `epcClass=${encodeURIComponent(lgtin(A.prefix, item, lot))}`)).items,
    ).toHaveLength(3);
    expect(
      (await list(ent(A), `captureId=${chain.captureId}&type=ObjectEvent`)).items,
    ).toHaveLength(6);
    const one = page.items[0];
    expect(
      (await list(ent(A), `eventId=${encodeURIComponent(one.eventId)}`)).items.map((e) => e.id),
    ).toEqual([one.id]);
    const byId = await get(ent(A), `/api/v1/epcis/events/${one.id}`);
    expect(byId.statusCode).toBe(200);
    expect(byId.json()).toMatchObject({ id: one.id, owner: A.uscc, captureId: chain.captureId });
  });

  it('pages with a cursor through the same order', async () => {
    const all = (await list(ent(A), `gtin=${gtin}`)).items.map((e) => e.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: View[]; nextCursor: string | null } = await list(
        ent(A),
        `gtin=${gtin}&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    const bad = await get(ent(A), `/api/v1/epcis/events?cursor=nonsense`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { field: 'cursor', reason: 'is not a cursor this API issued' },
    ]);
  });

  it('answers 400 naming the field for bad filters', async () => {
    const r = await get(ent(A), `/api/v1/epcis/events?gtin=06901234567890&from=yesterday&limit=0`);
    expect(r.statusCode).toBe(400);
    expect((r.json().errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'from',
      'gtin',
      'limit',
    ]);
    const batchAlone = await get(ent(A), `/api/v1/epcis/events?batch=${lot}`);
    expect(batchAlone.json().errors).toEqual([
      { field: 'batch', reason: 'needs gtin: a batch is a batch of one GTIN' },
    ]);
  });

  it('shows an enterprise only its own events: another tenant’s event answers 404', async () => {
    expect((await list(ent(B), `gtin=${gtin}`)).items).toEqual([]);
    expect((await list(ent(B), `owner=${A.uscc}`)).items).toEqual([]);
    expect((await list(ent(B), `captureId=${chain.captureId}`)).items).toEqual([]);
    const one = (await list(ent(A), `gtin=${gtin}`)).items[0];
    expect((await get(ent(B), `/api/v1/epcis/events/${one.id}`)).statusCode).toBe(404);
    expect((await get(ent(A), `/api/v1/epcis/events/${cEvent}`)).statusCode).toBe(404);
    expect((await get(ent(A), `/api/v1/epcis/events/not-a-uuid`)).statusCode).toBe(404);
  });

  it('shows regulators the events of their jurisdiction’s enterprises, admins all, labs nothing', async () => {
    const one = (await list(ent(A), `gtin=${gtin}`)).items[0];
    expect((await list(REGULATOR_HOHHOT, `gtin=${gtin}`)).items).toHaveLength(6);
    expect((await list(REGULATOR_PROVINCE, `gtin=${gtin}`)).items).toHaveLength(6);
    expect((await list(ADMIN, `gtin=${gtin}`)).items).toHaveLength(6);
    expect((await list(REGULATOR_BAOTOU, `gtin=${gtin}`)).items).toEqual([]);
    expect((await list(REGULATOR_BAOTOU, `owner=${A.uscc}`)).items).toEqual([]);
    expect((await get(REGULATOR_BAOTOU, `/api/v1/epcis/events/${one.id}`)).statusCode).toBe(404);
    expect((await get(REGULATOR_HOHHOT, `/api/v1/epcis/events/${one.id}`)).statusCode).toBe(200);
    expect((await get(REGULATOR_BAOTOU, `/api/v1/epcis/events/${cEvent}`)).statusCode).toBe(200);
    expect((await get(REGULATOR_HOHHOT, `/api/v1/epcis/events/${cEvent}`)).statusCode).toBe(404);
    expect((await get(LAB, `/api/v1/epcis/events?gtin=${gtin}`)).statusCode).toBe(403);
    expect((await get(LAB, `/api/v1/epcis/events/${one.id}`)).statusCode).toBe(403);
  });

  it('distribution(): where a batch was shipped and received, in time order, as the caller may see it', async () => {
    const service = app.get(EpcisQueryService);
    const d = await service.distribution(ent(A), { gtin, batch: lot });
    expect(d).toMatchObject({ gtin, batch: lot, nextCursor: null });
    expect(
      d.items.map((s) => ({
        movement: s.movement,
        from: s.sources.find((x) => x.type === 'location')?.source,
        to: s.destinations[0]?.destination,
        quantity: s.quantities[0]?.quantity,
      })),
    ).toEqual([
      { movement: 'shipped', from: factory, to: depot, quantity: 60 },
      { movement: 'received', from: factory, to: depot, quantity: 60 },
      { movement: 'shipped', from: depot, to: shop, quantity: 20 },
      { movement: 'received', from: depot, to: shop, quantity: 20 },
    ]);
    expect(d.items.every((s) => s.owner === A.uscc && s.epcs.length === 0)).toBe(true);
    // The whole GTIN: the other batch's shipment too.
    expect((await service.distribution(REGULATOR_HOHHOT, { gtin })).items).toHaveLength(5);
    expect((await service.distribution(REGULATOR_BAOTOU, { gtin, batch: lot })).items).toEqual([]);
    expect((await service.distribution(ent(B), { gtin, batch: lot })).items).toEqual([]);
    const paged = await service.distribution(ADMIN, { gtin, batch: lot, limit: 3 });
    expect(paged.items).toHaveLength(3);
    const rest = await service.distribution(ADMIN, { gtin, batch: lot, cursor: paged.nextCursor! });
    expect([...paged.items, ...rest.items].map((s) => s.id)).toEqual(d.items.map((s) => s.id));
    await expect(service.distribution(LAB, { gtin })).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(service.distribution(ADMIN, { gtin: '123' })).rejects.toMatchObject({
      kind: 'invalid',
    });
  });
});
