import { Injectable } from '@nestjs/common';
import { Principal, Scope, scopeOf } from '@spotcheck/auth';
import {
  decodeCursor,
  encodeCursor,
  invalidError,
  isSampleNoShape,
  notFoundError,
  toGtin14,
  validateGtin,
  validateUscc,
} from '@spotcheck/domain';
import { EpcisQueryService } from '../epcis/epcis-query.service';
import { TraceProductQuery, TraceEnterpriseQuery } from './trace.dto';
import type { CustodyEventView } from '@spotcheck/database';
import type { ProductDistribution } from '../epcis/epcis-query.service';
import {
  ProductFilter,
  SampleBrief,
  TraceDraw,
  TraceEnterprise,
  TraceInspector,
  TraceLab,
  TraceOutcome,
  TracePlan,
  TraceQueries,
  TraceReassignment,
  TraceReport,
  TraceSamplingRecord,
  TraceTask,
  UnableTask,
} from './trace.queries';

const RESOURCE = 'traceability';

/** At most this many samples in a product trace. */
const PRODUCT_SAMPLES = 500;

/**
 * A sample's whole chain: plan → draw → task → inspectors → sampling record → custody →
 * issued reports (the tested lab's, then a retest's) → the outcome.
 */
export interface SampleTrace {
  sampleNo: string;
  plan: TracePlan;
  draw: (TraceDraw & { verificationUrl: string }) | null;
  task: TraceTask & { reassignments: TraceReassignment[] };
  inspectors: TraceInspector[];
  samplingRecord: TraceSamplingRecord;
  custody: CustodyEventView[];
  lab: TraceLab | null;
  retestLab: TraceLab | null;
  /** Every issued version of its reports, in issue order. */
  reports: TraceReport[];
  /** Its final outcome once a report is issued (pending while an objection may come). */
  outcome: TraceOutcome | null;
}

export interface EnterpriseTrace {
  enterprise: TraceEnterprise;
  /** Its credit-risk class over time, from registration. */
  riskHistory: {
    riskClass: string;
    from: Date;
    reason: string | null;
    publicationId: string | null;
  }[];
  samples: {
    items: (SampleBrief & { role: 'sampled' | 'manufacturer' })[];
    nextCursor: string | null;
  };
  unableToSample: UnableTask[];
}

export interface ProductTrace {
  samples: SampleBrief[];
  /** More than 500 samples matched. */
  truncated: boolean;
  /** Where it was shipped and received; null without a GTIN or for a lab. */
  distribution: ProductDistribution | null;
}

/**
 * Traceability (docs/rules.md §3.3): the whole chain of a sample, everything known about an
 * enterprise, and every sample of a product.
 *
 * Who may trace what: regulators what lies in their jurisdiction (samples by their plan's,
 * enterprises by their region), admins everything; a lab only the samples sent to it; an
 * enterprise only the samples taken from it or naming it as the manufacturer, and itself.
 * Anything else answers 404, as if it did not exist.
 */
@Injectable()
export class TraceService {
  constructor(
    private readonly queries: TraceQueries,
    private readonly epcis: EpcisQueryService,
  ) {}

  async bySample(p: Principal, sampleNo: string): Promise<SampleTrace> {
    const scope = this.scope(p);
    if (!isSampleNoShape(sampleNo)) throw notFoundError('sample', sampleNo);
    const head = await this.queries.sampleHead(scope, sampleNo);
    if (!head) throw notFoundError('sample', sampleNo);

    const q = this.queries;
    const [sample, plan, draw, task, reassignments, inspectors, custody, labs, reports, outcome] =
      await Promise.all([
        q.samplingRecord(head.id),
        q.plan(head.planId),
        q.draw(head.planId),
        q.task(head.taskId),
        q.reassignments(head.taskId),
        q.inspectors(head.id),
        q.custody(head.id),
        q.labs([head.labId, head.retestLabId].filter((x): x is string => x !== null)),
        q.reports(head.id),
        q.outcome(head.id),
      ]);
    const labOf = (id: string | null) => labs.find((l) => l.id === id) ?? null;
    return {
      sampleNo,
      plan,
      draw: draw && { ...draw, verificationUrl: `/api/v1/draws/${draw.id}/verification` },
      task: { ...task, reassignments },
      inspectors,
      samplingRecord: sample,
      custody,
      lab: labOf(head.labId),
      retestLab: labOf(head.retestLabId),
      reports,
      outcome,
    };
  }

  async byEnterprise(
    p: Principal,
    uscc: string,
    q: TraceEnterpriseQuery,
  ): Promise<EnterpriseTrace> {
    const scope = this.scope(p);
    if (!validateUscc(uscc).ok) throw notFoundError('enterprise', uscc);
    const e = await this.queries.enterprise(scope, uscc);
    if (!e) throw notFoundError('enterprise', uscc);

    // Seeing the enterprise is not seeing every sample of it: a regulator sees those of plans
    // in its jurisdiction (as GET /trace/samples/:no does), others their own.
    let before: string | undefined;
    if (q.cursor !== undefined) {
      const c = decodeCursor(q.cursor);
      if (!c || typeof c[0] !== 'string')
        throw invalidError([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
      before = c[0];
    }
    const [samples, changes, tasks] = await Promise.all([
      this.queries.enterpriseSamples(scope, uscc, before, q.limit + 1),
      this.queries.riskChanges(uscc),
      this.queries.unableTasks(scope, uscc),
    ]);
    const more = samples.length > q.limit;
    const page = more ? samples.slice(0, q.limit) : samples;
    // The class it was registered with: the first change's "from", or the current class.
    const riskHistory: EnterpriseTrace['riskHistory'] = [
      {
        riskClass: changes[0]?.from ?? e.riskClass,
        from: e.registeredAt,
        reason: null,
        publicationId: null,
      },
      ...changes.map((c) => ({
        riskClass: c.to,
        from: c.changedAt,
        reason: c.reason,
        publicationId: c.publicationId,
      })),
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

  async byProduct(p: Principal, q: TraceProductQuery): Promise<ProductTrace> {
    const scope = this.scope(p);
    const f: ProductFilter = {};
    if (q.gtin !== undefined) {
      const g = validateGtin(q.gtin);
      if (!g.ok) throw invalidError([{ field: 'gtin', reason: g.reason }]);
      f.gtin = toGtin14(q.gtin);
    }
    if (q.batch !== undefined) f.batch = q.batch;
    if (q.name !== undefined) f.name = q.name;
    if (q.manufacturer !== undefined) {
      if (validateUscc(q.manufacturer).ok) f.manufacturerUscc = q.manufacturer;
      else f.manufacturerName = q.manufacturer;
    }
    if (q.gtin === undefined && (q.name === undefined || q.manufacturer === undefined))
      throw invalidError([
        {
          field: 'gtin',
          reason: 'give gtin (and optionally batch), or both name and manufacturer',
        },
      ]);
    const rows = await this.queries.productSamples(scope, f, PRODUCT_SAMPLES + 1);
    // Where the product (or the batch) went, from the events enterprises captured. Labs see
    // their samples, not enterprises' logistics.
    const distribution =
      q.gtin !== undefined && p.role !== 'lab'
        ? await this.epcis.distribution(p, { gtin: q.gtin, batch: q.batch, limit: 500 })
        : null;
    return {
      samples: rows.slice(0, PRODUCT_SAMPLES),
      truncated: rows.length > PRODUCT_SAMPLES,
      distribution,
    };
  }

  private scope(p: Principal): Scope {
    return scopeOf(p, RESOURCE, ['regulator', 'admin', 'lab', 'enterprise']);
  }
}
