import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@spotcheck/domain';
import type { Principal } from './principal';

/** No token needed (health, public portal). */
export { IS_PUBLIC, Public } from '@spotcheck/common';
export const ACCESS_KEY = 'spotcheck:access';

/**
 * How far a role reaches among the records a route serves:
 * - `own`: only its own part, as `scopeOf` gives it (a regulator the subtree of its
 *   jurisdiction, a lab its own samples and reports, an enterprise the rows carrying its
 *   USCC); another tenant's record answers 404 as an absent one, and lists leave it out;
 * - `any`: every record the route serves.
 */
export type Reach = 'own' | 'any';

/** Who may call a route: each role named, with its reach. A role not named gets 403. */
export type AccessPolicy = Readonly<Partial<Record<Role, Reach>>>;

/**
 * The access policy of one route, declared on its handler: the roles the guard lets through
 * (403 for the others) and how far each reaches, which the services' scope enforces.
 * Every route declares either this or `@Public()`; the guard refuses a route that declares
 * neither, and the access matrix (test/access-matrix) calls every route as every kind of
 * caller and expects the answers this declaration implies.
 */
export const Access = (policy: AccessPolicy) => SetMetadata(ACCESS_KEY, policy);

/** The roles a policy lets call the route. */
export const rolesOf = (policy: AccessPolicy): Role[] => Object.keys(policy) as Role[];

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ user: Principal }>().user;
});
