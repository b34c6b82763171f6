import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Inbox, Principal, inboxOf } from '@spotcheck/auth';
import { Page, recordAudit } from '@spotcheck/common';
import {
  decodeCursor,
  encodeCursor,
  invalidError,
  isCursorInstant,
  isUuid,
  notFoundError,
  notificationMessage,
} from '@spotcheck/domain';
import type { NotificationQuery } from './notification.dto';
import { NotificationRepository, NotificationRow } from './notification.repository';
import type { NotificationDto } from './notification.response';

/**
 * Notifications (提醒) as regulators and admins read them (docs/rules.md §3.7). The worker raises
 * them; each reader sees those of their inbox (`inboxOf`, libs/auth: a regulator those addressed
 * to it or to an office in its jurisdiction's subtree, an admin those addressed to it or to all
 * admins) and keeps their own read marks. Anything outside the inbox answers 404 as absent.
 */
@Injectable()
export class NotificationService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly notifications: NotificationRepository,
  ) {}

  async list(p: Principal, q: NotificationQuery): Promise<Page<NotificationDto>> {
    const inbox = this.inbox(p);
    let before: [string, string] | undefined;
    if (q.cursor !== undefined) {
      const c = decodeCursor(q.cursor);
      if (!c || c.length !== 2 || !isCursorInstant(c[0], 6) || !isUuid(c[1]))
        throw invalidError([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
      before = [c[0], c[1] as string];
    }
    const rows = await this.notifications.page(
      inbox,
      { unread: q.unread, kind: q.kind, before },
      q.limit,
    );
    const more = rows.length > q.limit;
    const items = (more ? rows.slice(0, q.limit) : rows).map(view);
    const last = items[items.length - 1];
    return { items, nextCursor: more ? encodeCursor([last.createdAt, last.id]) : null };
  }

  async unreadCount(p: Principal): Promise<{ unread: number }> {
    return { unread: await this.notifications.unread(this.inbox(p)) };
  }

  /** Marks one notification read by the caller (the first time; again changes nothing). */
  async read(p: Principal, id: string): Promise<NotificationDto> {
    const inbox = this.inbox(p);
    return this.ds.transaction(async (m) => {
      const before = await this.find(m, inbox, id);
      if (before.readAt !== null) return view(before);
      if (!(await this.notifications.markRead(m, inbox, id)))
        return view(await this.find(m, inbox, id));
      const after = await this.find(m, inbox, id);
      await recordAudit(m, p, [
        { action: 'read', entityType: 'notification', entityId: id, before, after },
      ]);
      return view(after);
    });
  }

  /** Marks every notification of the caller's inbox unread now as read by the caller. */
  async readAll(p: Principal): Promise<{ marked: number }> {
    const inbox = this.inbox(p);
    return this.ds.transaction(async (m) => {
      const marked = await this.notifications.markAllRead(m, inbox);
      if (marked > 0)
        await recordAudit(m, p, [
          { action: 'read_all', entityType: 'notification', detail: { marked } },
        ]);
      return { marked };
    });
  }

  private inbox(p: Principal): Inbox {
    return inboxOf(p, 'notifications', ['regulator', 'admin', 'enterprise']);
  }

  private async find(m: EntityManager, inbox: Inbox, id: string): Promise<NotificationRow> {
    const row = await this.notifications.find(m, inbox, id);
    if (!row) throw notFoundError('notification', id);
    return row;
  }
}

function view(r: NotificationRow): NotificationDto {
  return {
    id: r.id,
    kind: r.kind,
    subject: r.subject,
    message: notificationMessage(r.kind, r.detail),
    detail: r.detail,
    dueOn: r.dueOn,
    jurisdiction: r.jurisdiction,
    createdAt: r.createdAt,
    readAt: r.readAt,
  };
}
