import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { addCalendarMonths, validateEpcisDocument } from '@spotcheck/domain';
import { DataSource } from 'typeorm';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { LabResultsModule } from '../apps/lab-results/src/app.module';
import {
  ObjectionWorld,
  makeObjectionWorld,
  makeReceivedSample,
} from './medium/factories/objections';
import { unique } from './medium/support';
import { apiOf } from './support/api';
import { bootHttp, upload } from './support/app';
import { officialEpcisValidator } from './support/epcis-schema';

/**
 * What an issued report leaves outside the lab (docs/rules.md §3.3–3.4, docs/epcis.md): the
 * sample's trace and its EPCIS export show the test result.
 */
let tasksApp: NestFastifyApplication;
let labApp: NestFastifyApplication;
let ds: DataSource;
const tasks = apiOf(() => tasksApp);
const labs = apiOf(() => labApp);
const enc = encodeURIComponent;

beforeAll(async () => {
  tasksApp = await bootHttp(InspectionTasksModule, 'inspection-tasks');
  labApp = await bootHttp(LabResultsModule, 'lab-results');
  ds = tasksApp.get(DataSource);
}, 90_000);
afterAll(async () => {
  for (const app of [tasksApp, labApp]) await app?.close();
});

/** Issues a report of the world's lab on the sample through the four-eyes chain. */
async function issue(w: ObjectionWorld, sampleNo: string, values: Record<string, string>) {
  const created = await labs.created(w.lab.tester, '/api/v1/lab/reports', {
    sampleNo,
    reportNo: unique('JC-'),
    items: Object.entries(values).map(([itemCode, value]) => ({ itemCode, value })),
  });
  const id = created.id as string;
  for (const [p, step] of [
    [w.lab.tester, 'submit'],
    [w.lab.reviewer, 'review'],
    [w.lab.signatory, 'issue'],
  ] as const) {
    const r = await labs.post(p, `/api/v1/lab/reports/${id}/${step}`);
    if (r.statusCode !== 200) throw new Error(`${step}: ${r.statusCode} ${r.body}`);
  }
  return (await labs.get(w.lab.tester, `/api/v1/lab/reports/${id}`)).json() as {
    id: string;
    reportNo: string;
    verdict: string;
  };
}

