import { createHash, randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SessionService, type Principal } from '@spotcheck/auth';
import {
  DirectoryStats,
  Draw,
  InspectionTask,
  Lab,
  ProductCategory,
  RateTarget,
  SamplingPlan,
} from '@spotcheck/database';
import { commitmentOf, completeGtin } from '@spotcheck/domain';
import type { LabStaffRole } from '@spotcheck/domain';
import type { DataSource } from 'typeorm';
import { CaseRepository } from '../../apps/worker/src/followup/case.repository';
import { NotificationRepository } from '../../apps/worker/src/notifications/notification.repository';
import { makeCategory, makeEnterprise, makeInspector, makeLab } from '../medium/factories';
import { ACCOUNT_PASSWORD, makeAccount } from '../medium/factories/accounts';
import { makeStaff } from '../medium/factories/labs';
import { makeDraw, makeSamplingPlan } from '../medium/factories/samples';
import { freshUscc, unique } from '../medium/support';
import { Api, apiOf, commitAndDraw } from '../support/api';
import { dataSource } from '../support/app';
import { epcisDocument, gtinOf, sgln, shippingEvent } from '../support/epcis-documents';
import type { Tenants } from './callers';

/**
 * The records the matrix's requests name, one set per tenant pair, built once per run: a
 * jurisdiction (Ordos, 150600) against another (Hulunbuir, 150700), which no other test file
 * counts; lab A against lab B; enterprise E1 (in Ordos) against E2 (in Hulunbuir). Every record
 * belongs to the first of each pair: a plan drawn for real (so its verification says MATCH)
 * whose one task chose E1 and lab A, its sample received at lab A with an issued report and
 * the result notice served on E1, E1's GTIN prefix and a captured EPCIS event, and the
 * directory rows of E1, lab A and an Ordos inspector. The plan is closed at the end, so its
 * draw is public.
 *
 * Routes that change a record get a fresh one for each call (`Fresh`), owned the same way.
 */
export const IN = '150600';
export const OUT = '150700';
const IN_COUNTY = '150602';
const OUT_COUNTY = '150702';

/** The dates of every sampling and receipt here: after the placeholder draws' 5 January 2026. */
export const SAMPLED_AT = '2026-02-12T10:30:00+08:00';
const SHIPPED_AT = '2026-02-12T12:00:00+08:00';
export const RECEIVED_AT = '2026-02-12T16:00:00+08:00';

/**
 * A GS1 company prefix of 8 digits no other test file uses (theirs have 7 digits and start
 * with 6 or 7); with a 4-digit item reference, 12 digits as GTINs need.
 */
let prefixes = 0;
export const freshPrefix = () => `58${String(++prefixes).padStart(6, '0')}`;
export const ITEM = '0001';

export interface World {
  tenants: Tenants;
  category: ProductCategory;
  enterprise: string;
  otherEnterprise: string;
  lab: Lab;
  otherLab: Lab;
  /** An inspector of Ordos, in the drawn task's pair; the inside regulator's staffNo. */
  inspector: { id: string; staffNo: string };
  /** Both of the drawn task's pair. */
  pair: [string, string];
  planId: string;
  drawId: string;
  taskId: string;
  sampleNo: string;
  gtin: string;
  batch: string;
  reportId: string;
  noticeId: string;
  prefix: string;
  prefixId: string;
  eventId: string;
  /** A notification to the regulators of Ordos, and one to all admins. */
  notificationId: string;
  adminNotificationId: string;
  /** A notification to E1 (a batch it holds to withdraw). */
  enterpriseNotificationId: string;
  /** Staff of lab A who do the steps the matrix's caller then follows (four eyes). */
  staff: { tester: Principal; reviewer: Principal; signatory: Principal };
  /** E1's objection to a failed result, undecided. */
  objectionId: string;
  /** E1's objection whose retest at lab C concluded: its draw is public. */
  closedObjectionId: string;
  /** Lab C, accredited for the category after the draw: where retests go. */
  retestLab: { lab: Lab; staff: { tester: Principal; reviewer: Principal; signatory: Principal } };
  /** A regulator of Ordos who accepts the objections the matrix's caller then draws for. */
  acceptor: Principal;
  /** E1's follow-up case of a final failure, its rectification reported with one attachment. */
  caseId: string;
  /** The SHA-256 of that attachment. */
  caseAttachment: string;
}

type Answer = { statusCode: number; body: string; json: () => unknown };

