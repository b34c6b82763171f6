import type { EntityManager } from 'typeorm';
import type { CaseEvent, CaseState, EscalationStep, IsoDate } from '@spotcheck/domain';

/**
 * A step of a follow-up case to record (`followup_case_step`): written by the API for what
 * people decide and by the worker for what the system finds, so it lives here once.
 */
export interface CaseStepWrite {
  caseId: string;
  /** A step of the case machine, its opening, or a recall step beside the machine. */
  event: CaseEvent | 'open' | 'recall_decision' | 'withdrawal_confirmed';
  from: CaseState | null;
  to: CaseState;
  escalation: EscalationStep | null;
  level: number;
  /** The day in China. */
  on: IsoDate;
  actor: string;
  actorRole: string;
  reason: string | null;
  detail: Record<string, unknown>;
}

/** Appends a step to the case's history (seq: one more than its last; the case row is locked). */
export async function insertCaseStep(m: EntityManager, s: CaseStepWrite): Promise<void> {
  await m.query(
    `INSERT INTO followup_case_step (case_id, seq, event, from_state, to_state, escalation, level,
                                     occurred_on, actor, actor_role, reason, detail)
     SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11
       FROM followup_case_step WHERE case_id = $1`,
    [
      s.caseId,
      s.event,
      s.from,
      s.to,
      s.escalation,
      s.level,
      s.on,
      s.actor,
      s.actorRole,
      s.reason,
      JSON.stringify(s.detail),
    ],
  );
}
