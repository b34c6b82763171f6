import { verifyAuditChain } from '@spotcheck/common';
import type { Stack } from './stack';
import type { Outcome } from './writes';

/** How long the stack may take, after a fault is over, to finish every job and seal the chain. */
export const SETTLE_MS = 30_000;

export interface Verdict {
  /** Every way the stack fell short; empty when it held. */
  problems: string[];
  /** Outcomes by status, for the record. */
  outcomes: Record<string, number>;
  /** Milliseconds from the end of the write stream to every job done and every row sealed. */
  settledMs: number;
}

const count = <T>(xs: T[], key: (x: T) => string) =>
  xs.reduce<Record<string, number>>((acc, x) => ((acc[key(x)] = (acc[key(x)] ?? 0) + 1), acc), {});

/**
 * Checks the whole history of the write stream against the database once the faults are over:
 *
 * - each request ended, with 201 or (only while PostgreSQL was down) 503; none timed out or was
 *   cut or refused unless its API process was down at the time;
 * - no accepted (201) write is lost, none refused (503, connection refused) is written, and one
 *   whose answer was lost (cut) is either wholly there or wholly absent;
 * - each enterprise written has exactly one audit row and one outbox row: its event happened
 *   once, neither lost nor doubled;
 * - within {@link SETTLE_MS} every outbox row's job has run, and every audit row is sealed in a
 *   chain that verifies; no job ended in `failed_job`;
 * - the statistics the jobs compute equal the counts the suite knows it wrote.
 */
export async function verify(stack: Stack, outcomes: Outcome[]): Promise<Verdict> {
  const problems: string[] = [];
  const say = (p: string) => problems.length < 40 && problems.push(p);
  const ds = stack.ds;

  for (const o of outcomes) {
    const apiDown = stack.api.wasDownDuring(o.sentAt, o.endedAt);
    if (typeof o.status === 'number') {
      if (o.status !== 201 && o.status !== 503)
        say(`${o.uscc}: answered ${o.status} ${o.detail ?? ''}`);
    } else if (!apiDown) {
      say(`${o.uscc}: ${o.status} (${o.detail ?? ''}) while its API process was up`);
    }
  }

  // The database may be just back; the first queries on the pool's old connections can fail.
  const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return (await ds.query(text, params)) as T[];
      } catch (e) {
        if (attempt >= 20) throw e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  };

  const started = Date.now();
  let settled = false;
  while (Date.now() - started < SETTLE_MS) {
    const [s] = await sql<{ undone: number; unsealed: number }>(
      `SELECT (SELECT count(*) FROM outbox WHERE done_at IS NULL)::int AS undone,
              (SELECT count(*) FROM audit_log WHERE chain_pos IS NULL)::int AS unsealed`,
    );
    if (s.undone === 0 && s.unsealed === 0) {
      settled = true;
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const settledMs = Date.now() - started;
  if (!settled) {
    const [s] = await sql<{ undone: number; unsealed: number }>(
      `SELECT (SELECT count(*) FROM outbox WHERE done_at IS NULL)::int AS undone,
              (SELECT count(*) FROM audit_log WHERE chain_pos IS NULL)::int AS unsealed`,
    );
    say(
      `not settled after ${SETTLE_MS} ms: ${s.undone} outbox rows not done, ${s.unsealed} audit rows unsealed`,
    );
  }

  const usccs = outcomes.map((o) => o.uscc);
  const present = new Set(
    (await sql<{ uscc: string }>('SELECT uscc FROM enterprise WHERE uscc = ANY($1)', [usccs])).map(
      (r) => r.uscc,
    ),
  );
  const audits = new Map(
    (
      await sql<{ id: string; n: number }>(
        `SELECT entity_id AS id, count(*)::int AS n FROM audit_log
          WHERE entity_type = 'enterprise' AND action = 'create' AND entity_id = ANY($1) GROUP BY 1`,
        [usccs],
      )
    ).map((r) => [r.id, r.n]),
  );
  for (const o of outcomes) {
    const there = present.has(o.uscc);
    if (o.status === 201 && !there) say(`${o.uscc}: accepted (201) but not in the database`);
    if ((o.status === 503 || o.status === 'refused') && there)
      say(`${o.uscc}: refused (${o.status}) but written`);
    const n = audits.get(o.uscc) ?? 0;
    if (n !== (there ? 1 : 0))
      say(`${o.uscc}: ${n} audit rows for an enterprise ${there ? 'written' : 'not written'}`);
  }

  const [{ events, all }] = await sql<{ events: number; all: number }>(
    `SELECT count(*) FILTER (WHERE payload->>'entity' = 'enterprise')::int AS events,
            (SELECT count(*) FROM enterprise)::int AS all
       FROM outbox WHERE job = 'directory.changed'`,
  );
  if (all !== present.size)
    say(`${all} enterprises in the database, ${present.size} written by the suite`);
  if (events !== present.size)
    say(`${events} directory.changed events for ${present.size} enterprises written`);

  const failed = await sql<{ job: string; error: string }>('SELECT job, error FROM failed_job');
  for (const f of failed.slice(0, 5)) say(`job ${f.job} failed for good: ${f.error}`);

  const chain = await verifyAuditChain(ds);
  if (!chain.ok) say(`audit chain broken: ${JSON.stringify(chain.firstBroken)}`);
  const [{ rows }] = await sql<{ rows: number }>('SELECT count(*)::int AS rows FROM audit_log');
  if (chain.ok && chain.checked !== rows)
    say(`audit chain covers ${chain.checked} of ${rows} rows`);

  // The statistics the directory.changed jobs keep, against the suite's own count.
  const stats = new Map(
    (
      await sql<{ region: string; n: number }>(
        'SELECT region_code AS region, sum(enterprises)::int AS n FROM directory_stats GROUP BY 1',
      )
    ).map((r) => [r.region, r.n]),
  );
  const truth = count(
    outcomes.filter((o) => present.has(o.uscc)),
    (o) => o.region,
  );
  for (const region of new Set([...stats.keys(), ...Object.keys(truth)]))
    if ((stats.get(region) ?? 0) !== (truth[region] ?? 0))
      say(
        `directory_stats says ${stats.get(region) ?? 0} enterprises in ${region}, the suite wrote ${truth[region] ?? 0}`,
      );

  return { problems, outcomes: count(outcomes, (o) => String(o.status)), settledMs };
}