describe('an issued report in the trace and the EPCIS export', () => {
  let w: ObjectionWorld;
  beforeAll(async () => {
    w = await makeObjectionWorld(ds, 'manufacturing');
  });

  it('shows the failure: an inspecting event with the testres transaction, non_conformant, naming the failed items', async () => {
    const sample = await makeReceivedSample(ds, w);
    const url = `/api/v1/epcis/events?sampleNo=${enc(sample.sampleNo)}`;
    const before = (await tasks.get(w.regulator, url)).json();
    expect(
      before.epcisBody.eventList.map((e: Record<string, unknown>) => e['spotcheck:custodyKind']),
    ).toEqual(['shipped', 'received']);

    const report = await issue(w, sample.sampleNo, { X1: '0.8', APC: '10', MOLD: '10' });
    expect(report.verdict).toBe('fail');
    const r = await tasks.get(w.regulator, url);
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    const official = officialEpcisValidator();
    expect(official(doc) ? [] : official.errors).toEqual([]);
    expect(validateEpcisDocument(doc).ok).toBe(true);
    const events = doc.epcisBody.eventList as Record<string, unknown>[];
    expect(events.map((e) => e['spotcheck:custodyKind'])).toEqual([
      'shipped',
      'received',
      'tested',
    ]);
    expect(events[2]).toMatchObject({
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'inspecting',
      disposition: 'non_conformant',
      bizTransactionList: [
        { type: 'testres', bizTransaction: expect.stringMatching(`/reports/${report.reportNo}$`) },
      ],
      eventID: expect.stringContaining(`/events/report-${report.id}`),
      'spotcheck:verdict': 'fail',
      'spotcheck:failedItems': ['X1'],
    });
    // The enterprise sees the same document.
    const mine = await tasks.get(w.enterpriseUser, url);
    expect(mine.json().epcisBody.eventList).toHaveLength(3);
    expect((await tasks.get(w.otherEnterpriseUser, url)).statusCode).toBe(404);

    // The sample's trace lists the report; the enterprise's list shows the result.
    const trace = (
      await tasks.get(w.regulator, `/api/v1/trace/samples/${enc(sample.sampleNo)}`)
    ).json();
    expect(trace.reports).toEqual([
      {
        id: report.id,
        reportNo: report.reportNo,
        version: 1,
        labId: w.lab.lab.id,
        verdict: 'fail',
        failedItems: ['X1'],
        retest: false,
        issuedAt: expect.any(String),
        enterpriseStandardItems: [],
      },
    ]);
    const list = (
      await tasks.get(w.enterpriseUser, `/api/v1/trace/enterprises/${w.enterprise.uscc}`)
    ).json().samples.items as { sampleNo: string; result: unknown }[];
    expect(list.find((s) => s.sampleNo === sample.sampleNo)?.result).toEqual({
      reportNo: report.reportNo,
      version: 1,
      verdict: 'fail',
      failedItems: ['X1'],
      retest: false,
    });
  });

  it('shows a pass as conformant, and a sample without a report has no result', async () => {
    const waiting = await makeReceivedSample(ds, w);
    const sample = await makeReceivedSample(ds, w);
    await issue(w, sample.sampleNo, { X1: '0.1', APC: '10', MOLD: '10' });
    const doc = (
      await tasks.get(w.regulator, `/api/v1/epcis/events?sampleNo=${enc(sample.sampleNo)}`)
    ).json();
    const tested = doc.epcisBody.eventList.at(-1);
    expect(tested).toMatchObject({ bizStep: 'inspecting', disposition: 'conformant' });
    expect(tested['spotcheck:failedItems']).toBeUndefined();
    const list = (
      await tasks.get(w.regulator, `/api/v1/trace/enterprises/${w.enterprise.uscc}?limit=100`)
    ).json().samples.items as { sampleNo: string; result: { verdict: string } | null }[];
    expect(list.find((s) => s.sampleNo === sample.sampleNo)?.result?.verdict).toBe('pass');
    expect(list.find((s) => s.sampleNo === waiting.sampleNo)?.result).toBeNull();
  });
});

describe('limits of a template item', () => {
  let w: ObjectionWorld;
  beforeAll(async () => {
    w = await makeObjectionWorld(ds, 'manufacturing');
  });

  it('stay the template’s: a lab judges by the enterprise’s stricter declared standard only with its reference, and the regulator sees the item flagged', async () => {
    const sample = await makeReceivedSample(ds, w);
    const body = (x1: Record<string, unknown>) => ({
      sampleNo: sample.sampleNo,
      reportNo: unique('JC-'),
      items: [
        { itemCode: 'X1', value: '0.4', ...x1 },
        { itemCode: 'APC', value: '10' },
        { itemCode: 'MOLD', value: '10' },
      ],
    });
    const looser = await labs.post(w.lab.tester, '/api/v1/lab/reports', body({ limit: '≤0.8' }));
    expect(looser.statusCode).toBe(400);
    expect(looser.json().errors).toEqual([
      {
        field: 'items[0].limit',
        reason: expect.stringContaining("a lab may not change the template's limit of X1 (≤0.5)"),
      },
    ]);
    const basis = { kind: 'enterprise_standard', reference: 'Q/NMYL 0001S-2024' };
    const notStricter = await labs.post(
      w.lab.tester,
      '/api/v1/lab/reports',
      body({ limit: '≤0.8', limitBasis: basis }),
    );
    expect(notStricter.json().errors[0]).toMatchObject({ field: 'items[0].limit' });

    const created = await labs.created(
      w.lab.tester,
      '/api/v1/lab/reports',
      body({ limit: '≤0.3', limitBasis: basis }),
    );
    const id = created.id as string;
    for (const [p, step] of [
      [w.lab.tester, 'submit'],
      [w.lab.reviewer, 'review'],
      [w.lab.signatory, 'issue'],
    ] as const)
      expect((await labs.post(p, `/api/v1/lab/reports/${id}/${step}`)).statusCode).toBe(200);
    const issued = (await labs.get(w.lab.tester, `/api/v1/lab/reports/${id}`)).json();
    // 0.4 passes the template's ≤0.5 but fails the enterprise's own ≤0.3.
    expect(issued.verdict).toBe('fail');
    expect(issued.items.find((i: { itemCode: string }) => i.itemCode === 'X1')).toMatchObject({
      limitText: '≤0.3',
      limitBasis: {
        kind: 'enterprise_standard',
        reference: 'Q/NMYL 0001S-2024',
        templateLimit: '≤0.5',
      },
    });
    const trace = (
      await tasks.get(w.regulator, `/api/v1/trace/samples/${enc(sample.sampleNo)}`)
    ).json();
    expect(trace.reports[0].enterpriseStandardItems).toEqual([
      { itemCode: 'X1', reference: 'Q/NMYL 0001S-2024', limit: '≤0.3', templateLimit: '≤0.5' },
    ]);
  });
});

