import { addCalendarDays, chinaDate } from '@spotcheck/domain';
import { enqueue } from '@spotcheck/queue';
import type { DataSource } from 'typeorm';
import { type ObjectionWorld, makeReceivedSample } from '../medium/factories/objections';
import { unique } from '../medium/support';
import type { Api } from './api';
import { until } from './own-servers';

/**
 * Follow-up cases the way production makes them (docs/cases.md): a lab issues a failing report,
 * the objection window passes, and the worker (which the test runs) opens the case. The same
 * path as test/cases.e2e-spec.ts.
 */

/** The world's lab creates, submits, reviews and issues a report of `values` for the sample. */
export async function issueReport(
  labs: Api,
  lab: ObjectionWorld['lab'],
  sampleNo: string,
  values: Record<string, string>,
): Promise<string> {
  const created = await labs.created(lab.tester, '/api/v1/lab/reports', {
    sampleNo,
    reportNo: unique('FU-'),
    items: Object.entries(values).map(([itemCode, value]) => ({ itemCode, value })),
  });
  const id = created.id as string;
  for (const [p, step] of [
    [lab.tester, 'submit'],
    [lab.reviewer, 'review'],
    [lab.signatory, 'issue'],
  ] as const) {
    const r = await labs.post(p, `/api/v1/lab/reports/${id}/${step}`);
    if (r.statusCode !== 200) throw new Error(`${step}: ${r.statusCode} ${r.body}`);
  }
  return id;
}

/**
 * A failure of the world's enterprise made final (its objection window moved into the past,
 * the deadline job enqueued): waits for the worker to open its case.
 */
export async function finalFailure(
  ds: DataSource,
  labs: Api,
  w: ObjectionWorld,
  o: Parameters<typeof makeReceivedSample>[2] = {},
) {
  const sample = await makeReceivedSample(ds, w, o);
  await issueReport(labs, w.lab, sample.sampleNo, { X1: '0.8', APC: '10', MOLD: '10' });
  const today = chinaDate(new Date());
  await ds.query(
    `UPDATE result_notice SET served_on = $2, objection_deadline = $3 WHERE sample_id = $1`,
    [sample.id, addCalendarDays(today, -30), addCalendarDays(today, -15)],
  );
  await enqueue(ds.manager, 'outcome.deadline', { sampleId: sample.id });
  const caseOf = async () =>
    (await ds.query(`SELECT id FROM followup_case WHERE sample_id = $1`, [sample.id])) as {
      id: string;
    }[];
  await until(async () => (await caseOf()).length === 1, `a case for ${sample.sampleNo}`, 30_000);
  const [c] = await caseOf();
  return { sample, caseId: c.id };
}
