import { devToken } from '../api/client';

export type Role = 'regulator' | 'lab' | 'enterprise' | 'admin';

/** Who is signed in (GET /api/v1/auth/me). */
export interface Me {
  sub: string;
  role: Role;
  jurisdiction: string | null;
  org: string | null;
  staffNo: string | null;
  displayName: string | null;
}

/** The claims of a developer's token, read without checking it: the API checks it. */
export function claimsOf(token: string): Me | null {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0)));
    const c = JSON.parse(json) as Record<string, unknown>;
    if (typeof c.sub !== 'string' || typeof c.role !== 'string') return null;
    if (typeof c.exp === 'number' && c.exp * 1000 < Date.now()) return null;
    const s = (v: unknown) => (typeof v === 'string' ? v : null);
    return {
      sub: c.sub,
      role: c.role as Role,
      jurisdiction: s(c.jurisdiction),
      org: s(c.org),
      staffNo: s(c.staffNo),
      displayName: s(c.name),
    };
  } catch {
    return null;
  }
}

/**
 * The session: the account the cookies (or a developer's token) speak for, or null when
 * nobody is signed in.
 */
export async function fetchMe(): Promise<Me | null> {
  const token = devToken.get();
  const res = await fetch('/api/v1/auth/me', {
    credentials: 'same-origin',
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (res.ok) return (await res.json()) as Me;
  // An app without the sign-in routes: the token's own claims.
  if (res.status === 404 && token) return claimsOf(token);
  if (res.status === 401 && !token) {
    const refreshed = await fetch('/api/v1/auth/refresh', {
      method: 'POST',
      credentials: 'same-origin',
    });
    if (refreshed.ok) return fetchMe();
  }
  return null;
}
