import { ROLES, Role, isUuid, validateJurisdiction, validateUscc } from '@spotcheck/domain';

/** Who is calling, from the verified token. */
export interface Principal {
  sub: string;
  role: Role;
  /** GB/T 2260 code; regulators act only inside its subtree. */
  jurisdiction?: string;
  /** Lab id (role lab) or USCC (role enterprise). */
  org?: string;
  /**
   * Regulators only, optional: the caller's inspector staff number (执法证号), which links the
   * token to the inspector directory so `GET /tasks/mine` can list the caller's own tasks.
   */
  staffNo?: string;
  /** The person's display name, when the token carries one (sign-in sessions, OIDC). */
  name?: string;
  /** The sign-in session a browser's access token belongs to (libs/auth session). */
  sid?: string;
}

/** Checks the claims a verified token carries; returns the principal or the reason it is refused. */
export function principalFromClaims(claims: Record<string, unknown>): Principal | string {
  const { sub, role, jurisdiction, org, staffNo, name, sid } = claims;
  if (typeof sub !== 'string' || sub.length === 0) return 'claim sub is missing';
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    return `claim role must be one of ${ROLES.join(', ')}`;
  }
  const p: Principal = { sub, role: role as Role };
  if (role === 'regulator') {
    if (typeof jurisdiction !== 'string') return 'claim jurisdiction is required for regulators';
    const check = validateJurisdiction(jurisdiction);
    if (!check.ok) return `claim jurisdiction: ${check.reason}`;
    p.jurisdiction = jurisdiction;
    if (staffNo !== undefined) {
      // The shape the inspector directory accepts; whether that inspector exists and works in
      // the jurisdiction is for the routes that use it to decide.
      if (typeof staffNo !== 'string' || staffNo.trim().length === 0 || staffNo.length > 64)
        return 'claim staffNo must be a non-empty string of at most 64 characters';
      p.staffNo = staffNo;
    }
  } else if (staffNo !== undefined) {
    return 'claim staffNo is only for regulators';
  }
  if (role === 'lab' || role === 'enterprise') {
    if (typeof org !== 'string' || org.length === 0)
      return `claim org is required for role ${role}`;
    if (role === 'enterprise' && !validateUscc(org).ok)
      return 'claim org must be the enterprise USCC';
    p.org = org;
  }
  if (name !== undefined) {
    if (typeof name !== 'string' || name.length > 200) return 'claim name must be a string';
    p.name = name;
  }
  if (sid !== undefined) {
    if (!isUuid(sid)) return 'claim sid must be a session id';
    p.sid = sid;
  }
  return p;
}