describe('the enterprise standard in a bulk upload', () => {
  let w: ObjectionWorld;
  beforeAll(async () => {
    w = await makeObjectionWorld(ds, 'manufacturing');
  });
  const importCsv = (text: string) =>
    labApp.inject({
      method: 'POST',
      url: '/api/v1/lab/reports/import',
      ...upload(w.lab.tester, 'results.csv', text),
    });
  const reportsOf = async (sampleNo: string) =>
    (await labs.get(w.lab.tester, `/api/v1/lab/reports?sampleNo=${enc(sampleNo)}`)).json()
      .versions as unknown[];

  it('is a column of the import: a stricter limit with its standard is kept; a looser one, or one without it, refuses the whole file by row and column', async () => {
    const [a, b] = [await makeReceivedSample(ds, w), await makeReceivedSample(ds, w)];
    const [ra, rb] = [unique('JC-'), unique('JC-')];
    const csv = (x1Limit: string, standard: string) =>
      [
        '样品编号,报告编号,检验项目代码,判定限值,企业标准,检测结果',
        `${b.sampleNo},${rb},X1,,,0.1`,
        `${b.sampleNo},${rb},APC,,,10`,
        `${b.sampleNo},${rb},MOLD,,,10`,
        `${a.sampleNo},${ra},X1,${x1Limit},${standard},0.4`,
        `${a.sampleNo},${ra},APC,,,10`,
        `${a.sampleNo},${ra},MOLD,,,10`,
      ].join('\r\n');

    // The template's ≤0.5 changed without naming a standard, as the API refuses it.
    const unnamed = await importCsv(csv('≤0.3', ''));
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json()).toMatchObject({
      code: 'IMPORT_REJECTED',
      errors: [
        {
          row: 5,
          column: '判定限值',
          reason: expect.stringContaining("a lab may not change the template's limit of X1"),
        },
      ],
    });
    // A standard looser than the template is not judged by.
    const looser = await importCsv(csv('≤0.8', 'Q/NMYL 0001S-2024'));
    expect(looser.json().errors).toEqual([
      { row: 5, column: '判定限值', reason: expect.stringContaining('only when it is stricter') },
    ]);
    // A standard with no limit of its own says nothing.
    const bare = await importCsv(csv('', 'Q/NMYL 0001S-2024'));
    expect(bare.json().errors).toEqual([
      { row: 5, column: '企业标准', reason: expect.stringContaining('comes with the limit') },
    ]);
    // A number the API would refuse is refused here too, by row and column.
    const long = await importCsv(csv('≤0.3', 'Q'.repeat(201)));
    expect(long.json().errors).toEqual([
      { row: 5, column: '企业标准', reason: 'is longer than 200 characters' },
    ]);
    // All or nothing: the good sample of each refused file has no report either.
    expect(await reportsOf(b.sampleNo)).toEqual([]);

    const good = await importCsv(csv('≤0.3', ' Q/NMYL 0001S-2024 '));
    expect(good.statusCode).toBe(201);
    // 0.4 passes the template's ≤0.5 but fails the enterprise's own ≤0.3.
    expect(good.json()).toMatchObject({ items: 6, failedItems: 1 });
    const id = (good.json().reports as { sampleNo: string; id: string }[]).find(
      (r) => r.sampleNo === a.sampleNo,
    )!.id;
    const draft = (await labs.get(w.lab.tester, `/api/v1/lab/reports/${id}`)).json();
    expect(draft.items.find((i: { itemCode: string }) => i.itemCode === 'X1')).toMatchObject({
      limitText: '≤0.3',
      limitBasis: {
        kind: 'enterprise_standard',
        reference: 'Q/NMYL 0001S-2024',
        templateLimit: '≤0.5',
      },
    });
    expect(draft.items.find((i: { itemCode: string }) => i.itemCode === 'APC').limitBasis).toBe(
      null,
    );
  });

  it('is limitBasis in the JSON batch, checked the same way', async () => {
    const sample = await makeReceivedSample(ds, w);
    const body = (x1: Record<string, unknown>) => ({
      reports: [
        {
          sampleNo: sample.sampleNo,
          reportNo: unique('JC-'),
          items: [
            { itemCode: 'X1', value: '0.4', ...x1 },
            { itemCode: 'APC', value: '10' },
            { itemCode: 'MOLD', value: '10' },
          ],
        },
      ],
    });
    const basis = { kind: 'enterprise_standard', reference: 'Q/NMYL 0001S-2024' };
    const wrongKind = await labs.post(
      w.lab.tester,
      '/api/v1/lab/reports/batch',
      body({ limit: '≤0.3', limitBasis: { ...basis, kind: 'national' } }),
    );
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().errors).toEqual([
      expect.objectContaining({ field: 'reports[0].items[0].limitBasis.kind' }),
    ]);
    const looser = await labs.post(
      w.lab.tester,
      '/api/v1/lab/reports/batch',
      body({ limit: '≤0.8', limitBasis: basis }),
    );
    expect(looser.json().errors).toEqual([
      expect.objectContaining({
        field: 'reports[0].items[0].limit',
        reason: expect.stringContaining('only when it is stricter'),
      }),
    ]);
    expect(await reportsOf(sample.sampleNo)).toEqual([]);
    const ok = await labs.post(
      w.lab.tester,
      '/api/v1/lab/reports/batch',
      body({ limit: '≤0.3', limitBasis: basis }),
    );
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ failedItems: 1 });
    const draft = (
      await labs.get(w.lab.tester, `/api/v1/lab/reports/${ok.json().reports[0].id}`)
    ).json();
    expect(draft.items[0]).toMatchObject({
      itemCode: 'X1',
      limitBasis: { reference: 'Q/NMYL 0001S-2024', templateLimit: '≤0.5' },
    });
  });
});

