import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@spotcheck/domain';
import type { Principal } from './principal';

/** No token needed (health, public portal). */
export { IS_PUBLIC, Public } from '@spotcheck/common';
export const ROLES_KEY = 'spotcheck:roles';

/** Only these roles may call the route (403 otherwise). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ user: Principal }>().user;
});