export async function ok<T = Record<string, unknown>>(
  r: Promise<Answer>,
  status: number,
  what: string,
): Promise<T> {
  const res = await r;
  if (res.statusCode !== status)
    throw new Error(`${what}: ${res.statusCode} ${res.body.slice(0, 500)}`);
  return res.json() as T;
}

const labUser = (lab: Lab, sub: string): Principal => ({ sub, role: 'lab', org: lab.id });
const ALL_ROLES: LabStaffRole[] = ['reviewer', 'signatory', 'tester'];

/** A complete sampling record of a task of E1 with `pair`. */
export function samplingRecord(pair: string[], gtin: string, batch: string) {
  return {
    sampledAt: SAMPLED_AT,
    place: { regionCode: IN_COUNTY, address: '鄂尔多斯市东胜区矩阵测试路1号' },
    stage: 'distribution',
    manufacturer: { name: '矩阵测试食品有限公司', address: '某市某路2号' },
    productName: '矩阵测试产品',
    batch,
    productionDate: '2026-01-10',
    gtin,
    testPortion: { quantity: '12', unit: '盒' },
    backupPortion: { quantity: '6', unit: '盒' },
    pricePaid: '36',
    sealNumbers: ['AM-001'],
    inspectors: pair,
    representative: { name: '张三' },
  };
}

