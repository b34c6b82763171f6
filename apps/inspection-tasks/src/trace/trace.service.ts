import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal, scopePrefix } from '@spotcheck/auth';
import { AppException, invalid, notFound } from '@spotcheck/common';
import {
  decodeCursor,
  encodeCursor,
  toGtin14,
  validateGtin,
  validateUscc,
} from '@spotcheck/domain';
import { EpcisQueryService } from '../epcis/epcis-query.service';
import { TraceProductQuery, TraceEnterpriseQuery } from './trace.dto';
import { SAMPLE_HEAD_COLUMNS, SAMPLE_NO, SampleHead, maySeeSample } from './visibility';

/** The sampling record as the trace shows it (camelCase columns of `sample`). */
const SAMPLE_COLUMNS = `
  s.id, s.sample_no AS "sampleNo", s.seq, s.category, s.stage,
  s.sampled_uscc AS "sampledUscc", s.place_region_code AS "placeRegionCode",
  s.place_address AS "placeAddress", s.online_platform AS "onlinePlatform",
  s.online_shop AS "onlineShop", s.manufacturer_name AS "manufacturerName",
  s.manufacturer_address AS "manufacturerAddress", s.manufacturer_uscc AS "manufacturerUscc",
  s.product_name AS "productName", s.brand, s.spec, s.batch_no AS "batchNo",
  to_char(s.production_date, 'YYYY-MM-DD') AS "productionDate",
  to_char(s.expiry_date, 'YYYY-MM-DD') AS "expiryDate", s.gtin,
  s.test_quantity::text AS "testQuantity", s.test_unit AS "testUnit",
  s.backup_quantity::text AS "backupQuantity", s.backup_unit AS "backupUnit",
  s.price_paid::text AS "pricePaid", s.seal_numbers AS "sealNumbers", s.inspectors,
  s.representative_name AS "representativeName", s.representative_title AS "representativeTitle",
  s.attachments, s.note, s.sampled_at AS "sampledAt",
  to_char(s.sampling_date, 'YYYY-MM-DD') AS "samplingDate",
  to_char(s.lab_due_date, 'YYYY-MM-DD') AS "labDueDate", s.custody_state AS "custodyState",
  s.arrived_at AS "arrivedAt", to_char(s.keep_until, 'YYYY-MM-DD') AS "keepUntil",
  s.lab_id AS "labId", s.retest_lab_id AS "retestLabId"`;

/** A sample in a list: enough to recognise it and follow it. */
const SAMPLE_BRIEF = `
  s.sample_no AS "sampleNo", p.code AS "planCode", s.product_name AS "productName",
  s.brand, s.batch_no AS "batchNo", s.gtin, s.sampled_uscc AS "sampledUscc",
  s.manufacturer_name AS "manufacturerName", s.manufacturer_uscc AS "manufacturerUscc",
  to_char(s.sampling_date, 'YYYY-MM-DD') AS "samplingDate", s.custody_state AS "custodyState"`;

/**
 * Traceability (DESIGN §3.3, issue 4): the whole chain of a sample, everything known about an
 * enterprise, and every sample of a product. Later issues add their links (lab report, notice,
 * objection, publication, follow-up) to the sample's chain.
 *
 * Who may trace what: regulators what lies in their jurisdiction (samples by their plan's,
 * enterprises by their region), admins everything; a lab only the samples sent to it; an
 * enterprise only the samples taken from it or naming it as the manufacturer, and itself.
 * Anything else answers 404, as if it did not exist.
 */
