import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Scope, ScopeColumns, scopeSql } from '@spotcheck/auth';
import type { RuleRef } from '@spotcheck/domain';

export interface NoticeView {
  id: string;
  sampleNo: string;
  product: { name: string; brand: string | null; spec: string | null; batch: string | null };
  lab: { id: string; name: string };
  reportNo: string;
  reportVersion: number;
  amendmentReason: string | null;
  uscc: string;
  manufacturerUscc: string | null;
  verdict: string;
  failedItems: unknown[];
  regime: 'food' | 'product';
  servedOn: string;
  objectionDeadline: string;
  objectionDeadlineRule: RuleRef | null;
  deadlineProvisional: boolean;
  createdAt: Date;
  readAt: Date | null;
}

/** A notice is the sampled enterprise's, and readable by the nominal manufacturer. */
const NOTICE_SCOPE: ScopeColumns = { enterprise: ['n.uscc', 'n.manufacturer_uscc'] };

const VIEW = `
  SELECT n.id, s.sample_no AS "sampleNo",
         json_build_object('name', s.product_name, 'brand', s.brand, 'spec', s.spec,
                           'batch', s.batch_no) AS product,
         json_build_object('id', l.id, 'name', l.name) AS lab,
         r.report_no AS "reportNo", r.version AS "reportVersion",
         r.amendment_reason AS "amendmentReason", n.uscc,
         n.manufacturer_uscc AS "manufacturerUscc", n.verdict, r.failed_items AS "failedItems",
         n.regime, n.served_on::text AS "servedOn",
         n.objection_deadline::text AS "objectionDeadline",
         n.deadline_rule AS "objectionDeadlineRule",
         n.deadline_provisional AS "deadlineProvisional", n.created_at AS "createdAt",
         n.read_at AS "readAt"
    FROM result_notice n
    JOIN sample s ON s.id = n.sample_id
    JOIN lab_report r ON r.id = n.report_id
    JOIN lab l ON l.id = n.lab_id`;

/** The SQL of result notices (检验结果通知书) as inspection-tasks reads them. */
@Injectable()
export class NoticeRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The newest 500 notices in `scope`. */
  list(scope: Scope): Promise<NoticeView[]> {
    const params: unknown[] = [];
    const arg = (v: unknown) => `$${params.push(v)}`;
    return this.ds.query(
      `${VIEW} WHERE ${scopeSql(scope, NOTICE_SCOPE, arg)}
        ORDER BY n.created_at DESC, n.id LIMIT 500`,
      params,
    ) as Promise<NoticeView[]>;
  }

  async find(m: EntityManager, scope: Scope, id: string): Promise<NoticeView | undefined> {
    const params: unknown[] = [id];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [row] = (await m.query(
      `${VIEW} WHERE n.id = $1 AND ${scopeSql(scope, NOTICE_SCOPE, arg)}`,
      params,
    )) as NoticeView[];
    return row;
  }

  /**
   * Marks it read unless it already is; false when it was. Conditional, so of two first reads
   * at once only one marks it; the other waits for that row lock, then finds it read.
   */
  async markRead(m: EntityManager, id: string): Promise<boolean> {
    const marked = (await m.query(
      `UPDATE result_notice SET read_at = now() WHERE id = $1 AND read_at IS NULL RETURNING 1`,
      [id],
    )) as [unknown[], number];
    return marked[1] > 0;
  }
}