export async function buildWorld(
  tasksApp: NestFastifyApplication,
  labApp: NestFastifyApplication,
): Promise<World> {
  const ds = dataSource(tasksApp);
  const tasks = apiOf(() => tasksApp);
  const labs = apiOf(() => labApp);

  const category = await makeCategory(ds, { sector: 'food' });
  const categories = [category.code];
  const e1 = await makeEnterprise(ds, {
    uscc: freshUscc(IN_COUNTY),
    regionCode: IN_COUNTY,
    categories,
    riskClass: 'D',
  });
  const e2 = await makeEnterprise(ds, { uscc: freshUscc(OUT_COUNTY), regionCode: OUT_COUNTY });
  const lab = await makeLab(ds, { regionCode: IN_COUNTY, categories, capacity: 1000 });
  const otherLab = await makeLab(ds, { regionCode: OUT_COUNTY, categories: [] });
  const i1 = await makeInspector(ds, { regionCode: IN_COUNTY, categories });
  // With i1 the only inspectors of Ordos qualified for the category: the draw pairs them.
  await makeInspector(ds, { regionCode: IN_COUNTY, categories });
  const i9 = await makeInspector(ds, { regionCode: OUT_COUNTY });
  // The matrix's lab callers hold every staff role of their lab; the others do the steps a
  // caller must not have done itself (the four-eyes rules).
  const labA = labUser(lab, 'matrix-lab-a');
  const labB = labUser(otherLab, 'matrix-lab-b');
  await makeStaff(ds, lab, ALL_ROLES, { sub: labA.sub });
  await makeStaff(ds, otherLab, ALL_ROLES, { sub: labB.sub });
  const staff = {
    tester: labUser(lab, (await makeStaff(ds, lab, ['tester'])).sub),
    reviewer: labUser(lab, (await makeStaff(ds, lab, ['reviewer'])).sub),
    signatory: labUser(lab, (await makeStaff(ds, lab, ['signatory'])).sub),
  };
  const tenants: Tenants = {
    regulator: [
      { sub: 'matrix-reg-in', role: 'regulator', jurisdiction: IN, staffNo: i1.staffNo },
      { sub: 'matrix-reg-out', role: 'regulator', jurisdiction: OUT, staffNo: i9.staffNo },
    ],
    lab: [labA, labB],
    enterprise: [
      { sub: 'matrix-ent-1', role: 'enterprise', org: e1.uscc },
      { sub: 'matrix-ent-2', role: 'enterprise', org: e2.uscc },
    ],
    admin: { sub: 'matrix-admin', role: 'admin' },
  };
  const regulator = tenants.regulator[0];
  const e1User = tenants.enterprise[0];

  // E1's products and one captured shipment of them.
  const prefix = freshPrefix();
  const registered = await ok(
    tasks.req(e1User, 'POST', '/api/v1/epcis/gtin-prefixes', { companyPrefix: prefix }),
    201,
    'gtin prefix',
  );
  await ok(
    tasks.req(e1User, 'POST', '/api/v1/epcis/capture', epcisDocument([shipment(prefix)])),
    201,
    'capture',
  );
  const events = await ok<{ items: { id: string }[] }>(
    tasks.req(e1User, 'GET', `/api/v1/epcis/events?owner=${e1.uscc}`),
    200,
    'events',
  );

  // A plan drawn for real: E1 (risk class D, always drawn) with lab A and the pair.
  const plan = await tasks.created(regulator, '/api/v1/plans', {
    code: unique('AM-'),
    title: '访问矩阵测试计划',
    level: 'prefecture',
    jurisdiction: IN,
    year: 2026,
    categories,
    stages: ['production', 'distribution'],
    samplingDeadline: '2099-12-31',
  });
  const planId = plan.id as string;
  await commitAndDraw(tasks, regulator, planId, `access-matrix-${randomUUID()}`);
  // Sampling records are dated in February 2026; the draw must come before them.
  await ds.getRepository(Draw).update({ planId }, { drawnAt: new Date('2026-01-05T01:00:00Z') });
  const [task] = (
    await ok<{ items: { id: string; inspectors: string[]; labId: string }[] }>(
      tasks.req(regulator, 'GET', `/api/v1/tasks?planId=${planId}`),
      200,
      'tasks',
    )
  ).items;
  if (task?.labId !== lab.id)
    throw new Error(`the draw did not give lab A the task: ${JSON.stringify(task)}`);
  await ok(tasks.post(regulator, `/api/v1/plans/${planId}/start-sampling`), 200, 'start');
  const gtin = gtinOf(prefix, ITEM);
  const batch = unique('AMB');
  const sample = await tasks.created(
    regulator,
    `/api/v1/tasks/${task.id}/sample`,
    samplingRecord(task.inspectors, gtin, batch),
  );
  const sampleNo = sample.sampleNo as string;
  await shipToLab(tasks, regulator, sampleNo);
  await ok(receipt(labs, staff.reviewer, sampleNo), 201, 'receipt');
  const reportId = await report(labs, staff, sampleNo, 'issued');
  await ok(tasks.post(regulator, `/api/v1/plans/${planId}/close`), 200, 'close');
  const notices = await ok<{ items: { id: string }[] }>(
    tasks.req(e1User, 'GET', '/api/v1/notices'),
    200,
    'notices',
  );
  const draw = await ds.getRepository(Draw).findOneByOrFail({ planId });
  // The worker raises notifications; none runs here, so they are raised as it would.
  const notificationId = await notify(ds, 'regulator');
  const adminNotificationId = await notify(ds, 'admin');
  const enterpriseNotificationId = await notify(ds, 'enterprise', e1.uscc);

  // Lab C, accredited for the category only now (the draw above gave lab A the task): the
  // retest lab of E1's objections. One objection undecided, one concluded (its draw public).
  const labC = await makeLab(ds, { regionCode: IN_COUNTY, categories, capacity: 1000 });
  const retestLab = {
    lab: labC,
    staff: {
      tester: labUser(labC, (await makeStaff(ds, labC, ['tester'])).sub),
      reviewer: labUser(labC, (await makeStaff(ds, labC, ['reviewer'])).sub),
      signatory: labUser(labC, (await makeStaff(ds, labC, ['signatory'])).sub),
    },
  };
  const acceptor: Principal = { sub: 'matrix-reg-acceptor', role: 'regulator', jurisdiction: IN };
  // The worker keeps the directory statistics; none runs here, so E1's row is written as the
  // worker would.
  await ds.getRepository(DirectoryStats).upsert(
    {
      regionCode: IN_COUNTY,
      riskClass: 'D',
      status: 'active',
      enterprises: 1,
      computedAt: new Date(),
    },
    ['regionCode', 'riskClass', 'status'],
  );

  const world: World = {
    tenants,
    category,
    enterprise: e1.uscc,
    otherEnterprise: e2.uscc,
    lab,
    otherLab,
    inspector: { id: i1.id, staffNo: i1.staffNo },
    pair: task.inspectors as [string, string],
    planId,
    drawId: draw.id,
    taskId: task.id,
    sampleNo,
    gtin,
    batch,
    reportId,
    noticeId: notices.items[0].id,
    prefix,
    prefixId: registered.id as string,
    eventId: events.items[0].id,
    notificationId,
    adminNotificationId,
    enterpriseNotificationId,
    staff,
    objectionId: '',
    closedObjectionId: '',
    retestLab,
    acceptor,
    caseId: '',
    caseAttachment: '',
  };
  const fresh = new Fresh(world, tasksApp, labApp);
  world.caseId = await fresh.followupCase('reported');
  world.caseAttachment = (
    (await ds.query(
      `SELECT attachments -> 0 ->> 'sha256' AS sha FROM followup_case WHERE id = $1`,
      [world.caseId],
    )) as { sha: string }[]
  )[0].sha;
  world.objectionId = await fresh.objection();
  const closedSample = await fresh.sample('received');
  await report(labs, staff, closedSample, 'issued', FAILING);
  const closed = (
    await tasks.created(
      e1User,
      `/api/v1/notices/${await noticeOf(ds, closedSample)}/objections`,
      OBJECTION,
    )
  ).id as string;
  const seed = `access-matrix-retest-${randomUUID()}`;
  await ok(
    tasks.post(acceptor, `/api/v1/objections/${closed}/decision`, {
      decision: 'accept',
      commitment: commitmentOf(seed),
    }),
    200,
    'accept',
  );
  await ok(tasks.post(acceptor, `/api/v1/objections/${closed}/retest-draw`, { seed }), 200, 'draw');
  for (const [kind, detail] of [
    ['testing', {}],
    ['backup_retained', {}],
    ['retest_dispatched', {}],
  ] as const)
    await ok(
      tasks.post(staff.tester, `/api/v1/samples/${encodeURIComponent(closedSample)}/custody`, {
        kind,
        occurredAt: RETESTED_AT,
        regionCode: IN_COUNTY,
        address: '检测中心',
        detail,
      }),
      201,
      kind,
    );
  await ok(
    receipt(labs, retestLab.staff.reviewer, closedSample, RETESTED_AT),
    201,
    'retest receipt',
  );
  await report(labs, retestLab.staff, closedSample, 'issued', PASSING);
  world.closedObjectionId = closed;
  return world;
}

