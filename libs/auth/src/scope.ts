import { forbiddenError, isUuid, regionPrefix } from '@spotcheck/domain';
import type { Role } from '@spotcheck/domain';
import type { Principal } from './principal';

/**
 * What a principal may see, as data. It is the one access policy of the system: services ask
 * for it once per request (`scopeOf`) and hand it to repositories, which turn it into a WHERE
 * condition over their own columns (`scopeSql`, `scopeWhere`) or test a loaded row
 * (`inScope`). A row outside the scope is never distinguished from a missing one: both are
 * 404.
 *
 * - admin: everything;
 * - regulator: rows whose region code lies in the GB/T 2260 subtree of the jurisdiction;
 * - lab: rows carrying its lab id (a token whose org is no lab id sees nothing);
 * - enterprise: rows carrying its USCC.
 */
export type Scope =
  | { kind: 'all' }
  | { kind: 'region'; prefix: string }
  | { kind: 'lab'; labId: string | null }
  | { kind: 'enterprise'; uscc: string };

/**
 * Where a table (or a query's aliases) keeps what each scope is matched against: SQL
 * expressions, any of which may match. A scope whose kind has no entry here sees no row.
 */
export interface ScopeColumns {
  /** Expressions giving a GB/T 2260 code, e.g. `p.jurisdiction`, `e.region_code`. */
  region?: string | readonly string[];
  /**
   * Expressions giving the GB/T 2260 code of a jurisdiction that sets a rule for its subtree
   * (a target): a regulator sees those set within its subtree and those set above it, which
   * hold in its jurisdiction too.
   */
  regionOrAbove?: string | readonly string[];
  /** Expressions giving a lab id (uuid), e.g. `s.lab_id`, `s.retest_lab_id`. */
  lab?: string | readonly string[];
  /** Expressions giving a USCC, e.g. `s.sampled_uscc`, `s.manufacturer_uscc`. */
  enterprise?: string | readonly string[];
}

/** The values of a loaded row that `inScope` compares, by the same kinds. */
export interface ScopeKeys {
  region?: string | readonly (string | null | undefined)[] | null;
  regionOrAbove?: string | readonly (string | null | undefined)[] | null;
  lab?: string | readonly (string | null | undefined)[] | null;
  enterprise?: string | readonly (string | null | undefined)[] | null;
}

/**
 * The caller's scope for `resource` (named in the 403), refusing roles not in `roles`.
 * A role that may use a resource at all sees only its own part of it.
 */
export function scopeOf(p: Principal, resource: string, roles: readonly Role[]): Scope {
  if (!roles.includes(p.role)) throw forbiddenError(`role ${p.role} may not use ${resource}`);
  switch (p.role) {
    case 'admin':
      return { kind: 'all' };
    case 'regulator':
      return { kind: 'region', prefix: regionPrefix(p.jurisdiction ?? '') };
    case 'lab':
      return { kind: 'lab', labId: isUuid(p.org) ? p.org.toLowerCase() : null };
    case 'enterprise':
      return { kind: 'enterprise', uscc: p.org ?? '' };
    default:
      throw forbiddenError(`role ${p.role as string} may not use ${resource}`);
  }
}

const list = (v: string | readonly string[] | undefined): readonly string[] =>
  v === undefined ? [] : typeof v === 'string' ? [v] : v;

const anyOf = (conds: string[]): string =>
  conds.length === 0 ? 'false' : conds.length === 1 ? conds[0] : `(${conds.join(' OR ')})`;

/**
 * The scope as a condition for positional SQL: `arg` adds a parameter and returns its
 * placeholder (`$3`). Always a boolean expression; `true` for an admin.
 */
export function scopeSql(scope: Scope, cols: ScopeColumns, arg: (v: unknown) => string): string {
  switch (scope.kind) {
    case 'all':
      return 'true';
    case 'region': {
      const below = [...list(cols.region), ...list(cols.regionOrAbove)];
      const above = list(cols.regionOrAbove);
      if (!scope.prefix) return below.length ? 'true' : 'false';
      const like = below.length ? arg(`${scope.prefix}%`) : '';
      const prefix = above.length ? arg(scope.prefix) : '';
      return anyOf([
        ...below.map((c) => `${c} LIKE ${like}`),
        // A code's own prefix drops its trailing pairs of zeros (regionPrefix).
        ...above.map((c) => `${prefix} LIKE regexp_replace(${c}, '(00)+$', '') || '%'`),
      ]);
    }
    case 'lab': {
      if (scope.labId === null) return 'false';
      const id = list(cols.lab).length ? arg(scope.labId) : '';
      return anyOf(list(cols.lab).map((c) => `${c} = ${id}::uuid`));
    }
    case 'enterprise': {
      const uscc = list(cols.enterprise).length ? arg(scope.uscc) : '';
      return anyOf(list(cols.enterprise).map((c) => `${c} = ${uscc}`));
    }
  }
}

