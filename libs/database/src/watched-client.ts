import type { Socket } from 'node:net';
import { Client, DatabaseError, type ClientConfig } from 'pg';

/** The pool's client options, with how long a statement waits before the server is checked. */
export type WatchedClientConfig = ClientConfig & {
  /** After a statement has waited this long, check that PostgreSQL answers at all (0: never). */
  answerCheckMs?: number;
};

/** One check at a time per pool (the pool hands every client the same options object). */
const checks = new WeakMap<object, Promise<boolean>>();

/**
 * Whether PostgreSQL gets a new connection ready within the connect timeout. An
 * error the server sends (too many connections, starting up) is an answer too: it is there.
 */
function serverAnswers(config: WatchedClientConfig): Promise<boolean> {
  let check = checks.get(config);
  if (!check) {
    check = checkServer(config).finally(() => checks.delete(config));
    checks.set(config, check);
  }
  return check;
}

async function checkServer(config: WatchedClientConfig): Promise<boolean> {
  const limit = config.connectionTimeoutMillis || 5000;
  const probe = new Client({
    ...config,
    connectionTimeoutMillis: limit,
    application_name: 'spotcheck-answer-check',
  });
  probe.on('error', () => undefined);
  // A connection is ready only once a backend has started and said so: that is an answer.
  const attempt = probe.connect().then(() => true);
  attempt.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      attempt,
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), limit);
      }),
    ]);
  } catch (e) {
    return e instanceof DatabaseError;
  } finally {
    clearTimeout(timer);
    // end() would wait for a server that may not answer.
    (probe as unknown as { connection: { stream: Socket } }).connection.stream.destroy();
  }
}

type Query = (this: Client, ...args: unknown[]) => unknown;
const baseQuery = Client.prototype.query as unknown as Query;

/**
 * A node-postgres client that does not wait forever on a PostgreSQL that stopped answering
 * (a frozen machine, a network that drops packets rather than refusing). Such a server never
 * ends the connection, so a statement on it would wait until TCP gave up, many minutes later.
 *
 * A statement that has waited `answerCheckMs` is not cut on that account alone, since a long
 * statement (a migration, an index rebuild, a wait for a lock) may be fine: the client checks
 * that the server answers on a new connection within the connect timeout, and keeps waiting if
 * it does. If it does not, the client closes its connection. Its statements then fail with
 * ETIMEDOUT (the apps answer 503) and the pool drops the client. Closing, rather than leaving
 * the statement behind as node-postgres' own `query_timeout` does, matters: a client given
 * back to the pool with a statement still in flight would, once the server woke, be in
 * whatever state that statement left, e.g. inside a transaction whose ROLLBACK was never sent,
 * and the next request would write into it. A closed session is rolled back by the server.
 *
 * Streams (COPY) are not watched: they last as long as their reader or writer.
 */
export class WatchedClient extends Client {
  private readonly watch: WatchedClientConfig;

  constructor(config: WatchedClientConfig) {
    super(config);
    this.watch = config;
  }

  /** Ends the connection at once, failing its statements with `err`. */
  private abandon(err: Error): void {
    (this as unknown as { connection: { stream: Socket } }).connection.stream.destroy(err);
  }

  static {
    (WatchedClient.prototype as unknown as { query: unknown }).query = function (
      this: WatchedClient,
      ...args: unknown[]
    ): unknown {
      const checkMs = this.watch.answerCheckMs ?? 0;
      const first = args[0] as { submit?: unknown } | null | undefined;
      if (checkMs <= 0 || (typeof first === 'object' && typeof first?.submit === 'function'))
        return baseQuery.apply(this, args);
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        timer = setTimeout(() => {
          void serverAnswers(this.watch).then((answers) => {
            if (settled) return;
            if (answers) return arm();
            this.abandon(
              Object.assign(
                new Error(
                  `PostgreSQL did not answer a statement for ${checkMs} ms, nor a new connection in time; connection closed`,
                ),
                { code: 'ETIMEDOUT' },
              ),
            );
          });
        }, checkMs);
        timer.unref();
      };
      const done = () => {
        settled = true;
        clearTimeout(timer);
      };
      arm();
      const last = args[args.length - 1];
      if (typeof last === 'function') {
        args[args.length - 1] = (...result: unknown[]) => {
          done();
          return (last as (...a: unknown[]) => unknown)(...result);
        };
        return baseQuery.apply(this, args);
      }
      let result: unknown;
      try {
        result = baseQuery.apply(this, args);
      } catch (e) {
        done();
        throw e;
      }
      if (result instanceof Promise) result.then(done, done);
      else done();
      return result;
    };
  }
}
