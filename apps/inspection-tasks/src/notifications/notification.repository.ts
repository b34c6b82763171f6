import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Inbox, InboxColumns, inboxSql } from '@spotcheck/auth';
import type { NotificationKind } from '@spotcheck/domain';

/** A notification as its reader sees it: with when that reader read it. */
export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  subject: string;
  jurisdiction: string | null;
  addressee: string | null;
  dueOn: string | null;
  detail: Record<string, unknown>;
  /** UTC, microseconds: `YYYY-MM-DDTHH:MM:SS.ffffffZ` (what the cursor holds). */
  createdAt: string;
  readAt: Date | null;
}

export interface NotificationFilter {
  unread?: boolean;
  kind?: NotificationKind;
  /** The (createdAt, id) of the previous page's last row. */
  before?: [string, string];
}

const INBOX: InboxColumns = {
  audience: 'n.audience',
  jurisdiction: 'n.jurisdiction',
  addressee: 'n.addressee',
};

/** `reader` is always the first parameter. */
const VIEW = `
  SELECT n.id, n.kind, n.subject, n.jurisdiction, n.addressee, n.due_on::text AS "dueOn",
         n.detail,
         to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAt",
         r.read_at AS "readAt"
    FROM notification n
    LEFT JOIN notification_read r ON r.notification_id = n.id AND r.reader = $1`;

/** The SQL of notifications as their readers read them (the worker raises them). */
@Injectable()
export class NotificationRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** A page of the inbox, newest first: `limit + 1` rows, so the caller sees whether more follow. */
  page(inbox: Inbox, f: NotificationFilter, limit: number): Promise<NotificationRow[]> {
    const params: unknown[] = [inbox.sub];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const where = [inboxSql(inbox, INBOX, arg)];
    if (f.unread === true) where.push('r.notification_id IS NULL');
    if (f.unread === false) where.push('r.notification_id IS NOT NULL');
    if (f.kind !== undefined) where.push(`n.kind = ${arg(f.kind)}`);
    if (f.before)
      where.push(
        `(n.created_at, n.id) < (${arg(f.before[0])}::timestamptz, ${arg(f.before[1])}::uuid)`,
      );
    return this.ds.query(
      `${VIEW} WHERE ${where.join(' AND ')}
        ORDER BY n.created_at DESC, n.id DESC LIMIT ${arg(limit + 1)}`,
      params,
    ) as Promise<NotificationRow[]>;
  }

  async find(m: EntityManager, inbox: Inbox, id: string): Promise<NotificationRow | undefined> {
    const params: unknown[] = [inbox.sub, id];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [row] = (await m.query(
      `${VIEW} WHERE n.id = $2 AND ${inboxSql(inbox, INBOX, arg)}`,
      params,
    )) as NotificationRow[];
    return row;
  }

  /** How many notifications of the inbox its reader has not read. */
  async unread(inbox: Inbox): Promise<number> {
    const params: unknown[] = [inbox.sub];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [row] = (await this.ds.query(
      `SELECT count(*)::int AS unread FROM notification n
        WHERE ${inboxSql(inbox, INBOX, arg)}
          AND NOT EXISTS (SELECT 1 FROM notification_read r
                           WHERE r.notification_id = n.id AND r.reader = $1)`,
      params,
    )) as { unread: number }[];
    return row.unread;
  }

  /** Marks one read by the inbox's reader; false when it already was. */
  async markRead(m: EntityManager, inbox: Inbox, id: string): Promise<boolean> {
    const marked = (await m.query(
      `INSERT INTO notification_read (notification_id, reader) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [id, inbox.sub],
    )) as unknown[];
    return marked.length > 0;
  }

  /** Marks every unread notification of the inbox read, as of this statement; how many. */
  async markAllRead(m: EntityManager, inbox: Inbox): Promise<number> {
    const params: unknown[] = [inbox.sub];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const marked = (await m.query(
      `INSERT INTO notification_read (notification_id, reader)
       SELECT n.id, $1 FROM notification n
        WHERE ${inboxSql(inbox, INBOX, arg)}
          AND NOT EXISTS (SELECT 1 FROM notification_read r
                           WHERE r.notification_id = n.id AND r.reader = $1)
       ON CONFLICT DO NOTHING RETURNING 1`,
      params,
    )) as unknown[];
    return marked.length;
  }
}
