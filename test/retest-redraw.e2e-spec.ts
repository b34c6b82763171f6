import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Principal } from '@spotcheck/auth';
import { chinaDate, commitmentOf, verifyRetestDraw } from '@spotcheck/domain';
import type { RetestDrawRecord } from '@spotcheck/domain';
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
import { ADMIN, bootHttp } from './support/app';

/**
 * A drawn retest lab that refuses the backup (docs/rules.md §3.5): the regulator records the
 * refusal with the commitment of a new draw, and draws again among the remaining labs — never
 * the tested lab, never one that refused — with the same commit-and-verify record, audited.
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

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** A failed, objected, accepted and drawn sample whose backup the tested lab keeps. */
async function drawn(w: ObjectionWorld) {
  const sample = await makeReceivedSample(ds, w);
  const created = await labs.created(w.lab.tester, '/api/v1/lab/reports', {
    sampleNo: sample.sampleNo,
    reportNo: unique('JC-'),
    items: [
      { itemCode: 'X1', value: '0.8' },
      { itemCode: 'APC', value: '10' },
      { itemCode: 'MOLD', value: '10' },
    ],
  });
  for (const [p, step] of [
    [w.lab.tester, 'submit'],
    [w.lab.reviewer, 'review'],
    [w.lab.signatory, 'issue'],
  ] as const)
    expect((await labs.post(p, `/api/v1/lab/reports/${created.id}/${step}`)).statusCode).toBe(200);
  for (const [kind, minutes] of [
    ['testing', 30],
    ['backup_retained', 25],
  ] as const)
    expect((await custody(w.lab.tester, w, sample.sampleNo, kind, minutes)).statusCode).toBe(201);
  const [{ id: noticeId }] = (await ds.query(`SELECT id FROM result_notice WHERE sample_id = $1`, [
    sample.id,
  ])) as { id: string }[];
  const o = await tasks.created(w.enterpriseUser, `/api/v1/notices/${noticeId}/objections`, {
    items: ['X1'],
    reason: '申请复检',
    contact: { name: '李四', phone: '0471-1234567' },
  });
  const seed = `redraw-${unique()}-0123456789abcdef`;
  await tasks.post(w.regulator, `/api/v1/objections/${o.id}/decision`, {
    decision: 'accept',
    commitment: commitmentOf(seed),
  });
  const d = await tasks.post(w.regulator, `/api/v1/objections/${o.id}/retest-draw`, { seed });
  expect(d.statusCode).toBe(200);
  return { sample, id: o.id as string, lab: d.json().retestLab.id as string };
}

function custody(
  p: Principal,
  w: ObjectionWorld,
  sampleNo: string,
  kind: string,
  minutesAgo: number,
  detail: Record<string, unknown> = {},
) {
  return tasks.post(p, `/api/v1/samples/${enc(sampleNo)}/custody`, {
    kind,
    occurredAt: ago(minutesAgo),
    regionCode: w.jurisdiction,
    address: '检测中心',
    detail,
  });
}

const refusal = (reason: string, seed: string) => ({
  reason,
  note: '复检机构拒收',
  commitment: commitmentOf(seed),
});