/** A notification, raised as the worker raises them: to the regulators of Ordos, or to admins. */
export async function notify(
  ds: DataSource,
  audience: 'regulator' | 'admin' | 'enterprise',
  addressee?: string,
): Promise<string> {
  const subject = randomUUID();
  const [raised] = await new NotificationRepository().raise(
    ds.manager,
    audience === 'enterprise'
      ? [
          {
            kind: 'recall_holder',
            subject,
            audience,
            jurisdiction: null,
            addressee: addressee!,
            dueOn: null,
            detail: {
              caseId: subject,
              sampleNo: 'AM-MATRIX',
              productName: '矩阵测试产品',
              gtin: '06901234567892',
              batch: 'AM1',
              holder: 'urn:epc:id:sgln:6901234.00001.0',
            },
          },
        ]
      : audience === 'regulator'
        ? [
            {
              kind: 'delivery_overdue',
              subject,
              audience,
              jurisdiction: IN,
              addressee: null,
              dueOn: '2026-02-20',
              detail: { sampleNo: 'AM-MATRIX', dueDate: '2026-02-20', planCode: 'AM' },
            },
          ]
        : [
            {
              kind: 'job_failed',
              subject: `matrix/${subject}`,
              audience,
              jurisdiction: null,
              addressee: null,
              dueOn: null,
              detail: {
                queue: 'matrix',
                job: 'audit.seal',
                jobId: subject,
                attempts: 8,
                error: 'x',
              },
            },
          ],
  );
  return raised.id;
}

/** The result notice of a sample (one report version). */
async function noticeOf(ds: DataSource, sampleNo: string): Promise<string> {
  const [n] = (await ds.query(
    `SELECT n.id FROM result_notice n JOIN sample s ON s.id = n.sample_id
      WHERE s.sample_no = $1 ORDER BY n.created_at DESC LIMIT 1`,
    [sampleNo],
  )) as { id: string }[];
  return n.id;
}

/** A failing and a passing result of the category's item X1 (≤0.5). */
const FAILING = [{ itemCode: 'X1', value: '0.8' }];
const PASSING = [{ itemCode: 'X1', value: '0.1' }];
/** An objection of E1 to X1. */
export const OBJECTION = {
  items: ['X1'],
  reason: '访问矩阵：对检验结果有异议',
  contact: { name: '李四', phone: '0471-1234567' },
};
/** When the objections' backups move: after the samples' receipt at RECEIVED_AT. */
/** After the report it follows was issued (the backup is kept from that report's verdict). */
const RETESTED_AT = new Date().toISOString();

