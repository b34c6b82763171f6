import { devToken } from '../api/client';
import { pagesAt, type PageDef } from '../pages/registry';
import { claimsOf, fetchMe, type Me, type Role } from './me';

/**
 * The first load's requests, started as the bundle begins to run instead of one after the
 * other: the session (GET /api/v1/auth/me) and the chunk of the page the address names go out
 * while React and antd are still starting, and the sign-in page's chunk as soon as the session
 * is known to be missing. Imported first by main.tsx.
 */
const BASE = '/console';

/** Under /console/: 'plans/3', '' for the start page, 'signin'. */
const path = location.pathname.startsWith(`${BASE}/`)
  ? location.pathname.slice(BASE.length + 1).replace(/\/+$/, '')
  : '';

const loadSignIn = () => import('../pages/signin');

let pending: Promise<Me | null> | null = fetchMe();

/**
 * The session's first answer: the request made at start-up (once), then a new one each time
 * (the session query's refetches).
 */
export function firstMe(): Promise<Me | null> {
  const p = pending ?? fetchMe();
  pending = null;
  return p;
}

/** A chunk loaded ahead of its page: a failure shows when the page asks for it again. */
const ahead = (load: () => Promise<unknown>) => void load().catch(() => undefined);

if (path === 'signin') ahead(loadSignIn);
else {
  const pages = pagesAt(path);
  const forRole = (role: Role | undefined): PageDef | undefined =>
    pages.length === 1 ? pages[0] : pages.find((p) => role && p.roles.includes(role));
  // A developer's token names the role at once; cookies only through /me.
  const token = devToken.get();
  const early = forRole(token ? claimsOf(token)?.role : undefined);
  if (early) ahead(early.load);
  void pending.then(
    (me) => {
      if (!me) ahead(loadSignIn);
      else if (!early) {
        const page = forRole(me.role);
        if (page) ahead(page.load);
      }
    },
    () => undefined,
  );
}
