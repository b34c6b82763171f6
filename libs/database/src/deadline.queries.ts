import { DEADLINE_TIME_ZONE } from '@spotcheck/domain';

/**
 * libs/domain's deadline rules as SQL, for lists that filter or show them in the database.
 * Each mirrors one domain function (and a medium test holds them equal); no other SQL spells
 * these rules out.
 */

/** Today in China: the day deadlines are compared with (domain `deadlineToday`). */
export const TODAY_SQL = `(now() AT TIME ZONE '${DEADLINE_TIME_ZONE}')::date`;

/**
 * The overdue rule (domain `isOverdue`): the step is pending (not done), it has a due date and
 * that date is before today. `due` is a `date` expression that may be null, `pending` a
 * boolean one that is never null; the result is never null. A top-level conjunction, so a
 * partial index on the due date over pending rows serves `overdue = true`. `today` is the
 * database's day in China unless the caller passes the day it computed (a `date` expression).
 */
export function overdueSql(due: string, pending: string, today = TODAY_SQL): string {
  return `(${pending} AND ${due} IS NOT NULL AND ${due} < ${today})`;
}

/** Done late (domain `isLate`): the day it was done, in China, is after its due date. */
export function lateSql(due: string, doneAt: string): string {
  return `coalesce((${doneAt} AT TIME ZONE '${DEADLINE_TIME_ZONE}')::date > ${due}, false)`;
}
