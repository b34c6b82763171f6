import { RouteConfig } from '@nestjs/platform-fastify';
import type { RouteOptions } from 'fastify';

const SIGN_IN = 'spotcheckSignIn';

/**
 * The route guesses passwords if abused (sign-in, password change): each client address may call
 * it AUTH_SIGN_IN_RATE_LIMIT_PER_MINUTE times a minute, then gets 429 with Retry-After. The
 * account lockout stops guessing one account's password from many addresses; this stops one
 * address guessing many accounts'.
 */
export const SignInRateLimit = () => RouteConfig({ [SIGN_IN]: true });

/** A Fastify `onRoute` hook giving @SignInRateLimit routes their limit (@fastify/rate-limit). */
export function signInRateLimitHook(perMinute: number) {
  return (route: RouteOptions): void => {
    const config = route.config as Record<string, unknown> | undefined;
    if (!config?.[SIGN_IN]) return;
    config.rateLimit = { max: perMinute, timeWindow: 60_000 };
  };
}