/**
 * The scope as a condition with named parameters, for TypeORM query builders:
 * `qb.andWhere(w.sql, w.params)`. Parameter names start with `scope_`.
 */
export function scopeWhere(
  scope: Scope,
  cols: ScopeColumns,
): { sql: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  const sql = scopeSql(scope, cols, (v) => {
    const name = `scope_${Object.keys(params).length}`;
    params[name] = v;
    return `:${name}`;
  });
  return { sql, params };
}

/** A code's subtree prefix, or one nothing starts with when it is no region code. */
const prefixOf = (code: string): string => {
  try {
    return regionPrefix(code);
  } catch {
    return '\u0000';
  }
};

const values = (v: ScopeKeys[keyof ScopeKeys]): string[] =>
  v === undefined || v === null
    ? []
    : (typeof v === 'string' ? [v] : v).filter((x): x is string => typeof x === 'string');

/** Whether a row already loaded lies in the scope, by the same rules as `scopeSql`. */
export function inScope(scope: Scope, row: ScopeKeys): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'region':
      return (
        [...values(row.region), ...values(row.regionOrAbove)].some((r) =>
          r.startsWith(scope.prefix),
        ) || values(row.regionOrAbove).some((r) => scope.prefix.startsWith(prefixOf(r)))
      );
    case 'lab':
      return scope.labId !== null && values(row.lab).some((l) => l.toLowerCase() === scope.labId);
    case 'enterprise':
      return values(row.enterprise).includes(scope.uscc);
  }
}

/**
 * Holders of a failed batch (下架 / 召回, docs/cases.md#recall): the enterprises that the
 * batch's captured shipping and receiving events name (by the GS1 company prefix of the place
 * or party) hold it. A holder that is neither the sampled enterprise nor the named manufacturer
 * is outside the case's scope; it reads only the holder's part of it (the product, the failure,
 * the manufacturer's recall decision, its own withdrawal) and confirms its withdrawal. Whether
 * an enterprise holds the batch is known only once the events' parties are resolved to
 * enterprises, so this tests the resolved USCCs (`holders`, null for a holder without an
 * account) like `inScope` tests a loaded row: only an enterprise among them holds the batch.
 */
export function holdsBatch(scope: Scope, holders: readonly (string | null)[]): boolean {
  return scope.kind === 'enterprise' && scope.uscc !== '' && holders.includes(scope.uscc);
}

/**
 * Whose notifications a principal reads: its inbox, the same policy for what is addressed to
 * people as `Scope` is for records. A notification names an audience (`regulator` or `admin`),
 * and either one person (`addressee`, a token `sub`) or, for regulators, an office
 * (`jurisdiction`, a GB/T 2260 code):
 * - a regulator reads those addressed to it, and those addressed to an office in the subtree of
 *   its jurisdiction (by the same subtree rule as `scopeSql`: a province's regulators read their
 *   prefectures' notifications too);
 * - an admin reads those addressed to it, and those addressed to all admins;
 * - an enterprise's people read those addressed to the enterprise (audience `enterprise`,
 *   `addressee` its USCC).
 * Anything else is out of the inbox and answers 404 as absent. Other roles receive none.
 */
export type Inbox =
  | { kind: 'regulator'; sub: string; region: Scope & { kind: 'region' } }
  | { kind: 'admin'; sub: string }
  | { kind: 'enterprise'; sub: string; uscc: string };

/** Where a table keeps a notification's recipient: SQL expressions. */
export interface InboxColumns {
  audience: string;
  jurisdiction: string;
  addressee: string;
}

/** The caller's inbox, refusing roles not in `roles` (named in the 403 with `resource`). */
export function inboxOf(p: Principal, resource: string, roles: readonly Role[]): Inbox {
  const scope = scopeOf(p, resource, roles);
  if (scope.kind === 'region') return { kind: 'regulator', sub: p.sub, region: scope };
  if (p.role === 'admin') return { kind: 'admin', sub: p.sub };
  if (scope.kind === 'enterprise') return { kind: 'enterprise', sub: p.sub, uscc: scope.uscc };
  throw forbiddenError(`role ${p.role} receives no ${resource}`);
}

/** The inbox as a condition for positional SQL (see `scopeSql`); always a boolean expression. */
export function inboxSql(inbox: Inbox, cols: InboxColumns, arg: (v: unknown) => string): string {
  if (inbox.kind === 'enterprise')
    return `(${cols.audience} = 'enterprise' AND ${cols.addressee} = ${arg(inbox.uscc)})`;
  const sub = arg(inbox.sub);
  if (inbox.kind === 'admin')
    return `(${cols.audience} = 'admin' AND (${cols.addressee} IS NULL OR ${cols.addressee} = ${sub}))`;
  const office = scopeSql(inbox.region, { region: cols.jurisdiction }, arg);
  return `(${cols.audience} = 'regulator' AND (${cols.addressee} = ${sub} OR (${cols.addressee} IS NULL AND ${office})))`;
}
