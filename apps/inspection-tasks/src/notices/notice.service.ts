import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@spotcheck/auth';
import { AppException, notFound, recordAudit } from '@spotcheck/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  deadlineProvisional: boolean;
  createdAt: Date;
  readAt: Date | null;
}

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
         n.deadline_provisional AS "deadlineProvisional", n.created_at AS "createdAt",
         n.read_at AS "readAt"
    FROM result_notice n
    JOIN sample s ON s.id = n.sample_id
    JOIN lab_report r ON r.id = n.report_id
    JOIN lab l ON l.id = n.lab_id`;

/**
 * Result notices (检验结果通知书) as an enterprise reads them, issue 5. Written by lab-results
 * when a report version is issued; addressed to the sampled enterprise, and readable by the
 * nominal manufacturer named on the sampling record. Only the addressee marks one read.
 */
@Injectable()
export class NoticeService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private scope(p: Principal, params: unknown[]): string {
    if (p.role === 'admin') return 'true';
    if (p.role !== 'enterprise')
      throw new AppException(
        HttpStatus.FORBIDDEN,
        'FORBIDDEN',
        'result notices are read by the enterprise they concern',
      );
    params.push(p.org ?? '');
    return `(n.uscc = $${params.length} OR n.manufacturer_uscc = $${params.length})`;
  }

  async list(p: Principal): Promise<{ items: NoticeView[] }> {
    const params: unknown[] = [];
    const items = (await this.ds.query(
      `${VIEW} WHERE ${this.scope(p, params)} ORDER BY n.created_at DESC, n.id LIMIT 500`,
      params,
    )) as NoticeView[];
    return { items };
  }

  async get(p: Principal, id: string, m: EntityManager = this.ds.manager): Promise<NoticeView> {
    if (!UUID.test(id)) throw notFound('notice', id);
    const params: unknown[] = [id];
    const [row] = (await m.query(
      `${VIEW} WHERE n.id = $1 AND ${this.scope(p, params)}`,
      params,
    )) as NoticeView[];
    if (!row) throw notFound('notice', id);
    return row;
  }

  /** Marks the notice read (the first time only); by the enterprise it is addressed to. */
  async read(p: Principal, id: string): Promise<NoticeView> {
    return this.ds.transaction(async (m) => {
      const before = await this.get(p, id, m);
      if (p.role !== 'enterprise' || before.uscc !== p.org)
        throw new AppException(
          HttpStatus.FORBIDDEN,
          'FORBIDDEN',
          'only the enterprise the notice is addressed to marks it read',
        );
      if (before.readAt !== null) return before;
      // Conditional, so of two first reads at once only one marks it (and is audited); the
      // other waits for that row lock, then finds it read.
      const marked = (await m.query(
        `UPDATE result_notice SET read_at = now() WHERE id = $1 AND read_at IS NULL RETURNING 1`,
        [id],
      )) as [unknown[], number];
      const after = await this.get(p, id, m);
      if (marked[1] === 0) return after;
      await recordAudit(m, p, [
        { action: 'read', entityType: 'result_notice', entityId: id, before, after },
      ]);
      return after;
    });
  }
}
