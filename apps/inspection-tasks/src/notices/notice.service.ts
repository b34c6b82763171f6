import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal, Scope, scopeOf } from '@spotcheck/auth';
import { recordAudit } from '@spotcheck/common';
import { forbiddenError, notFoundError } from '@spotcheck/domain';
import { NoticeRepository, NoticeView } from './notice.repository';

export type { NoticeView } from './notice.repository';

/**
 * Result notices (检验结果通知书) as an enterprise reads them. Written by lab-results when a
 * report version is issued; addressed to the sampled enterprise, and readable by the nominal
 * manufacturer named on the sampling record. Only the addressee marks one read.
 */
@Injectable()
export class NoticeService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly notices: NoticeRepository,
  ) {}

  async list(p: Principal): Promise<{ items: NoticeView[] }> {
    return { items: await this.notices.list(this.scope(p)) };
  }

  /** `id` is a UUID (the controller's `@IdParam`). */
  async get(p: Principal, id: string): Promise<NoticeView> {
    return this.find(this.ds.manager, this.scope(p), id);
  }

  /** Marks the notice read (the first time only); by the enterprise it is addressed to. */
  async read(p: Principal, id: string): Promise<NoticeView> {
    const scope = this.scope(p);
    return this.ds.transaction(async (m) => {
      const before = await this.find(m, scope, id);
      if (p.role !== 'enterprise' || before.uscc !== p.org)
        throw forbiddenError('only the enterprise the notice is addressed to marks it read');
      if (before.readAt !== null) return before;
      const marked = await this.notices.markRead(m, id);
      const after = await this.find(m, scope, id);
      if (!marked) return after;
      await recordAudit(m, p, [
        { action: 'read', entityType: 'result_notice', entityId: id, before, after },
      ]);
      return after;
    });
  }

  private scope(p: Principal): Scope {
    return scopeOf(p, 'result notices', ['enterprise', 'admin']);
  }

  private async find(m: EntityManager, scope: Scope, id: string): Promise<NoticeView> {
    const row = await this.notices.find(m, scope, id);
    if (!row) throw notFoundError('notice', id);
    return row;
  }
}