/** A shipment of E1's item ITEM between two of its places, with an eventID of its own. */
export const shipment = (prefix: string) =>
  shippingEvent({
    prefix,
    item: ITEM,
    lot: 'AM1',
    quantity: 10,
    at: 0,
    from: sgln(prefix, 1),
    to: sgln(prefix, 2),
    eventID: `urn:uuid:${randomUUID()}`,
  });

const shipToLab = (tasks: Api, p: Principal, sampleNo: string) =>
  ok(
    tasks.post(p, `/api/v1/samples/${encodeURIComponent(sampleNo)}/custody`, {
      kind: 'shipped',
      occurredAt: SHIPPED_AT,
      regionCode: IN_COUNTY,
      address: '鄂尔多斯市东胜区',
    }),
    201,
    'shipped',
  );

export const receipt = (labs: Api, p: Principal, sampleNo: string, at = RECEIVED_AT) =>
  labs.post(p, `/api/v1/lab/samples/${encodeURIComponent(sampleNo)}/receipt`, {
    receivedAt: at,
    condition: '封样完好',
    sealIntact: true,
  });

export type ReportState = 'draft' | 'submitted' | 'reviewed' | 'issued';

/** A report of lab A on a received sample, taken to `state` by the lab's other staff. */
async function report(
  labs: Api,
  staff: World['staff'],
  sampleNo: string,
  state: ReportState,
  items = PASSING,
): Promise<string> {
  const created = await labs.created(staff.tester, '/api/v1/lab/reports', {
    sampleNo,
    reportNo: unique('AMR-'),
    items,
  });
  const id = created.id as string;
  const steps: [ReportState, Principal, string][] = [
    ['submitted', staff.tester, 'submit'],
    ['reviewed', staff.reviewer, 'review'],
    ['issued', staff.signatory, 'issue'],
  ];
  for (const [reached, p, event] of steps) {
    if (state === 'draft') break;
    await ok(labs.post(p, `/api/v1/lab/reports/${id}/${event}`), 200, event);
    if (reached === state) break;
  }
  return id;
}

/**
 * Fresh records owned as the world's are, for the routes that change what they name: one per
 * call, so that every call finds its record as the route needs it.
 */
export class Fresh {
  readonly ds: DataSource;
  private readonly tasks: Api;
  private readonly labs: Api;
  private taskNo = 0;
  private plan?: Promise<{ plan: SamplingPlan; draw: Draw }>;

  constructor(
    private readonly w: World,
    private readonly tasksApp: NestFastifyApplication,
    labApp: NestFastifyApplication,
  ) {
    this.ds = dataSource(tasksApp);
    this.tasks = apiOf(() => tasksApp);
    this.labs = apiOf(() => labApp);
  }

  category = async () => (await makeCategory(this.ds)).code;

  /** A fresh account's user name and password (to be changed first, if told so). */
  account = async (o: { mustChange?: boolean } = {}) => ({
    userName: (await makeAccount(this.ds, { mustChangePassword: o.mustChange ?? false })).userName,
    password: ACCOUNT_PASSWORD,
  });

  /** A fresh account signed in (without HTTP, so outside the sign-in rate limit): its tokens. */
  session = async () => {
    const a = await this.account();
    return this.tasksApp.get(SessionService).signIn(a.userName, a.password, {});
  };

  enterprise = async () =>
    (await makeEnterprise(this.ds, { uscc: freshUscc(IN_COUNTY), regionCode: IN_COUNTY })).uscc;

  lab = async () => (await makeLab(this.ds, { regionCode: IN_COUNTY })).id;

  inspector = async () => (await makeInspector(this.ds, { regionCode: IN_COUNTY })).id;

  /** The staff number of an Ordos inspector qualified for the world's category. */
  qualifiedInspector = async () =>
    (
      await makeInspector(this.ds, {
        regionCode: IN_COUNTY,
        categories: [this.w.category.code],
      })
    ).staffNo;

  /** A plan of Ordos over the world's category in `state`, as stored (no draw). */
  planIn = async (state: 'draft' | 'drawn' | 'sampling') =>
    (
      await makeSamplingPlan(this.ds, this.w.category.code, {
        jurisdiction: IN,
        state,
        ...(state === 'draft' ? { commitment: null, committedAt: null } : {}),
      })
    ).id;

  /** A plan drawn with its placeholder draw, ready to start sampling. */
  drawnPlan = async () => {
    const id = await this.planIn('drawn');
    await makeDraw(this.ds, id);
    return id;
  };

