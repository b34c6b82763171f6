import { Principal, scopePrefix } from '@spotcheck/auth';

/** What a sample number can look like; anything else (a NUL, say) is simply not found. */
export const SAMPLE_NO = /^[^\p{Cc}]{1,80}$/u;

/** The facts about a sample that decide who may see it. */
export interface SampleHead {
  id: string;
  planId: string;
  taskId: string;
  labId: string;
  retestLabId: string | null;
  sampledUscc: string;
  manufacturerUscc: string | null;
  /** The plan's jurisdiction. */
  jurisdiction: string;
}

/** The columns of SampleHead over `sample s JOIN sampling_plan p`. */
export const SAMPLE_HEAD_COLUMNS = `s.id, s.plan_id AS "planId", s.task_id AS "taskId",
  s.lab_id AS "labId", s.retest_lab_id AS "retestLabId", s.sampled_uscc AS "sampledUscc",
  s.manufacturer_uscc AS "manufacturerUscc", p.jurisdiction`;

/**
 * Who may see a sample and what follows from it (its trace, its EPCIS export): regulators of
 * its plan's jurisdiction, admins, the lab it was sent to (and the retest lab), the sampled
 * enterprise and the nominal manufacturer.
 */
export function maySeeSample(p: Principal, s: SampleHead): boolean {
  if (p.role === 'admin') return true;
  if (p.role === 'regulator') return s.jurisdiction.startsWith(scopePrefix(p) ?? '\u0000');
  if (p.role === 'lab') return p.org === s.labId || p.org === s.retestLabId;
  if (p.role === 'enterprise') return p.org === s.sampledUscc || p.org === s.manufacturerUscc;
  return false;
}
