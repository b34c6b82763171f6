import { ROLES, type Role } from './enums';
import type { DomainFieldError } from './errors';
import { isUuid } from './ids';
import { validateJurisdiction } from './region';
import { validateUscc } from './uscc';

/**
 * Accounts and their passwords (docs/rules.md §1.1): who may sign in, and the rules a console
 * can show as the user types, the same as the server applies.
 */

/** Wrong passwords in a row that lock an account. */
export const LOCKOUT_ATTEMPTS = 5;
/** How long a locked account stays locked, in minutes. */
export const LOCKOUT_MINUTES = 15;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * A user name: 2–64 letters (any script), digits and `.`, `_`, `-`, `@`, starting with a letter
 * or digit. Unique without regard to case; it is also the `sub` of the account's tokens, and so
 * the name a lab's staff list and the audit log know the person by.
 */
const USER_NAME = /^[\p{L}\p{N}][\p{L}\p{N}._@-]{1,63}$/u;

export function userNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string') return 'must be a string';
  if (!USER_NAME.test(name))
    return 'must be 2–64 letters, digits, ".", "_", "-" or "@", starting with a letter or digit';
  return undefined;
}

/**
 * Why a new password is refused, or nothing: at least 10 and at most 128 characters, with
 * letters and digits, not the user name (in any case). Length over composition rules (NIST SP
 * 800-63B §5.1.1); letters and digits together as the graded protection of information systems
 * (GB/T 22239-2019, 8.1.4.1) asks for a complex password.
 */
export function passwordProblems(password: unknown, userName?: string): string[] {
  if (typeof password !== 'string') return ['must be a string'];
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (length > PASSWORD_MAX_LENGTH)
    problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters`);
  if (!/\p{L}/u.test(password) || !/\p{N}/u.test(password))
    problems.push('must contain both letters and digits');
  if (userName && password.toLowerCase().includes(userName.toLowerCase()))
    problems.push('must not contain the user name');
  return problems;
}

/** Who an account signs in as: its role and the part of the system it belongs to. */
export interface AccountIdentity {
  role: Role;
  /** GB/T 2260 code; regulators only, required. */
  jurisdiction?: string | null;
  /** The lab id (role lab) or the enterprise USCC (role enterprise); required for those. */
  org?: string | null;
  /** Inspector staff number (执法证号); regulators only, optional. */
  staffNo?: string | null;
}

/**
 * The problems of an account's identity, each naming its field: the same shape the tokens of
 * that role carry (libs/auth principalFromClaims), so an account can always sign in.
 */
export function accountIdentityProblems(a: {
  role?: unknown;
  jurisdiction?: unknown;
  org?: unknown;
  staffNo?: unknown;
}): DomainFieldError[] {
  const out: DomainFieldError[] = [];
  const given = (v: unknown) => v !== undefined && v !== null && v !== '';
  if (typeof a.role !== 'string' || !(ROLES as readonly string[]).includes(a.role)) {
    out.push({ field: 'role', reason: `must be one of ${ROLES.join(', ')}` });
    return out;
  }
  const role = a.role as Role;
  if (role === 'regulator') {
    if (!given(a.jurisdiction))
      out.push({ field: 'jurisdiction', reason: 'is required for a regulator' });
    else {
      const check = validateJurisdiction(a.jurisdiction);
      if (!check.ok) out.push({ field: 'jurisdiction', reason: check.reason });
    }
    if (given(a.staffNo)) {
      const s = a.staffNo;
      if (typeof s !== 'string' || s.trim() === '' || s.length > 64)
        out.push({ field: 'staffNo', reason: 'must be 1–64 characters' });
    }
  } else {
    if (given(a.jurisdiction))
      out.push({ field: 'jurisdiction', reason: 'is only for regulators' });
    if (given(a.staffNo)) out.push({ field: 'staffNo', reason: 'is only for regulators' });
  }
  if (role === 'lab') {
    if (!given(a.org)) out.push({ field: 'org', reason: 'is required for a lab: the lab id' });
    else if (!isUuid(a.org)) out.push({ field: 'org', reason: 'must be the lab id (a uuid)' });
  } else if (role === 'enterprise') {
    if (!given(a.org))
      out.push({ field: 'org', reason: 'is required for an enterprise: its USCC' });
    else {
      const check = typeof a.org === 'string' ? validateUscc(a.org) : undefined;
      if (!check?.ok)
        out.push({ field: 'org', reason: check && !check.ok ? check.reason : 'must be a USCC' });
    }
  } else if (given(a.org)) {
    out.push({ field: 'org', reason: 'is only for labs and enterprises' });
  }
  return out;
}
