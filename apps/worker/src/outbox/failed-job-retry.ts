/** What `failed_job` holds about one job: how often it failed its last attempt, and how long ago. */
export interface FailureHistory {
  failures: number;
  /** Milliseconds since the latest recorded failure (database time). */
  sinceLastMs: number;
}

/**
 * Whether a job that failed its last attempt may have another round now. The wait doubles
 * with each recorded failure, from `firstMs` up to `maxMs`: an outage of minutes is over by
 * the first retry, while a job that fails for a lasting reason (a poison event) comes round a
 * few times a day instead of in a hot loop. A job with no recorded failure (the record was
 * lost, e.g. PostgreSQL was down when it failed) may go at once.
 */
export function failedJobRetryDue(
  history: FailureHistory | undefined,
  firstMs: number,
  maxMs: number,
): boolean {
  if (!history || history.failures === 0) return true;
  const wait = Math.min(firstMs * 2 ** Math.min(history.failures - 1, 40), maxMs);
  return history.sinceLastMs >= wait;
}