describe('the backup’s keep-until after an amendment', () => {
  let w: ObjectionWorld;
  beforeAll(async () => {
    w = await makeObjectionWorld(ds, 'manufacturing');
  });
  const custody = (sampleNo: string, kind: string, occurredAt: Date) =>
    tasks.post(w.lab.tester, `/api/v1/samples/${enc(sampleNo)}/custody`, {
      kind,
      occurredAt: occurredAt.toISOString(),
      regionCode: w.jurisdiction,
      address: '某检验所备样库',
    });
  const keepUntilOf = async (sampleNo: string) =>
    (await tasks.get(w.regulator, `/api/v1/samples/${enc(sampleNo)}`)).json().keepUntil as string;
  /** Amends the issued report `id` to `values` and issues the amendment. */
  async function amend(id: string, values: Record<string, string>) {
    const a = await labs.created(w.lab.tester, `/api/v1/lab/reports/${id}/amend`, {
      reason: '复核更正',
    });
    const v2 = a.id as string;
    const put = await labs.req(w.lab.tester, 'PUT', `/api/v1/lab/reports/${v2}/items`, {
      items: Object.entries(values).map(([itemCode, value]) => ({ itemCode, value })),
    });
    expect(put.statusCode).toBe(200);
    for (const [p, step] of [
      [w.lab.tester, 'submit'],
      [w.lab.reviewer, 'review'],
      [w.lab.signatory, 'issue'],
    ] as const)
      expect((await labs.post(p, `/api/v1/lab/reports/${v2}/${step}`)).statusCode).toBe(200);
    return v2;
  }

  it('follows the amended verdict: a failure kept 6 months becomes a pass kept 3, audited with its rule', async () => {
    const sample = await makeReceivedSample(ds, w);
    const now = Date.now();
    expect((await custody(sample.sampleNo, 'testing', new Date(now - 120_000))).statusCode).toBe(
      201,
    );
    const v1 = await issue(w, sample.sampleNo, { X1: '0.8', APC: '10', MOLD: '10' });
    expect(v1.verdict).toBe('fail');
    const kept = await custody(sample.sampleNo, 'backup_retained', new Date());
    expect(kept.statusCode).toBe(201);
    const today = kept.json().detail.verdictDate as string;
    expect(kept.json().detail).toMatchObject({ keepUntilRule: 'backupAfterFail' });
    expect(await keepUntilOf(sample.sampleNo)).toBe(addCalendarMonths(today, 6));

    // An amendment that concludes the same leaves the backup's keeping as it was.
    await amend(v1.id, { X1: '0.8', APC: '10', MOLD: '10' });
    expect(await keepUntilOf(sample.sampleNo)).toBe(addCalendarMonths(today, 6));

    // One that turns the failure into a pass keeps the backup as after a pass, from its day.
    const v3 = await amend((await latestId(sample.sampleNo))!, {
      X1: '0.1',
      APC: '10',
      MOLD: '10',
    });
    expect((await labs.get(w.lab.tester, `/api/v1/lab/reports/${v3}`)).json().verdict).toBe('pass');
    expect(await keepUntilOf(sample.sampleNo)).toBe(addCalendarMonths(today, 3));
    const [audit] = (await ds.query(
      `SELECT actor, detail FROM audit_log
        WHERE action = 'backup_keep_until' AND entity_id = $1 ORDER BY seq`,
      [sample.id],
    )) as { actor: string; detail: Record<string, unknown> }[];
    expect(audit).toMatchObject({
      actor: w.lab.signatory.sub,
      detail: {
        sampleNo: sample.sampleNo,
        verdict: 'pass',
        reportVersion: 3,
        keepUntil: addCalendarMonths(today, 3),
        keepUntilRule: 'backupAfterPass',
        keepUntilBasis: expect.objectContaining({ rule: 'backupAfterPass', months: 3 }),
      },
    });
    // Disposal follows the new date: before it, still refused.
    const early = await custody(sample.sampleNo, 'disposed', new Date());
    expect(early.json()).toMatchObject({
      code: 'BACKUP_RETAINED',
      keepUntil: addCalendarMonths(today, 3),
    });
  });

  /** The id of the latest version of the sample's report. */
  async function latestId(sampleNo: string): Promise<string | undefined> {
    const chain = (
      await labs.get(w.lab.tester, `/api/v1/lab/reports?sampleNo=${enc(sampleNo)}`)
    ).json() as { versions: { id: string; version: number }[] };
    return chain.versions.sort((a, b) => b.version - a.version)[0]?.id;
  }
});
