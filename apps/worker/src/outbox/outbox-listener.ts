import { Client } from 'pg';
import { listenForOutbox } from '@spotcheck/queue';

/** The application_name of the listening session, so an operator can find it in pg_stat_activity. */
export const OUTBOX_LISTENER_NAME = 'spotcheck-outbox-listener';

/** Whether notifications arrive; while not, the relay finds new rows only by polling. */
export interface OutboxListenState {
  listening: boolean;
  /** Since when the session has been lost (ISO time), while it is. */
  lostSince?: string;
  /** Why it was lost, or why the last attempt to listen again failed. */
  reason?: string;
  /** Attempts to listen again since it was lost. */
  attempts: number;
}

interface Log {
  log(message: string): void;
  warn(message: string): void;
}

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5000;

/**
 * Keeps one `LISTEN outbox` session open. When the session ends (PostgreSQL restarted, the
 * connection dropped) it says so once, connects again with backoff until it succeeds, says so
 * again, and wakes the relay to catch up the rows inserted meanwhile. Polling stays the
 * safety net throughout.
 */
export class OutboxListener {
  private client?: Client;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private lostAt?: Date;
  private reason?: string;
  private attempts = 0;

  constructor(
    private readonly url: string,
    private readonly onNotify: () => void,
    private readonly logger: Log,
    private readonly pollMs: number,
  ) {}

  /** Listens, or starts trying to; resolves after the first attempt either way. */
  start(): Promise<void> {
    return this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  state(): OutboxListenState {
    return this.client
      ? { listening: true, attempts: 0 }
      : {
          listening: false,
          lostSince: this.lostAt?.toISOString(),
          reason: this.reason,
          attempts: this.attempts,
        };
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.url,
      application_name: OUTBOX_LISTENER_NAME,
      connectionTimeoutMillis: 5000,
      // A peer that vanished without closing the connection is noticed too.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    let ended = false;
    const lose = (reason: string) => {
      if (ended) return;
      ended = true;
      client.end().catch(() => undefined);
      if (this.client === client) this.client = undefined;
      this.lost(reason);
    };
    client.on('notification', () => this.onNotify());
    client.on('error', (e) => lose(e.message));
    client.on('end', () => lose('connection ended'));
    try {
      await client.connect();
      await listenForOutbox(client);
    } catch (e) {
      lose((e as Error).message);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    if (this.lostAt) {
      const s = ((Date.now() - this.lostAt.getTime()) / 1000).toFixed(1);
      this.logger.log(`outbox LISTEN re-established after ${s} s (${this.attempts} attempts)`);
    }
    this.lostAt = undefined;
    this.reason = undefined;
    this.attempts = 0;
    // Rows inserted while nobody listened sent their notifications to no one.
    this.onNotify();
  }

  private lost(reason: string): void {
    if (this.stopped) return;
    this.reason = reason;
    if (!this.lostAt) {
      this.lostAt = new Date();
      this.logger.warn(
        `outbox LISTEN lost (${reason}); relaying by polling every ${this.pollMs} ms until it is back`,
      );
    }
    const delay = Math.min(FIRST_RETRY_MS * 2 ** this.attempts, MAX_RETRY_MS);
    this.attempts += 1;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.connect(), delay);
  }
}