describe('a drawn retest lab refusing the backup', () => {
  let w: ObjectionWorld;
  beforeAll(async () => {
    w = await makeObjectionWorld(ds, 'manufacturing');
  });

  it('refused at receipt (seal broken): the regulator draws again among the others, and the refusing lab sends the backup on', async () => {
    const { sample, id, lab: first } = await drawn(w);
    const refuser = w.others.find((o) => o.lab.id === first)!;
    const remaining = w.others.find((o) => o.lab.id !== first)!;
    expect(
      (await custody(w.lab.tester, w, sample.sampleNo, 'retest_dispatched', 20)).statusCode,
    ).toBe(201);
    // On its way, the refusal is the drawn lab's to record at its receipt first.
    const early = await tasks.post(
      w.regulator,
      `/api/v1/objections/${id}/retest-refusal`,
      refusal('seal_broken', `s-${unique()}-0123456789`),
    );
    expect([early.statusCode, early.json().code]).toEqual([409, 'RETEST_REFUSAL_NOT_NOW']);
    const rejected = await labs.post(
      refuser.tester,
      `/api/v1/lab/samples/${enc(sample.sampleNo)}/rejection`,
      {
        at: ago(15),
        reason: 'seal_broken',
        note: '封条破损',
      },
    );
    expect(rejected.statusCode).toBe(201);
    // The refusing lab may not send it back to itself, nor anywhere before a new draw.
    const self = await custody(refuser.tester, w, sample.sampleNo, 'retest_dispatched', 14);
    expect([self.statusCode, self.json().code]).toEqual([409, 'RETEST_REFUSED']);

    const url = `/api/v1/objections/${id}/retest-refusal`;
    const seed = `redraw-${unique()}-0123456789abcdef`;
    expect((await tasks.post(ADMIN, url, refusal('seal_broken', seed))).statusCode).toBe(403);
    expect(
      (await tasks.post(w.outsideRegulator, url, refusal('seal_broken', seed))).statusCode,
    ).toBe(404);
    for (const [body, field] of [
      [{ reason: 'bored', commitment: commitmentOf(seed) }, 'reason'],
      [{ reason: 'seal_broken', commitment: 'x' }, 'commitment'],
      [{ reason: 'seal_broken' }, 'commitment'],
    ] as const) {
      const bad = await tasks.post(w.regulator, url, body);
      expect([field, bad.statusCode, bad.json().errors?.[0]?.field]).toEqual([field, 400, field]);
    }
    const r = await tasks.post(w.regulator, url, refusal('seal_broken', seed));
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      state: 'accepted',
      commitment: commitmentOf(seed),
      retestLab: null,
      refusals: [
        {
          labId: first,
          reason: 'seal_broken',
          note: '复检机构拒收',
          custodyState: 'retest_rejected',
          recordedBy: w.regulator.sub,
          drawRecord: expect.objectContaining({ lab: first }),
        },
      ],
    });
    // The refused lab's draw stays verifiable.
    expect(verifyRetestDraw(r.json().refusals[0].drawRecord)).toEqual({ verdict: 'MATCH' });
    const notYet = await custody(refuser.tester, w, sample.sampleNo, 'retest_dispatched', 13);
    expect([notYet.statusCode, notYet.json().code]).toEqual([409, 'RETEST_NOT_DRAWN']);

    const again = await tasks.post(w.regulator, `/api/v1/objections/${id}/retest-draw`, { seed });
    expect(again.statusCode).toBe(200);
    expect(again.json().retestLab.id).toBe(remaining.lab.id);
    const record = (
      await tasks.get(w.regulator, `/api/v1/objections/${id}/retest-draw`)
    ).json() as RetestDrawRecord;
    expect(record).toMatchObject({ seed, originalLabId: w.lab.lab.id, refusedLabIds: [first] });
    expect(record.eligible).toEqual([remaining.lab.id]);
    expect(
      (await tasks.get(w.regulator, `/api/v1/objections/${id}/retest-draw/verification`)).json(),
    ).toMatchObject({
      verification: { verdict: 'MATCH' },
    });

    // The lab holding it sends it on to the lab drawn now, which receives it normally.
    const sent = await custody(refuser.tester, w, sample.sampleNo, 'retest_dispatched', 10);
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({
      stateAfter: 'retest_in_transit',
      detail: { toLabId: remaining.lab.id },
    });
    const receipt = await labs.post(
      remaining.tester,
      `/api/v1/lab/samples/${enc(sample.sampleNo)}/receipt`,
      {
        receivedAt: ago(5),
        condition: '封样完好',
        sealIntact: true,
      },
    );
    expect(receipt.statusCode).toBe(201);
    expect(receipt.json().sample).toMatchObject({
      custodyState: 'retest_received',
      retest: true,
      objectionId: id,
    });

    const audit = (await ds.query(
      `SELECT action, actor, detail FROM audit_log WHERE entity_type = 'objection' AND entity_id = $1 ORDER BY seq`,
      [id],
    )) as { action: string; actor: string; detail: Record<string, unknown> }[];
    expect(audit.map((a) => a.action)).toEqual(['file', 'accept', 'draw', 'refuse', 'draw']);
    expect(audit[3]).toMatchObject({
      actor: w.regulator.sub,
      detail: { from: 'retest_drawn', to: 'accepted', refusedLab: first, reason: 'seal_broken' },
    });
  });

  it('declined before it was sent (no capacity): drawn again, and when every other lab refused, 409 NO_RETEST_LAB', async () => {
    const { sample, id, lab: first } = await drawn(w);
    const url = `/api/v1/objections/${id}/retest-refusal`;
    const s2 = `second-${unique()}-0123456789abcdef`;
    const r = await tasks.post(w.regulator, url, refusal('no_capacity', s2));
    expect(r.json()).toMatchObject({
      state: 'accepted',
      refusals: [{ labId: first, custodyState: 'backup_retained' }],
    });
    // The lab that declined no longer sees the sample.
    const refuser = w.others.find((o) => o.lab.id === first)!;
    expect(
      (await labs.get(refuser.tester, `/api/v1/lab/samples/${enc(sample.sampleNo)}`)).statusCode,
    ).toBe(404);
    const second = await tasks.post(w.regulator, `/api/v1/objections/${id}/retest-draw`, {
      seed: s2,
    });
    const other = second.json().retestLab.id as string;
    expect(other).not.toBe(first);
    expect(other).not.toBe(w.lab.lab.id);
    const s3 = `third-${unique()}-0123456789abcdef`;
    expect((await tasks.post(w.regulator, url, refusal('no_capacity', s3))).statusCode).toBe(200);
    const none = await tasks.post(w.regulator, `/api/v1/objections/${id}/retest-draw`, {
      seed: s3,
    });
    expect(none.statusCode).toBe(409);
    expect(none.json()).toMatchObject({ code: 'NO_RETEST_LAB' });
    expect(none.json().message).toContain('those that refused it');
    const o = (await tasks.get(w.regulator, `/api/v1/objections/${id}`)).json();
    expect(o.refusals.map((x: { labId: string }) => x.labId)).toEqual([first, other]);
    expect(chinaDate(new Date(o.refusals[1].recordedAt))).toBe(chinaDate(new Date()));
  });
});