  /** A committed plan over a category of its own, with two Ordos enterprises, a pair and a lab. */
  committedPlan = async (seed: string) => {
    const category = await makeCategory(this.ds);
    const categories = [category.code];
    for (let i = 0; i < 2; i++)
      await makeEnterprise(this.ds, {
        uscc: freshUscc(IN_COUNTY),
        regionCode: IN_COUNTY,
        categories,
        riskClass: 'D',
      });
    for (let i = 0; i < 2; i++) await makeInspector(this.ds, { regionCode: IN_COUNTY, categories });
    await makeLab(this.ds, { regionCode: IN_COUNTY, categories });
    const plan = await makeSamplingPlan(this.ds, category.code, {
      jurisdiction: IN,
      state: 'committed',
      commitment: commitmentOf(seed),
    });
    return plan.id;
  };

  /** An assigned task of E1 for lab A with the world's pair, in a plan of Ordos. */
  task = async (): Promise<string> => {
    this.plan ??= (async () => {
      const plan = await makeSamplingPlan(this.ds, this.w.category.code, { jurisdiction: IN });
      return { plan, draw: await makeDraw(this.ds, plan.id) };
    })();
    const { plan, draw } = await this.plan;
    const repo = this.ds.getRepository(InspectionTask);
    // Re-inspection tasks of the matrix's cases are numbered in the same draw.
    const [{ last }] = (await this.ds.query(
      `SELECT coalesce(max(task_no), 0)::int AS last FROM inspection_task WHERE draw_id = $1`,
      [draw.id],
    )) as { last: number }[];
    this.taskNo = Math.max(this.taskNo, last);
    const { identifiers } = await repo.insert({
      planId: plan.id,
      drawId: draw.id,
      taskNo: ++this.taskNo,
      uscc: this.w.enterprise,
      category: this.w.category.code,
      inspectors: this.w.pair,
      labId: this.w.lab.id,
      dueDate: '2099-06-30',
      state: 'assigned',
      violation: false,
    });
    return (identifiers[0] as { id: string }).id;
  };

  /** A sample of E1 for lab A: just sampled, on its way to the lab, or received there. */
  sample = async (
    state: 'sampled' | 'in_transit' | 'received',
    product?: { gtin: string; batch: string },
  ): Promise<string> => {
    const regulator = this.w.tenants.regulator[0];
    const taskId = await this.task();
    const s = await this.tasks.created(
      regulator,
      `/api/v1/tasks/${taskId}/sample`,
      samplingRecord(
        this.w.pair,
        product?.gtin ?? completeGtin('690123456789'),
        product?.batch ?? unique('AMB'),
      ),
    );
    const sampleNo = s.sampleNo as string;
    if (state === 'sampled') return sampleNo;
    await shipToLab(this.tasks, regulator, sampleNo);
    if (state === 'in_transit') return sampleNo;
    await ok(receipt(this.labs, this.w.staff.reviewer, sampleNo), 201, 'receipt');
    return sampleNo;
  };

  /** A failed result of a fresh sample of E1 at lab A: its notice. */
  failedNotice = async (product?: { gtin: string; batch: string }): Promise<string> => {
    const sampleNo = await this.sample('received', product);
    await report(this.labs, this.w.staff, sampleNo, 'issued', FAILING);
    return noticeOf(this.ds, sampleNo);
  };

  /** E1's objection to a fresh failed result, undecided. */
  objection = async (): Promise<string> => {
    const r = await this.tasks.created(
      this.w.tenants.enterprise[0],
      `/api/v1/notices/${await this.failedNotice()}/objections`,
      OBJECTION,
    );
    return r.id as string;
  };

  /** An objection accepted with the commitment to `seed`, its retest lab still to draw. */
  acceptedObjection = async (seed: string): Promise<string> => {
    const id = await this.objection();
    await ok(
      this.tasks.post(this.w.acceptor, `/api/v1/objections/${id}/decision`, {
        decision: 'accept',
        commitment: commitmentOf(seed),
      }),
      200,
      'accept',
    );
    return id;
  };