@Injectable()
export class TraceService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly epcis: EpcisQueryService,
  ) {}

  async bySample(p: Principal, sampleNo: string) {
    if (!SAMPLE_NO.test(sampleNo)) throw notFound('sample', sampleNo);
    const [head] = (await this.ds.query(
      `SELECT ${SAMPLE_HEAD_COLUMNS}
         FROM sample s JOIN sampling_plan p ON p.id = s.plan_id
        WHERE s.sample_no = $1`,
      [sampleNo],
    )) as SampleHead[];
    if (!head || !maySeeSample(p, head)) throw notFound('sample', sampleNo);

    // One connection from the pool per query: they run side by side.
    const [sample, plan, draw, task, reassignments, inspectors, custody, labs] = await Promise.all([
      this.ds.query(`SELECT ${SAMPLE_COLUMNS} FROM sample s WHERE s.id = $1`, [head.id]),
      this.ds.query(
        `SELECT id, code, title, level, jurisdiction, year, state FROM sampling_plan WHERE id = $1`,
        [head.planId],
      ),
      this.ds.query(
        `SELECT d.id, d.algorithm_version AS "algorithmVersion", d.commitment,
                  d.eligible_digest AS "eligibleDigest", d.drawn_at AS "drawnAt"
             FROM draw d WHERE d.plan_id = $1`,
        [head.planId],
      ),
      this.ds.query(
        `SELECT id, task_no AS "taskNo", category, inspectors, lab_id AS "labId", state,
                  to_char(due_date, 'YYYY-MM-DD') AS "dueDate", unable_reason AS "unableReason",
                  violation, state_changed_at AS "stateChangedAt"
             FROM inspection_task WHERE id = $1`,
        [head.taskId],
      ),
      this.ds.query(
        `SELECT slot, old_staff_no AS "from", new_staff_no AS "to", reason, actor,
                  at
             FROM task_reassignment WHERE task_id = $1 ORDER BY id`,
        [head.taskId],
      ),
      this.ds.query(
        `SELECT i.staff_no AS "staffNo", i.name, i.unit
             FROM sample s JOIN inspector i ON i.staff_no = ANY(s.inspectors)
            WHERE s.id = $1 ORDER BY array_position(s.inspectors, i.staff_no)`,
        [head.id],
      ),
      this.ds.query(
        `SELECT seq, kind, state_after AS "stateAfter", occurred_at AS "occurredAt",
                  recorded_at AS "recordedAt", actor, actor_role AS "actorRole",
                  actor_org AS "actorOrg", actor_staff_no AS "actorStaffNo",
                  region_code AS "regionCode", address, note, detail
             FROM custody_event WHERE sample_id = $1 ORDER BY seq`,
        [head.id],
      ),
      this.ds.query(`SELECT id, name, cma_no AS "cmaNo" FROM lab WHERE id = ANY($1::uuid[])`, [
        [head.labId, head.retestLabId].filter((x) => x !== null),
      ]),
    ]);
    const labOf = (id: string | null) =>
      (labs as { id: string }[]).find((l) => l.id === id) ?? null;
    const d = (draw as { id: string }[])[0] ?? null;
    return {
      sampleNo,
      plan: (plan as unknown[])[0],
      draw: d && { ...d, verificationUrl: `/api/v1/draws/${d.id}/verification` },
      task: { ...(task as object[])[0], reassignments },
      inspectors,
      samplingRecord: (sample as unknown[])[0],
      custody,
      lab: labOf(head.labId),
      retestLab: labOf(head.retestLabId),
    };
  }

  async byEnterprise(p: Principal, uscc: string, q: TraceEnterpriseQuery) {
    if (!validateUscc(uscc).ok) throw notFound('enterprise', uscc);
    const [e] = (await this.ds.query(
      `SELECT uscc, name, address, region_code AS "regionCode", size, categories,
              risk_class AS "riskClass", status, created_at AS "registeredAt"
         FROM enterprise WHERE uscc = $1`,
      [uscc],
    )) as { uscc: string; regionCode: string; riskClass: string; registeredAt: Date }[];
    if (!e || !this.maySeeEnterprise(p, e.uscc, e.regionCode)) throw notFound('enterprise', uscc);

    // Seeing the enterprise is not seeing every sample of it: a regulator sees those of plans
    // in its jurisdiction (as GET /trace/samples/:no does), others their own.
    const params: unknown[] = [uscc];
    const scope = this.sampleScope(p, params);
    let after = '';
    if (q.cursor !== undefined) {
      const c = decodeCursor(q.cursor);
      if (!c || typeof c[0] !== 'string')
        throw invalid([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
      params.push(c[0]);
      after = `AND s.sample_no < $${params.length}`;
    }
    params.push(q.limit + 1);
    const limit = `$${params.length}`;
    const taskParams: unknown[] = [uscc];
    const taskScope =
      p.role === 'regulator'
        ? `AND p.jurisdiction LIKE $${taskParams.push(`${scopePrefix(p)}%`)}`
        : '';
    const [samples, changes, tasks] = await Promise.all([
      // Newest first; both roles through their own index, merged.
      this.ds.query(
        `SELECT ${SAMPLE_BRIEF},
                CASE WHEN s.sampled_uscc = $1 THEN 'sampled' ELSE 'manufacturer' END AS role
           FROM sample s JOIN sampling_plan p ON p.id = s.plan_id
          WHERE s.id IN (
                  (SELECT s.id FROM sample s JOIN sampling_plan p ON p.id = s.plan_id
                    WHERE s.sampled_uscc = $1 AND ${scope} ${after}
                    ORDER BY s.sample_no DESC LIMIT ${limit})
                  UNION
                  (SELECT s.id FROM sample s JOIN sampling_plan p ON p.id = s.plan_id
                    WHERE s.manufacturer_uscc = $1 AND ${scope} ${after}
                    ORDER BY s.sample_no DESC LIMIT ${limit}))
          ORDER BY s.sample_no DESC LIMIT ${limit}`,
        params,
      ) as Promise<{ sampleNo: string }[]>,
      this.ds.query(
        `SELECT from_class AS "from", to_class AS "to", changed_at AS "changedAt"
           FROM enterprise_risk_change WHERE uscc = $1 ORDER BY changed_at, id`,
        [uscc],
      ) as Promise<{ from: string; to: string; changedAt: Date }[]>,
      // Tasks that ended without a sample: refusals (violations), closed, no product.
      this.ds.query(
        `SELECT p.code AS "planCode", t.task_no AS "taskNo", t.category, t.state,
                t.unable_reason AS "unableReason", t.violation, t.note,
                t.state_changed_at AS "at"
           FROM inspection_task t JOIN sampling_plan p ON p.id = t.plan_id
          WHERE t.uscc = $1 AND t.state = 'unable_to_sample' ${taskScope}
          ORDER BY t.state_changed_at DESC`,
        taskParams,
      ),
    ]);
    const more = samples.length > q.limit;
    const page = more ? samples.slice(0, q.limit) : samples;
    // The class it was registered with: the first change's "from", or the current class.
    const riskHistory = [
      { riskClass: changes[0]?.from ?? e.riskClass, from: e.registeredAt },
      ...changes.map((c) => ({ riskClass: c.to, from: c.changedAt })),
    ];
    return {
      enterprise: e,
      riskHistory,
      samples: {
        items: page,
        nextCursor: more ? encodeCursor([page[page.length - 1].sampleNo]) : null,
      },
      unableToSample: tasks,
    };
  }

  async byProduct(p: Principal, q: TraceProductQuery) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.gtin !== undefined) {
      const g = validateGtin(q.gtin);
      if (!g.ok) throw invalid([{ field: 'gtin', reason: g.reason }]);
      add('s.gtin = ?', toGtin14(q.gtin));
    }
    if (q.batch !== undefined) add('s.batch_no = ?', q.batch);
    if (q.name !== undefined) add(`s.product_name ILIKE ? ESCAPE '\\'`, `%${likeEscape(q.name)}%`);
    if (q.manufacturer !== undefined) {
      if (validateUscc(q.manufacturer).ok) add('s.manufacturer_uscc = ?', q.manufacturer);
      else add(`s.manufacturer_name ILIKE ? ESCAPE '\\'`, `%${likeEscape(q.manufacturer)}%`);
    }
    if (q.gtin === undefined && (q.name === undefined || q.manufacturer === undefined))
      throw invalid([
        {
          field: 'gtin',
          reason: 'give gtin (and optionally batch), or both name and manufacturer',
        },
      ]);
    const scope = this.sampleScope(p, params);
    const rows = (await this.ds.query(
      `SELECT ${SAMPLE_BRIEF}
         FROM sample s JOIN sampling_plan p ON p.id = s.plan_id
        WHERE ${[...where, scope].join(' AND ')}
        ORDER BY s.sample_no DESC LIMIT 501`,
      params,
    )) as unknown[];
    // Where the product (or the batch) went, from the events enterprises captured. Labs see
    // their samples, not enterprises' logistics.
    const distribution =
      q.gtin !== undefined && p.role !== 'lab'
        ? await this.epcis.distribution(p, { gtin: q.gtin, batch: q.batch, limit: 500 })
        : null;
    return { samples: rows.slice(0, 500), truncated: rows.length > 500, distribution };
  }

  private maySeeEnterprise(p: Principal, uscc: string, regionCode: string): boolean {
    if (p.role === 'admin') return true;
    if (p.role === 'regulator') return regionCode.startsWith(scopePrefix(p) ?? '\u0000');
    if (p.role === 'enterprise') return p.org === uscc;
    return false;
  }

  /** The samples a caller may see, as SQL over `s` (sample) and `p` (its plan). */
  private sampleScope(p: Principal, params: unknown[]): string {
    if (p.role === 'admin') return 'true';
    params.push(p.role === 'regulator' ? `${scopePrefix(p)}%` : p.org);
    const n = `$${params.length}`;
    if (p.role === 'regulator') return `p.jurisdiction LIKE ${n}`;
    if (p.role === 'lab') return `(s.lab_id::text = ${n} OR s.retest_lab_id::text = ${n})`;
    if (p.role === 'enterprise') return `(s.sampled_uscc = ${n} OR s.manufacturer_uscc = ${n})`;
    throw new AppException(HttpStatus.FORBIDDEN, 'FORBIDDEN', `role ${p.role} may not trace`);
  }
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, '\\$&');
}
