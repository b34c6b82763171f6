import { sign } from 'jsonwebtoken';
import type { AccessPolicy, Principal } from '@spotcheck/auth';
import { DEV_JWT_SECRET } from '@spotcheck/common';
import type { Role } from '@spotcheck/domain';
import { token } from '../support/app';
import type { Route } from './routes';

/**
 * The callers of the matrix. The tenants come in pairs: the owners of the records the
 * requests name (a regulator of the jurisdiction, the lab the sample went to, the sampled
 * enterprise) and someone of the same role who does not own them.
 */
export type CallerName =
  | 'no token'
  | 'forged token'
  | 'expired token'
  | 'token without exp'
  | 'regulator inside'
  | 'regulator outside'
  | 'owning lab'
  | 'other lab'
  | 'owning enterprise'
  | 'other enterprise'
  | 'admin';

export interface Caller {
  name: CallerName;
  /** The Authorization header sent, if any. */
  authorization?: string;
  /** Who the token speaks for, when it is a valid token. */
  principal?: Principal;
  /** Whether the records the requests name are this caller's own. */
  owner: boolean;
}

/** The principals of one world: each pair's owner first. */
export interface Tenants {
  regulator: [Principal, Principal];
  lab: [Principal, Principal];
  enterprise: [Principal, Principal];
  admin: Principal;
}

const now = () => Math.floor(Date.now() / 1000);

/**
 * Tokens that must be refused whoever they name: each claims to be an admin, the role that
 * would reach furthest if it were let in.
 */
function refusedTokens(): Caller[] {
  const claims = { role: 'admin' };
  const opts = { subject: 'matrix-admin', issuer: 'spotcheck' } as const;
  return [
    { name: 'no token', owner: false },
    {
      name: 'forged token',
      authorization: `Bearer ${token({ sub: 'matrix-admin', role: 'admin' }, { secret: 'f'.repeat(48) })}`,
      owner: false,
    },
    {
      name: 'expired token',
      authorization: `Bearer ${sign({ ...claims, exp: now() - 60 }, DEV_JWT_SECRET, opts)}`,
      owner: false,
    },
    {
      name: 'token without exp',
      authorization: `Bearer ${sign(claims, DEV_JWT_SECRET, opts)}`,
      owner: false,
    },
  ];
}

export function callersOf(t: Tenants): Caller[] {
  const signed = (name: CallerName, principal: Principal, owner: boolean): Caller => ({
    name,
    principal,
    owner,
    authorization: `Bearer ${token(principal)}`,
  });
  return [
    ...refusedTokens(),
    signed('regulator inside', t.regulator[0], true),
    signed('regulator outside', t.regulator[1], false),
    signed('owning lab', t.lab[0], true),
    signed('other lab', t.lab[1], false),
    signed('owning enterprise', t.enterprise[0], true),
    signed('other enterprise', t.enterprise[1], false),
    signed('admin', t.admin, true),
  ];
}

/**
 * What a route must answer a caller, from its declaration alone:
 * - `allowed`: a 2xx;
 * - `refused`: 401 for a missing or bad token, 403 for a role the route does not name;
 * - `outside`: the caller's role may use the route but the record is another tenant's,
 *   answered as the route's probe says (404 as absent, by default; lists leave it out).
 */
export type Expected =
  { kind: 'allowed' } | { kind: 'refused'; status: 401 | 403 } | { kind: 'outside' };

export function expectedOf(route: Route, caller: Caller): Expected {
  if (route.isPublic) return { kind: 'allowed' };
  if (!caller.principal) return { kind: 'refused', status: 401 };
  const policy = route.access as AccessPolicy;
  const reach = policy[caller.principal.role as Role];
  if (!reach) return { kind: 'refused', status: 403 };
  if (reach === 'any' || caller.owner) return { kind: 'allowed' };
  return { kind: 'outside' };
}

/** A stand-in for each path parameter, for requests refused before anything is looked up. */
export const PLACEHOLDER: Record<string, string> = {
  id: '00000000-0000-4000-8000-000000000000',
  labId: '00000000-0000-4000-8000-000000000000',
  sampleNo: 'NM-MATRIX-NONE',
  uscc: '91150600MA0000000X',
  code: 'MATRIX-NONE',
  date: '2097-03-04',
  sub: 'matrix-nobody',
  userName: 'matrix-nobody',
  name: 'list.json',
  sector: 'food',
  sha256: '0'.repeat(64),
};

/** The route's path with each parameter replaced by its stand-in. */
export function placeholderUrl(route: Route): string {
  return route.path.replace(/:(\w+)/g, (_, name: string) => {
    const v = PLACEHOLDER[name];
    if (v === undefined) throw new Error(`${route.key}: no stand-in for :${name}`);
    return encodeURIComponent(v);
  });
}