  /**
   * An accepted objection whose retest lab is drawn, the backup kept at lab A and not yet
   * sent: the drawn lab may still decline it (POST …/retest-refusal).
   */
  drawnObjection = async (): Promise<string> => {
    const seed = `access-matrix-retest-${randomUUID()}`;
    const id = await this.acceptedObjection(seed);
    await ok(
      this.tasks.post(this.w.acceptor, `/api/v1/objections/${id}/retest-draw`, { seed }),
      200,
      'draw',
    );
    const [{ sampleNo }] = (await this.ds.query(
      `SELECT s.sample_no AS "sampleNo" FROM objection o JOIN sample s ON s.id = o.sample_id
        WHERE o.id = $1`,
      [id],
    )) as { sampleNo: string }[];
    for (const kind of ['testing', 'backup_retained'])
      await ok(
        this.tasks.post(
          this.w.staff.tester,
          `/api/v1/samples/${encodeURIComponent(sampleNo)}/custody`,
          {
            kind,
            occurredAt: new Date().toISOString(),
            regionCode: IN_COUNTY,
            address: '检测中心',
          },
        ),
        201,
        kind,
      );
    return id;
  };

  /**
   * E1's follow-up case of a fresh final failure, taken to `state`: the failure and the case
   * written as the worker writes them (no worker runs here), then the steps taken over HTTP by
   * the acceptor and E1; `reinspected` as the worker records a passed re-inspection.
   */
  followupCase = async (
    state: 'opened' | 'ordered' | 'reported' | 'reinspected',
    product?: { gtin: string; batch: string },
  ): Promise<string> => {
    const noticeId = await this.failedNotice(product);
    await this.ds.query(
      `INSERT INTO sample_outcome (sample_id, plan_id, jurisdiction, category, sector, region_code,
                                   enterprise_size, stage, period_month, lab_id, report_id,
                                   version, verdict, outcome, basis, standing_since, final_on)
       SELECT s.id, s.plan_id, p.jurisdiction, s.category, c.sector, s.place_region_code, e.size,
              s.stage, date_trunc('month', s.sampling_date), r.lab_id, r.id, r.version,
              r.verdict, 'fail', 'no_objection', 1, '2026-03-01'
         FROM result_notice n JOIN lab_report r ON r.id = n.report_id
         JOIN sample s ON s.id = r.sample_id
         JOIN sampling_plan p ON p.id = s.plan_id
         JOIN product_category c ON c.code = s.category
         JOIN enterprise e ON e.uscc = s.sampled_uscc
        WHERE n.id = $1`,
      [noticeId],
    );
    const [{ sampleId }] = (await this.ds.query(
      `SELECT sample_id AS "sampleId" FROM result_notice WHERE id = $1`,
      [noticeId],
    )) as { sampleId: string }[];
    const cases = new CaseRepository();
    const [opened] = await cases.open(this.ds.manager, [sampleId]);
    await cases.openSteps(this.ds.manager, [opened.id], '2026-03-01', 'system:followup');
    const url = `/api/v1/cases/${opened.id}`;
    if (state === 'opened') return opened.id;
    await ok(
      this.tasks.post(this.w.acceptor, `${url}/order`, {
        workingDays: 15,
        requirements: '访问矩阵：责令限期改正',
      }),
      200,
      'order',
    );
    if (state === 'ordered') return opened.id;
    await ok(
      this.tasks.post(this.w.tenants.enterprise[0], `${url}/rectification`, {
        text: '访问矩阵：整改报告',
        attachments: [
          {
            name: '整改报告.txt',
            mediaType: 'text/plain',
            content: Buffer.from(`访问矩阵 ${randomUUID()}`).toString('base64'),
          },
        ],
      }),
      200,
      'rectification',
    );
    if (state === 'reported') return opened.id;
    await ok(
      this.tasks.post(this.w.acceptor, `${url}/reinspection`, {
        staffNos: [await this.qualifiedInspector(), await this.qualifiedInspector()],
        labId: this.w.lab.id,
      }),
      200,
      'reinspection',
    );
    await this.ds.query(`UPDATE followup_case SET state = 'reinspected' WHERE id = $1`, [
      opened.id,
    ]);
    return opened.id;
  };

  /**
   * A case of a fresh failed batch of E1's product that E1 shipped to a place of its own (by
   * its GS1 prefix): E1 is among the batch's holders and may confirm its withdrawal.
   */
  heldCase = async (): Promise<string> => {
    const batch = unique('AMH').slice(0, 20);
    await ok(
      this.tasks.post(
        this.w.tenants.enterprise[0],
        '/api/v1/epcis/capture',
        epcisDocument([
          shippingEvent({
            prefix: this.w.prefix,
            item: ITEM,
            lot: batch,
            quantity: 1,
            at: 0,
            from: sgln(this.w.prefix, 1),
            to: sgln(this.w.prefix, 2),
            eventID: `urn:uuid:${randomUUID()}`,
          }),
        ]),
      ),
      201,
      'capture',
    );
    return this.followupCase('opened', { gtin: this.w.gtin, batch });
  };

  /** A report of lab A in `state`, on a sample of its own. */
  report = async (state: ReportState): Promise<string> =>
    report(this.labs, this.w.staff, await this.sample('received'), state);

  /**
   * A final outcome of a fresh sample of E1 (a pass, final on 1 March 2026), written as the
   * worker would write it (no worker runs here).
   */
  finalOutcome = async (): Promise<void> => {
    const reportId = await this.report('issued');
    await this.ds.query(
      `INSERT INTO sample_outcome (sample_id, plan_id, jurisdiction, category, sector, region_code,
                                   enterprise_size, stage, period_month, lab_id, report_id,
                                   version, verdict, outcome, basis, standing_since, final_on)
       SELECT s.id, s.plan_id, p.jurisdiction, s.category, c.sector, s.place_region_code, e.size,
              s.stage, date_trunc('month', s.sampling_date), r.lab_id, r.id, r.version,
              r.verdict, 'pass', 'pass_issued', 1, '2026-03-01'
         FROM lab_report r JOIN sample s ON s.id = r.sample_id
         JOIN sampling_plan p ON p.id = s.plan_id
         JOIN product_category c ON c.code = s.category
         JOIN enterprise e ON e.uscc = s.sampled_uscc
        WHERE r.id = $1`,
      [reportId],
    );
  };

  /**
   * The two regulators of Ordos who compile and approve the lists the matrix's caller then
   * acts on (four eyes: the caller must not have compiled them).
   */
  private readonly compiler: Principal = {
    sub: 'matrix-pub-compiler',
    role: 'regulator',
    jurisdiction: IN,
  };
  private readonly approver: Principal = {
    sub: 'matrix-pub-approver',
    role: 'regulator',
    jurisdiction: IN,
  };

  /** A list of Ordos, published, holding a fresh result. */
  publishedList = async (): Promise<string> => {
    await this.finalOutcome();
    const draft = await this.tasks.created(this.compiler, '/api/v1/publications', {});
    const id = draft.id as string;
    await ok(this.tasks.post(this.approver, `/api/v1/publications/${id}/approve`), 200, 'approve');
    await ok(this.tasks.post(this.compiler, `/api/v1/publications/${id}/publish`), 200, 'publish');
    return id;
  };

  /**
   * One published list for the matrix's reads, made on first use, with its JSON file stored as
   * the worker would store it.
   */
  readonly publication = (() => {
    let made: Promise<string> | undefined;
    let id: string | undefined;
    const make = async () => {
      const list = await this.publishedList();
      const content = Buffer.from('{}');
      await this.ds.query(
        `INSERT INTO publication_file (publication_id, name, media_type, sha256, size, content)
         VALUES ($1, 'list.json', 'application/json; charset=utf-8', $2, $3, $4)`,
        [list, createHash('sha256').update(content).digest('hex'), content.length, content],
      );
      return (id = list);
    };
    return { id: () => id, get: () => (made ??= make()) };
  })();

  /**
   * A correction of a fresh published list, compiled by someone other than the matrix's
   * callers, as a draft or approved.
   */
  correction = async (state: 'draft' | 'approved'): Promise<string> => {
    const list = await this.publishedList();
    const draft = await this.tasks.created(
      this.compiler,
      `/api/v1/publications/${list}/corrections`,
      { reason: '访问矩阵更正' },
    );
    const id = draft.id as string;
    if (state === 'approved')
      await ok(
        this.tasks.post(this.approver, `/api/v1/publications/${id}/approve`),
        200,
        'approve',
      );
    return id;
  };
  /** A pass-rate target set for Ordos, each for a year of its own. */
  target = async (): Promise<string> => {
    const repo = this.ds.getRepository(RateTarget);
    const { identifiers } = await repo.insert({
      jurisdiction: IN,
      sector: 'drug',
      year: 2100 - ++this.targets,
      metric: 'pass_rate',
      target: '90',
      source: '访问矩阵目标',
      createdBy: 'matrix',
      updatedBy: 'matrix',
    });
    return (identifiers[0] as { id: string }).id;
  };
  private targets = 0;

  /** A GTIN prefix of E1. */
  prefix = async (): Promise<string> => {
    const r = await this.tasks.created(
      this.w.tenants.enterprise[0],
      '/api/v1/epcis/gtin-prefixes',
      {
        companyPrefix: freshPrefix(),
      },
    );
    return r.id as string;
  };
}
